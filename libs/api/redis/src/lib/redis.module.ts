import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { redisConfig, type RedisConfig } from '@taskflow/api-config';
import { CounterStore } from './counter-store';
import { MemoryCounterStore } from './memory-counter.store';
import { REDIS_CLIENT, redisClientProvider, type RedisClient } from './redis-client.provider';
import { RedisCounterStore } from './redis-counter.store';
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
      provide: CounterStore,
      inject: [REDIS_CLIENT, redisConfig.KEY],
      useFactory: (client: RedisClient | null, config: RedisConfig) =>
        client ? new RedisCounterStore(client, config.keyPrefix) : new MemoryCounterStore(),
    },
    {
      provide: VersionedCache,
      inject: [REDIS_CLIENT, redisConfig.KEY],
      useFactory: (client: RedisClient | null, config: RedisConfig) =>
        client ? new RedisVersionedCache(client, config.keyPrefix) : new MemoryVersionedCache(),
    },
  ],
  exports: [REDIS_CLIENT, CounterStore, RateLimiter, VersionedCache],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: RedisClient | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.client?.isOpen) await this.client.close().catch(() => undefined);
  }
}
