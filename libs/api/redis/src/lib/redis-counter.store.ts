import { Logger } from '@nestjs/common';
import { CounterStore, type WindowCount } from './counter-store';
import { MemoryCounterStore } from './memory-counter.store';
import type { RedisClient } from './redis-client.provider';
import { withTimeout } from '@taskflow/api-core';

// INCR and the expiry in one atomic step, so a crash between them cannot leave a counter without TTL.
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}`;

const COMMAND_TIMEOUT_MS = 250;

/**
 * Counters in Redis, shared by every API process. When Redis is down or slow, counting goes on
 * in this process's memory (the limit still holds per process) instead of failing open.
 */
export class RedisCounterStore extends CounterStore {
  private readonly logger = new Logger('RateLimit');
  private readonly fallback = new MemoryCounterStore();
  private degraded = false;

  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {
    super();
  }

  async increment(key: string, windowSeconds: number): Promise<WindowCount> {
    return this.attempt(
      async () => {
        const [count, ttlMs] = (await this.client.eval(INCREMENT, {
          keys: [this.prefix + key],
          arguments: [String(windowSeconds * 1000)],
        })) as [number, number];
        return { count, resetInSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
      },
      () => this.fallback.increment(key, windowSeconds),
    );
  }

  async peek(key: string): Promise<WindowCount> {
    return this.attempt(
      async () => {
        const fullKey = this.prefix + key;
        const [count, ttlMs] = await Promise.all([this.client.get(fullKey), this.client.pTTL(fullKey)]);
        return { count: Number(count ?? 0), resetInSeconds: Math.max(0, Math.ceil(Number(ttlMs) / 1000)) };
      },
      () => this.fallback.peek(key),
    );
  }

  async reset(key: string): Promise<void> {
    await this.attempt(
      async () => {
        await this.client.del(this.prefix + key);
      },
      () => this.fallback.reset(key),
    );
  }

  private async attempt<T>(viaRedis: () => Promise<T>, viaMemory: () => Promise<T>): Promise<T> {
    if (!this.client.isReady) return this.degrade(viaMemory);
    try {
      const result = await withTimeout(viaRedis(), COMMAND_TIMEOUT_MS, 'Redis rate limit counter');
      if (this.degraded) this.logger.log('Rate limit counters are shared through Redis again.');
      this.degraded = false;
      return result;
    } catch {
      return this.degrade(viaMemory);
    }
  }

  private degrade<T>(viaMemory: () => Promise<T>): Promise<T> {
    if (!this.degraded) this.logger.warn('Redis unavailable: counting rate limits in this process until it returns.');
    this.degraded = true;
    return viaMemory();
  }
}
