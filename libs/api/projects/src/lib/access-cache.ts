import { Injectable } from '@nestjs/common';
import { VersionedCache } from '@taskflow/api-redis';
import type { Membership } from './memberships.repository';

const TTL_SECONDS = 60;
/** Never written: reading it only ever misses, and a miss hands out the scope's current stamp. */
const GENERATION_PROBE = '\u0000generation';

/**
 * The generations that make shared caching safe. Each user has a membership generation (bumped
 * when they join, leave, change role, or a project of theirs is deleted) and each project a
 * generation (bumped by every write in it). A cached read is keyed by the generations of every
 * project it may show, so a write by one member is a miss for every other member at once; and
 * the user's memberships are cached under their own generation, so a removed member's next
 * request, on any replica, reads them fresh and gets 404. In Redis when REDIS_URL is set.
 */
@Injectable()
export class AccessCache {
  constructor(private readonly cache: VersionedCache) {}

  async memberships(userId: string, load: () => Promise<Membership[]>): Promise<Membership[]> {
    const scope = membershipScope(userId);
    const cached = await this.cache.read(scope, 'all');
    if (cached.hit) return JSON.parse(cached.value as string) as Membership[];
    const memberships = await load();
    if (cached.stamp !== undefined) await this.cache.write(scope, 'all', cached.stamp, JSON.stringify(memberships), TTL_SECONDS);
    return memberships;
  }

  /** One stamp for the current generations of these projects; undefined when the cache cannot be trusted now. */
  async projectStamp(projectIds: readonly string[]): Promise<string | undefined> {
    const reads = await Promise.all(projectIds.map((id) => this.cache.read(projectScope(id), GENERATION_PROBE)));
    if (reads.some((read) => read.stamp === undefined)) return undefined;
    return reads.map((read, i) => `${projectIds[i]}=${read.stamp}`).join(',');
  }

  /** Must complete before the write that made it necessary is acknowledged. */
  async membershipsChanged(userIds: readonly string[]): Promise<void> {
    await Promise.all([...new Set(userIds)].map((id) => this.cache.invalidate(membershipScope(id))));
  }

  async projectsChanged(projectIds: readonly string[]): Promise<void> {
    await Promise.all([...new Set(projectIds)].map((id) => this.cache.invalidate(projectScope(id))));
  }
}

const membershipScope = (userId: string) => `memberships:${userId}`;
const projectScope = (projectId: string) => `project:${projectId}`;
