import { ExpiringMap } from '@taskflow/api-core';
import { VersionedCache, type CacheRead } from './versioned-cache';

const MAX_ENTRIES = 10_000;

/** One process's cache, used without REDIS_URL. */
export class MemoryVersionedCache extends VersionedCache {
  private readonly generations = new Map<string, number>();
  private readonly entries = new ExpiringMap<string, string>(MAX_ENTRIES);

  async read(scope: string, key: string): Promise<CacheRead> {
    const stamp = String(this.generations.get(scope) ?? 0);
    const value = this.entries.get(`${scope}:${stamp}:${key}`);
    return value === undefined ? { hit: false, stamp } : { hit: true, value };
  }

  async write(scope: string, key: string, stamp: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.set(`${scope}:${stamp}:${key}`, value, Date.now() + ttlSeconds * 1000);
  }

  async invalidate(scope: string): Promise<void> {
    this.generations.set(scope, (this.generations.get(scope) ?? 0) + 1);
  }
}
