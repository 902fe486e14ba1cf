export * from './lib/counter-store';
export * from './lib/memory-counter.store';
export * from './lib/redis-client.provider';
export * from './lib/redis-counter.store';
export * from './lib/redis.module';
export * from './lib/with-timeout';
export * from './lib/rate-limiter';
