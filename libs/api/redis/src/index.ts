export * from './lib/redis-client.provider';
export * from './lib/rate-limit-counter';
export * from './lib/redis.module';
export * from './lib/rate-limiter';
export * from './lib/memory-versioned.cache';
export * from './lib/redis-versioned.cache';
export * from './lib/versioned-cache';
