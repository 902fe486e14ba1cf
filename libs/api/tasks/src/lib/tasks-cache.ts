import { Injectable } from '@nestjs/common';
import { ProjectAccess } from '@taskflow/api-projects';
import { VersionedCache } from '@taskflow/api-redis';

/** Long enough to absorb a burst of reads, short enough that an orphaned entry soon expires. */
const TTL_SECONDS = 60;

/**
 * Cache-aside for one user's task reads. Entries are read under the caller's access (their
 * memberships and the generation of each of their projects, see ProjectAccess.readUnderAccess),
 * in one Redis round trip on a hit: a write by any member bumps its project's generation before it
 * is acknowledged, and a membership change the user's, so the next read of every member, on any
 * API process, misses and sees it. `fresh` (a `no-cache` read), or no stamp (Redis away), means
 * straight to the database, nothing stored.
 */
@Injectable()
export class TasksCache {
  constructor(
    private readonly cache: VersionedCache,
    private readonly access: ProjectAccess,
  ) {}

  /** A read's value, from the cache or loaded (and then stored). */
  async through<T>(fresh: boolean, userId: string, key: string, load: () => Promise<T>): Promise<T> {
    return JSON.parse(await this.json(fresh, userId, key, load)) as T;
  }

  /** A read's JSON text, so that a hit goes to the client without being parsed and serialized again. */
  async json(fresh: boolean, userId: string, key: string, load: () => Promise<unknown>): Promise<string> {
    if (fresh) return JSON.stringify(await load());
    const scope = scopeOf(userId);
    const cached = await this.access.readUnderAccess(userId, scope, key);
    if (cached.hit) return cached.value as string;
    const text = JSON.stringify(await load());
    if (cached.stamp !== undefined) await this.cache.write(scope, key, cached.stamp, text, TTL_SECONDS);
    return text;
  }
}

const scopeOf = (userId: string) => `tasks:${userId}`;
