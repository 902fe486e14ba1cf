import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@taskflow/api-core';
import { CounterStore, type WindowCount } from './counter-store';

export interface RateLimit {
  /** Names the counter, e.g. `register:203.0.113.9`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

@Injectable()
export class RateLimiter {
  constructor(private readonly counters: CounterStore) {}

  /** Counts one more request and refuses it (429 with Retry-After) once the window is full. */
  async consume({ key, limit, windowSeconds }: RateLimit, message = 'Too many requests; try again later.'): Promise<WindowCount> {
    const window = await this.counters.increment(key, windowSeconds);
    if (window.count > limit) {
      throw new DomainError(ErrorCode.RateLimited, message, { retryAfterSeconds: window.resetInSeconds });
    }
    return window;
  }

  peek(key: string): Promise<WindowCount> {
    return this.counters.peek(key);
  }

  record(key: string, windowSeconds: number): Promise<WindowCount> {
    return this.counters.increment(key, windowSeconds);
  }

  reset(key: string): Promise<void> {
    return this.counters.reset(key);
  }
}
