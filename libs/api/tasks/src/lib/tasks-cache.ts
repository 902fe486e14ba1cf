import { Injectable } from '@nestjs/common';
import { VersionedCache } from '@taskflow/api-redis';

/** Long enough to absorb a burst of reads, short enough that an orphaned entry soon expires. */
const TTL_SECONDS = 60;

/**
 * Cache-aside for one user's task reads. Entries are keyed by the caller's access stamp (their
 * memberships and the generation of each of their projects, see ProjectAccess.readStamp): a write
 * by any member bumps its project's generation before it is acknowledged, and a membership change
 * the user's, so the next read of every member, on any API process, misses and sees it. No stamp
 * (Redis away, or a `no-cache` read) means straight to the database, nothing stored.
 */
@Injectable()
export class TasksCache {
  constructor(private readonly cache: VersionedCache) {}

  /** A read's value, from the cache or loaded (and then stored). */
  async through<T>(stamp: string | undefined, userId: string, key: string, load: () => Promise<T>): Promise<T> {
    if (stamp === undefined) return load();
    const cached = await this.cache.read(scopeOf(userId), `${stamp}|${key}`);
    if (cached.hit) return JSON.parse(cached.value as string) as T;
    const value = await load();
    await this.store(userId, `${stamp}|${key}`, cached.stamp, JSON.stringify(value));
    return value;
  }

  /** A read's JSON text, so that a hit goes to the client without being parsed and serialized again. */
  async json(stamp: string | undefined, userId: string, key: string, load: () => Promise<unknown>): Promise<string> {
    if (stamp === undefined) return JSON.stringify(await load());
    const cached = await this.cache.read(scopeOf(userId), `${stamp}|${key}`);
    if (cached.hit) return cached.value as string;
    const text = JSON.stringify(await load());
    await this.store(userId, `${stamp}|${key}`, cached.stamp, text);
    return text;
  }

  private async store(userId: string, key: string, stamp: string | undefined, text: string): Promise<void> {
    if (stamp !== undefined) await this.cache.write(scopeOf(userId), key, stamp, text, TTL_SECONDS);
  }
}

const scopeOf = (userId: string) => `tasks:${userId}`;
