import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { redisConfig, type RedisConfig } from '@taskflow/api-config';
import { memoryRateLimitCounter, RATE_LIMIT_COUNTER, redisRateLimitCounter } from './rate-limit-counter';
import { REDIS_CLIENT, redisClientProvider, type RedisClient } from './redis-client.provider';
import { RateLimiter } from './rate-limiter';
import { MemoryVersionedCache } from './memory-versioned.cache';
import { RedisVersionedCache } from './redis-versioned.cache';
import { VersionedCache } from './versioned-cache';

@Global()
@Module({
  providers: [
    redisClientProvider,
    RateLimiter,
    {
      provide: RATE_LIMIT_COUNTER,
      inject: [REDIS_CLIENT, redisConfig.KEY],
      useFactory: (client: RedisClient | null, config: RedisConfig) =>
        client ? redisRateLimitCounter(client, config.keyPrefix) : memoryRateLimitCounter(),
    },
    {
      provide: VersionedCache,
      inject: [REDIS_CLIENT, redisConfig.KEY],
      useFactory: (client: RedisClient | null, config: RedisConfig) =>
        client ? new RedisVersionedCache(client, config.keyPrefix) : new MemoryVersionedCache(),
    },
  ],
  exports: [REDIS_CLIENT, RateLimiter, VersionedCache],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: RedisClient | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.client?.isOpen) await this.client.close().catch(() => undefined);
  }
}
