export interface WindowCount {
  count: number;
  /** Seconds until this window's counter starts again from zero. */
  resetInSeconds: number;
}

/**
 * Fixed-window counters for rate limits. Abstract class, so Nest can inject it by type.
 * The Redis-backed one shares counts across API processes; the in-memory one serves alone.
 */
export abstract class CounterStore {
  abstract increment(key: string, windowSeconds: number): Promise<WindowCount>;
  abstract peek(key: string): Promise<WindowCount>;
  abstract reset(key: string): Promise<void>;
}
