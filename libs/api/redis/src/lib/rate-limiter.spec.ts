import { DomainError } from '@taskflow/api-core';
import { memoryRateLimitCounter } from './rate-limit-counter';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter (in memory)', () => {
  const limiter = () => new RateLimiter(memoryRateLimitCounter());

  it('lets `limit` requests through per window, then refuses with the seconds until the window resets', async () => {
    const rateLimiter = limiter();
    const limit = { key: 'register:203.0.113.9', limit: 3, windowSeconds: 60 };
    for (let attempt = 1; attempt <= 3; attempt++) expect((await rateLimiter.consume(limit)).count).toBe(attempt);
    const refused = await rateLimiter.consume(limit, 'Too many registrations.').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'rate_limited', message: 'Too many registrations.' });
    const retryAfter = (refused as DomainError).details.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(59);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another key has its own window.
    expect((await rateLimiter.consume({ ...limit, key: 'register:203.0.113.10' })).count).toBe(1);
  });

  it('peeks without counting, records without a limit, and forgets a key on reset', async () => {
    const rateLimiter = limiter();
    expect(await rateLimiter.peek('login-failures:ada')).toEqual({ count: 0, resetInSeconds: 0 });
    await rateLimiter.record('login-failures:ada', 900);
    const second = await rateLimiter.record('login-failures:ada', 900);
    expect(second.count).toBe(2);
    expect(second.resetInSeconds).toBeGreaterThan(890);
    expect((await rateLimiter.peek('login-failures:ada')).count).toBe(2);
    expect((await rateLimiter.peek('login-failures:ada')).count).toBe(2);
    await rateLimiter.reset('login-failures:ada');
    expect((await rateLimiter.peek('login-failures:ada')).count).toBe(0);
  });

  it('starts a new window once the old one has passed', async () => {
    const rateLimiter = limiter();
    const limit = { key: 'token:198.51.100.1', limit: 1, windowSeconds: 1 };
    await rateLimiter.consume(limit);
    await expect(rateLimiter.consume(limit)).rejects.toBeInstanceOf(DomainError);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await rateLimiter.consume(limit)).count).toBe(1);
  });
});
