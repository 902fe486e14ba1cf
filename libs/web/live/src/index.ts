export * from './lib/live-event';
export * from './lib/live-connection';
export * from './lib/live-session';
export * from './lib/reconnect';
export * from './lib/sse-parser';
