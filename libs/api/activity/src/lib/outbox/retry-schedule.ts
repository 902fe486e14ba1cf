const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 5 * 60_000;

/**
 * How long an event waits before delivery attempt `attempt + 1`, after `attempt` failures:
 * exponential (1 s, 2 s, 4 s …) capped at 5 minutes, with "equal jitter" (a random point in
 * the upper half) so that many events failing together do not all come back at one instant,
 * while each still waits at least half its step.
 */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, Math.min(failures, 30) - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
