export * from './lib/live.module';
export * from './lib/log/live-log';
export * from './lib/log/stream-id';
export * from './lib/streams/live-hub';
