export * from './lib/events.module';
export * from './lib/live-event-draft';
export * from './lib/outbox-writer';
