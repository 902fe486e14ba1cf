export * from './lib/database-client';
export * from './lib/test-data-source';
export * from './lib/test-database';
