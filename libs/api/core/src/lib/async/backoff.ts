export interface BackoffPolicy {
  /** The wait after the first failure; each further failure doubles it. */
  firstMs: number;
  /** No wait is longer than this, however many failures came before. */
  maxMs: number;
  /**
   * `equal` (the default) for work many processes retry at once (an outage): a random point in the
   * upper half of the step. `none` for the one reconnect loop of a process: the full step.
   */
  jitter?: 'equal' | 'none';
}

/**
 * How long to wait after the `failures`-th failure in a row (1 for the first): exponential backoff,
 * by default with "equal jitter", a random point in the upper half of the step. The random half
 * spreads out the retries of work that failed together (an outage), the fixed half keeps the
 * backoff meaningful. The one backoff of the API: job retries and reconnects all use it.
 */
export function backoffMs(failures: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(0, failures - 1), 30);
  const step = Math.min(policy.maxMs, policy.firstMs * 2 ** exponent);
  if (policy.jitter === 'none') return step;
  return Math.round(step / 2 + random() * (step / 2));
}
