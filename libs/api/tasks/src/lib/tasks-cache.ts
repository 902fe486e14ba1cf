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

  async through<T>(ownerId: string, key: string, load: () => Promise<T>, bypass = false): Promise<T> {
    if (bypass) return load();
    const scope = scopeOf(ownerId);
    const cached = await this.cache.read<T>(scope, key);
    if (cached.hit) return cached.value as T;
    const value = await load();
    if (cached.stamp !== undefined) await this.cache.write(scope, key, cached.stamp, value, TTL_SECONDS);
    return value;
  }

  invalidate(ownerId: string): Promise<void> {
    return this.cache.invalidate(scopeOf(ownerId));
  }
}

const scopeOf = (ownerId: string) => `tasks:${ownerId}`;
