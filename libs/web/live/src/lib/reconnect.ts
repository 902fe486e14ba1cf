import { InjectionToken } from '@angular/core';

export interface ReconnectOptions {
  /** The first retry waits between half of this and all of it; each failure doubles it. */
  baseMs: number;
  maxMs: number;
  /** No byte (not even a `: ping`, sent at least every 25 s) for this long: the connection is dead. */
  stallMs: number;
  /** A stream that stayed open at least this long was healthy: the next retry starts from `baseMs` again. */
  healthyMs: number;
  random: () => number;
}

export const LIVE_RECONNECT = new InjectionToken<ReconnectOptions>('LIVE_RECONNECT', {
  providedIn: 'root',
  factory: () => ({ baseMs: 1_000, maxMs: 30_000, stallMs: 60_000, healthyMs: 10_000, random: Math.random }),
});

/**
 * Exponential backoff with jitter ("equal jitter"): many tabs dropped by one server restart do not
 * all come back in the same millisecond, and each still retries within a known bound.
 */
export function reconnectDelay(attempt: number, options: Pick<ReconnectOptions, 'baseMs' | 'maxMs' | 'random'>): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling * (0.5 + options.random() / 2));
}

/** Seconds since the epoch at which a JWT expires, or null when it cannot be read (the server then answers 401). */
export function tokenExpiry(token: string): number | null {
  try {
    const payload = token.split('.')[1];
    if (!payload) return null;
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof json.exp === 'number' ? json.exp : null;
  } catch {
    return null;
  }
}
