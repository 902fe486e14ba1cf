import { retryDelayMs, type RetryPolicy } from './retry-schedule';

const policy: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 60_000 };
const lowest = () => 0;
const highest = () => 1;

describe('retryDelayMs', () => {
  it('doubles the window with each failed attempt', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, policy, highest))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('never waits less than half the window, whatever the jitter draws', () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, policy, lowest))).toEqual([500, 1_000, 2_000]);
  });

  it('puts the jitter inside the upper half of the window', () => {
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(3_000);
  });

  it('caps the window at the maximum delay', () => {
    expect(retryDelayMs(7, policy, highest)).toBe(60_000);
    expect(retryDelayMs(1_000, policy, highest)).toBe(60_000);
    expect(retryDelayMs(1_000, policy, lowest)).toBe(30_000);
  });

  it('spreads the retries of emails that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(4, policy)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(8_000);
    }
  });
});
