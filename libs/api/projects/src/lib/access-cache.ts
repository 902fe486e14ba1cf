import { Injectable } from '@nestjs/common';
import { VersionedCache, type CacheRead } from '@taskflow/api-redis';
import type { Membership } from './memberships.repository';

const TTL_SECONDS = 60;
const MEMBERSHIPS_KEY = 'all';

/**
 * The generations that make shared caching safe. Each user has a membership generation (bumped
 * when they join, leave, change role, or a project of theirs is deleted) and each project a
 * generation (bumped by every write in it). A cached read is keyed by the generations of every
 * project it may show, so a write by one member is a miss for every other member at once; and
 * the user's memberships are cached under their own generation, so a removed member's next
 * request, on any replica, reads them fresh and gets 404. In Redis when REDIS_URL is set.
 *
 * The cached memberships entry lists the user's project scopes, so a cached read under the
 * caller's access (their memberships, then the generations of those projects, then the entry) is
 * one chained read: one Redis round trip on a hit.
 */
@Injectable()
export class AccessCache {
  constructor(private readonly cache: VersionedCache) {}

  async memberships(userId: string, load: () => Promise<Membership[]>): Promise<Membership[]> {
    const cached = await this.cache.read(membershipScope(userId), MEMBERSHIPS_KEY);
    if (cached.hit) return JSON.parse(cached.value as string) as Membership[];
    return this.loadMemberships(userId, cached.stamp, load);
  }

  /**
   * An entry of `scope` cached under the caller's access: a hit is retired by any change of their
   * memberships and by any write in any of their projects. A miss carries the stamp to store the
   * fresh value under (VersionedCache.write), or none when the cache cannot be trusted now.
   */
  async readUnderAccess(userId: string, scope: string, key: string, load: () => Promise<Membership[]>): Promise<CacheRead> {
    const head = { scope: membershipScope(userId), key: MEMBERSHIPS_KEY };
    const first = await this.cache.readChained(head, { scope, key });
    if (first.tail) return first.tail;
    if (first.head.stamp === undefined) return { hit: false, stamp: undefined };
    await this.loadMemberships(userId, first.head.stamp, load);
    // Once more, now that the memberships are stored; a head that misses again (a membership
    // change in between, say) means reading the source this time.
    return (await this.cache.readChained(head, { scope, key })).tail ?? { hit: false, stamp: undefined };
  }

  /** Must complete before the write that made it necessary is acknowledged. */
  async membershipsChanged(userIds: readonly string[]): Promise<void> {
    await Promise.all([...new Set(userIds)].map((id) => this.cache.invalidate(membershipScope(id))));
  }

  async projectsChanged(projectIds: readonly string[]): Promise<void> {
    await Promise.all([...new Set(projectIds)].map((id) => this.cache.invalidate(projectScope(id))));
  }

  private async loadMemberships(userId: string, stamp: string | undefined, load: () => Promise<Membership[]>): Promise<Membership[]> {
    const memberships = await load();
    if (stamp !== undefined) {
      const projects = memberships.map((membership) => projectScope(membership.projectId));
      await this.cache.write(membershipScope(userId), MEMBERSHIPS_KEY, stamp, JSON.stringify(memberships), TTL_SECONDS, projects);
    }
    return memberships;
  }
}

const membershipScope = (userId: string) => `memberships:${userId}`;
const projectScope = (projectId: string) => `project:${projectId}`;
