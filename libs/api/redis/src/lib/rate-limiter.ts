import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@taskflow/api-core';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { RATE_LIMIT_COUNTER } from './rate-limit-counter';

export interface RateLimit {
  /** Names the counter, e.g. `register:203.0.113.9`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

export interface WindowCount {
  count: number;
  /** Seconds until this window's counter starts again from zero. */
  resetInSeconds: number;
}

/**
 * Fixed-window rate limits over `rate-limiter-flexible` (see `rate-limit-counter.ts` for where the
 * counts live). A window starts with its key's first count and lasts `windowSeconds`.
 */
@Injectable()
export class RateLimiter {
  constructor(@Inject(RATE_LIMIT_COUNTER) private readonly counter: RateLimiterAbstract) {}

  /** Counts one more request and refuses it (429 with Retry-After) once the window is full. */
  async consume({ key, limit, windowSeconds }: RateLimit, message = 'Too many requests; try again later.'): Promise<WindowCount> {
    const window = await this.record(key, windowSeconds);
    if (window.count > limit) {
      throw new DomainError(ErrorCode.RateLimited, message, { retryAfterSeconds: window.resetInSeconds });
    }
    return window;
  }

  /** The key's count in its current window, without counting. */
  async peek(key: string): Promise<WindowCount> {
    const window = await this.counter.get(key);
    return window ? toWindowCount(window) : { count: 0, resetInSeconds: 0 };
  }

  /** Counts one more without a limit (e.g. a failed login, checked later with `peek`). */
  async record(key: string, windowSeconds: number): Promise<WindowCount> {
    const window = toWindowCount(await this.counter.consume(key, 1, { customDuration: windowSeconds }));
    return { ...window, resetInSeconds: Math.max(1, window.resetInSeconds) };
  }

  async reset(key: string): Promise<void> {
    await this.counter.delete(key);
  }
}

function toWindowCount(window: RateLimiterRes): WindowCount {
  return { count: window.consumedPoints, resetInSeconds: Math.max(0, Math.ceil(window.msBeforeNext / 1000)) };
}
