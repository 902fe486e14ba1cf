import { CounterStore, type WindowCount } from './counter-store';

interface Entry {
  count: number;
  expiresAt: number;
}

const SWEEP_EVERY = 1_000;

export class MemoryCounterStore extends CounterStore {
  private readonly entries = new Map<string, Entry>();
  private writes = 0;

  async increment(key: string, windowSeconds: number): Promise<WindowCount> {
    const now = Date.now();
    let entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= now) {
      entry = { count: 0, expiresAt: now + windowSeconds * 1000 };
      this.entries.set(key, entry);
    }
    entry.count += 1;
    if (++this.writes % SWEEP_EVERY === 0) this.sweep(now);
    return { count: entry.count, resetInSeconds: Math.ceil((entry.expiresAt - now) / 1000) };
  }

  async peek(key: string): Promise<WindowCount> {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= now) return { count: 0, resetInSeconds: 0 };
    return { count: entry.count, resetInSeconds: Math.ceil((entry.expiresAt - now) / 1000) };
  }

  async reset(key: string): Promise<void> {
    this.entries.delete(key);
  }

  /** Expired windows are dropped in passing, so memory stays bounded by live keys. */
  private sweep(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
