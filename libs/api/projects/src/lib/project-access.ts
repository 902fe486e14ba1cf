import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, notFound } from '@taskflow/api-core';
import type { CacheRead } from '@taskflow/api-redis';
import type { ProjectRole } from '@taskflow/shared-contracts';
import { AccessCache } from './access-cache';
import { MembershipsRepository, type Membership } from './memberships.repository';
import { allows } from './project-roles';

/** What the caller may do in the project a request is about, as the one authorization point found it. */
export interface ProjectGrant {
  userId: string;
  projectId: string;
  role: ProjectRole;
  isDefault: boolean;
}

export type AccessTarget = 'project' | 'task' | 'comment';

/** Who besides the role may change a comment: its author only, or its author and the project's owners. */
export type AuthorRule = 'author' | 'author-or-owner';

const WHAT: Record<AccessTarget, string> = { project: 'Project', task: 'Task', comment: 'Comment' };

/**
 * The one place that answers "what is this user's role in this project". A project the user is
 * not a member of is reported exactly like a missing one (404, same body); a member whose role
 * does not allow the action gets 403. Every project, member, task, comment and activity route
 * goes through it (see ProjectAccessGuard).
 */
@Injectable()
export class ProjectAccess {
  constructor(
    private readonly repository: MembershipsRepository,
    private readonly cache: AccessCache,
  ) {}

  memberships(userId: string): Promise<Membership[]> {
    return this.cache.memberships(userId, () => this.repository.of(userId));
  }

  async defaultProjectId(userId: string): Promise<string | undefined> {
    return (await this.memberships(userId)).find((membership) => membership.isDefault)?.projectId;
  }

  /** Whether someone (an assignee, say) is a member; read fresh, since it decides a write. */
  isMember(projectId: string, userId: string): Promise<boolean> {
    return this.repository.isMember(projectId, userId);
  }

  /** The grant in `projectId`, or 404 as if the project did not exist, or 403 below `needed`. */
  async require(userId: string, projectId: string, needed: ProjectRole, what: AccessTarget = 'project'): Promise<ProjectGrant> {
    const membership = (await this.memberships(userId)).find((m) => m.projectId === projectId);
    if (!membership) throw notFound(WHAT[what]);
    if (!allows(membership.role, needed)) {
      throw new DomainError(ErrorCode.Forbidden, `This needs the ${needed} role in the project; yours is ${membership.role}.`);
    }
    return { userId, projectId, role: membership.role, isDefault: membership.isDefault };
  }

  /** The grant in the project a task or comment lives in; a missing one is 404 like a foreign one. */
  async requireFor(target: AccessTarget, userId: string, id: string, needed: ProjectRole, authorRule?: AuthorRule): Promise<ProjectGrant> {
    if (target === 'comment') {
      const comment = await this.repository.projectOfComment(id);
      if (!comment) throw notFound(WHAT[target]);
      const grant = await this.require(userId, comment.projectId, needed, target);
      const isAuthor = comment.authorId === userId;
      if (authorRule === 'author' && !isAuthor) throw new DomainError(ErrorCode.Forbidden, 'Only its author may change a comment.');
      if (authorRule === 'author-or-owner' && !isAuthor && grant.role !== 'owner') {
        throw new DomainError(ErrorCode.Forbidden, "Only its author or an owner of the project may delete a comment.");
      }
      return grant;
    }
    const projectId = target === 'project' ? id : await this.repository.projectOfTask(id);
    if (!projectId) throw notFound(WHAT[target]);
    return this.require(userId, projectId, needed, target);
  }

  /**
   * A cached read that may show any of the user's projects: retired by any change of their
   * memberships and any write in those projects; one Redis round trip on a hit (see AccessCache).
   */
  readUnderAccess(userId: string, scope: string, key: string): Promise<CacheRead> {
    return this.cache.readUnderAccess(userId, scope, key, () => this.repository.of(userId));
  }

  projectsChanged(projectIds: readonly string[]): Promise<void> {
    return this.cache.projectsChanged(projectIds);
  }

  membershipsChanged(userIds: readonly string[]): Promise<void> {
    return this.cache.membershipsChanged(userIds);
  }
}
