import { Injectable } from '@nestjs/common';
import { VersionedCache } from '@taskflow/api-redis';

/** Long enough to absorb a burst of reads, short enough that an orphaned entry soon expires. */
const TTL_SECONDS = 60;

/**
 * Cache-aside for one user's task reads. Every write bumps the user's generation before it is
 * acknowledged, so the next read, on any API process, misses and sees the write.
 */
@Injectable()
export class TasksCache {
  constructor(private readonly cache: VersionedCache) {}

  /** A read's value, from the cache or loaded (and then stored). */
  async through<T>(ownerId: string, key: string, load: () => Promise<T>, bypass = false): Promise<T> {
    if (bypass) return load();
    const cached = await this.cache.read(scopeOf(ownerId), key);
    if (cached.hit) return JSON.parse(cached.value as string) as T;
    const value = await load();
    await this.store(ownerId, key, cached.stamp, JSON.stringify(value));
    return value;
  }

  /** A read's JSON text, so that a hit goes to the client without being parsed and serialized again. */
  async json(ownerId: string, key: string, load: () => Promise<unknown>, bypass = false): Promise<string> {
    if (bypass) return JSON.stringify(await load());
    const cached = await this.cache.read(scopeOf(ownerId), key);
    if (cached.hit) return cached.value as string;
    const text = JSON.stringify(await load());
    await this.store(ownerId, key, cached.stamp, text);
    return text;
  }

  private async store(ownerId: string, key: string, stamp: string | undefined, text: string): Promise<void> {
    if (stamp !== undefined) await this.cache.write(scopeOf(ownerId), key, stamp, text, TTL_SECONDS);
  }

  invalidate(ownerId: string): Promise<void> {
    return this.cache.invalidate(scopeOf(ownerId));
  }
}

const scopeOf = (ownerId: string) => `tasks:${ownerId}`;
