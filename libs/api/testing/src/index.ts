export * from './lib/factories';
export * from './lib/http-client';
export * from './lib/test-app';
export * from './lib/test-database';
export * from './lib/event-stream';
