export * from './lib/database-notifications';
export * from './lib/database.module';
export * from './lib/embedded-postgres';
export * from './lib/migrations';
export * from './lib/run-migrations';
export * from './lib/prepared-query';
export * from './lib/iso-timestamps';
