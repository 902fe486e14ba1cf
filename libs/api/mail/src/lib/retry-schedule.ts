export interface RetryPolicy {
  /** The delay after the first failed attempt; each further failure doubles it. */
  baseDelayMs: number;
  /** No retry waits longer than this, however many attempts have failed. */
  maxDelayMs: number;
}

/**
 * How long to wait after the `failedAttempts`-th failure: exponential backoff with "equal jitter",
 * i.e. a random point in the upper half of the window. The random half spreads out the retries of
 * emails that failed together (a mail server outage), the fixed half keeps the backoff meaningful.
 */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
  return Math.round(window / 2 + random() * (window / 2));
}
