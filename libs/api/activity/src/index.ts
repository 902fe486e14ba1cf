export * from './lib/activity.module';
export * from './lib/outbox/outbox-relay';
