import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { redisConfig, type RedisConfig } from '@taskflow/api-config';
import { CounterStore } from './counter-store';
import { MemoryCounterStore } from './memory-counter.store';
import { REDIS_CLIENT, redisClientProvider, type RedisClient } from './redis-client.provider';
import { RedisCounterStore } from './redis-counter.store';
import { RateLimiter } from './rate-limiter';

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
  ],
  exports: [REDIS_CLIENT, CounterStore, RateLimiter],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly client: RedisClient | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.client?.isOpen) await this.client.close().catch(() => undefined);
  }
}
