import { backoffMs, type BackoffPolicy } from './backoff';

const policy: BackoffPolicy = { firstMs: 1_000, maxMs: 60_000 };
const lowest = () => 0;
const highest = () => 1;

describe('backoffMs', () => {
  it('doubles the step with each failure in a row', () => {
    expect([1, 2, 3, 4, 5].map((failures) => backoffMs(failures, policy, highest))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('never waits less than half the step, whatever the jitter draws', () => {
    expect([1, 2, 3].map((failures) => backoffMs(failures, policy, lowest))).toEqual([500, 1_000, 2_000]);
    expect(backoffMs(3, policy, () => 0.5)).toBe(3_000);
  });

  it('treats zero failures like the first', () => {
    expect(backoffMs(0, policy, highest)).toBe(1_000);
  });

  it('is capped at the maximum however many failures, without overflowing', () => {
    expect(backoffMs(7, policy, highest)).toBe(60_000);
    expect(backoffMs(10_000, policy, highest)).toBe(60_000);
    expect(backoffMs(10_000, policy, lowest)).toBe(30_000);
  });

  it('gives the full step without jitter', () => {
    expect([1, 2, 3, 6, 7, 50].map((failures) => backoffMs(failures, { ...policy, jitter: 'none' }, lowest))).toEqual([
      1_000, 2_000, 4_000, 32_000, 60_000, 60_000,
    ]);
  });

  it('spreads the retries of work that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffMs(4, policy)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(4_000);
      expect(delay).toBeLessThanOrEqual(8_000);
    }
  });
});
