import { Logger } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RLWrapperTimeouts, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisClient } from './redis-client.provider';

/** Injects the counter behind `RateLimiter`: `rate-limiter-flexible` over Redis, or in memory. */
export const RATE_LIMIT_COUNTER = Symbol('RATE_LIMIT_COUNTER');

/**
 * The counter never refuses by itself: each limit (points and window) is the caller's, passed per
 * call, and `RateLimiter` compares the count with it. One counter for every key means one memory
 * store, so a key counted while Redis is down is peeked at in that same store.
 */
const NEVER_FULL = 2 ** 31 - 1;
/** A Redis command slower than this counts as Redis being down: the request is not held up. */
export const REDIS_TIMEOUT_MS = 250;

/** Fixed-window counters in this process's memory. */
export function memoryRateLimitCounter(): RateLimiterAbstract {
  return new RateLimiterMemory({ points: NEVER_FULL, duration: 60 });
}

/**
 * Fixed-window counters in Redis (one atomic INCR-with-expiry script of the library), shared by
 * every API process. When Redis is down or slow, the insurance limiter goes on counting in this
 * process's memory (the limit still holds per process) instead of failing open.
 */
export function redisRateLimitCounter(client: RedisClient, prefix: string): RateLimiterAbstract {
  const insurance = memoryRateLimitCounter();
  const redis = new RateLimiterRedis({
    storeClient: client,
    useRedisPackage: true,
    // No offline queue on the client and no waiting for a reconnect: fall back at once.
    rejectIfRedisNotReady: true,
    keyPrefix: `${prefix}ratelimit`,
    points: NEVER_FULL,
    duration: 60,
    insuranceLimiter: insurance,
  });
  reportFallbacks(client);
  return new RLWrapperTimeouts({ limiter: redis, timeoutMs: REDIS_TIMEOUT_MS, insuranceLimiter: insurance });
}

/** Says once when counting moves to memory and once when it is shared through Redis again. */
function reportFallbacks(client: RedisClient): void {
  const logger = new Logger('RateLimit');
  let degraded = !client.isReady;
  if (degraded) logger.warn('Redis unavailable: counting rate limits in this process until it returns.');
  client.on('error', () => {
    if (!degraded) logger.warn('Redis unavailable: counting rate limits in this process until it returns.');
    degraded = true;
  });
  client.on('ready', () => {
    if (degraded) logger.log('Rate limit counters are shared through Redis again.');
    degraded = false;
  });
}
