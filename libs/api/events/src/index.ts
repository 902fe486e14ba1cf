export * from './lib/domain-event';
export * from './lib/event-consumer';
export * from './lib/event-dispatcher';
export * from './lib/event-log';
export * from './lib/events.module';
export * from './lib/outbox-writer';
