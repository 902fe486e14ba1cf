import { retryDelayMs } from './retry-schedule';

describe('retry schedule', () => {
  const low = () => 0;
  const high = () => 1;

  it('doubles with each failure, jittered within the upper half of each step', () => {
    expect([1, 2, 3, 4, 5].map((failures) => retryDelayMs(failures, low))).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
    expect([1, 2, 3, 4, 5].map((failures) => retryDelayMs(failures, high))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(retryDelayMs(3, () => 0.5)).toBe(3_000);
  });

  it('is capped at five minutes however many failures', () => {
    expect(retryDelayMs(9, high)).toBe(256_000);
    expect(retryDelayMs(10, high)).toBe(300_000);
    expect(retryDelayMs(10_000, high)).toBe(300_000);
    expect(retryDelayMs(10_000, low)).toBe(150_000);
  });

  it('spreads events that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(6)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(16_000);
  });
});
