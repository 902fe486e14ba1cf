import { VersionedCache, type CacheRead } from './versioned-cache';

const MAX_ENTRIES = 10_000;

/** One process's cache, used without REDIS_URL. A Map keeps insertion order, so eviction drops the oldest. */
export class MemoryVersionedCache extends VersionedCache {
  private readonly generations = new Map<string, number>();
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  async read(scope: string, key: string): Promise<CacheRead> {
    const stamp = String(this.generations.get(scope) ?? 0);
    const entry = this.entries.get(`${scope}:${stamp}:${key}`);
    if (entry && entry.expiresAt > Date.now()) return { hit: true, value: entry.value };
    return { hit: false, stamp };
  }

  async write(scope: string, key: string, stamp: string, value: string, ttlSeconds: number): Promise<void> {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(`${scope}:${stamp}:${key}`, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  async invalidate(scope: string): Promise<void> {
    this.generations.set(scope, (this.generations.get(scope) ?? 0) + 1);
  }
}
