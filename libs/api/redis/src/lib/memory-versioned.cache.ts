import { ExpiringMap } from '@taskflow/api-core';
import { VersionedCache, type CacheAddress, type CacheRead, type ChainedRead } from './versioned-cache';

const MAX_ENTRIES = 10_000;

interface Entry {
  value: string;
  dependsOn: readonly string[];
}

/** One process's cache, used without REDIS_URL. */
export class MemoryVersionedCache extends VersionedCache {
  private readonly generations = new Map<string, number>();
  private readonly entries = new ExpiringMap<string, Entry>(MAX_ENTRIES);

  async read(scope: string, key: string): Promise<CacheRead> {
    const stamp = this.generation(scope);
    const entry = this.entries.get(`${scope}:${stamp}:${key}`);
    return entry === undefined ? { hit: false, stamp } : { hit: true, value: entry.value };
  }

  async readChained(head: CacheAddress, tail: CacheAddress): Promise<ChainedRead> {
    const headStamp = this.generation(head.scope);
    const entry = this.entries.get(`${head.scope}:${headStamp}:${head.key}`);
    if (entry === undefined) return { head: { hit: false, stamp: headStamp } };
    const stamp = [headStamp, this.generation(tail.scope), ...entry.dependsOn.map((scope) => this.generation(scope))].join('.');
    const value = this.entries.get(`${tail.scope}:${stamp}:${tail.key}`)?.value;
    return { head: { hit: true, value: entry.value }, tail: value === undefined ? { hit: false, stamp } : { hit: true, value } };
  }

  async write(scope: string, key: string, stamp: string, value: string, ttlSeconds: number, dependsOn: readonly string[] = []): Promise<void> {
    this.entries.set(`${scope}:${stamp}:${key}`, { value, dependsOn }, Date.now() + ttlSeconds * 1000);
  }

  async invalidate(scope: string): Promise<void> {
    this.generations.set(scope, (this.generations.get(scope) ?? 0) + 1);
  }

  private generation(scope: string): string {
    return String(this.generations.get(scope) ?? 0);
  }
}
