export * from './lib/factories';
export * from './lib/http-client';
export * from './lib/test-app';
export * from './lib/event-stream';
export * from './lib/redis-keys';
// The database helpers too, so an e2e suite that starts apps on a database of its own has one import.
export { createPrivateTestDatabase, createTestDatabase, type TestDatabase } from '@taskflow/api-testing-db';
