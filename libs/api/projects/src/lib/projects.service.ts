import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, notFound } from '@taskflow/api-core';
import type { ProjectRole } from '@taskflow/shared-contracts';
import type { MemberResponse } from './dto/member.dto';
import type { CreateProjectDto, ProjectResponse, UpdateProjectDto } from './dto/project.dto';
import type { ProjectGrant } from './project-access';
import { ProjectAccess } from './project-access';
import { ProjectHooks } from './project-hooks';
import { toMemberResponse, toProjectResponse } from './project.mapper';
import { ProjectsRepository } from './projects.repository';

/**
 * Projects and their members. Who may call what was decided by ProjectAccess before a method runs
 * (the grant); what is left here are the rules about the project itself: the private default
 * project, the last owner, leaving. Every membership change reaches the caches before answering.
 */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly access: ProjectAccess,
    private readonly hooks: ProjectHooks,
  ) {}

  async list(userId: string): Promise<ProjectResponse[]> {
    return (await this.projects.listFor(userId)).map(toProjectResponse);
  }

  async create(userId: string, input: CreateProjectDto): Promise<ProjectResponse> {
    const project = await this.projects.insert(userId, input.name, input.description ?? '');
    await this.access.membershipsChanged([userId]);
    return toProjectResponse(project);
  }

  async get(grant: ProjectGrant): Promise<ProjectResponse> {
    const project = await this.projects.findFor(grant.userId, grant.projectId);
    if (!project) throw notFound('Project');
    return toProjectResponse(project);
  }

  async update(grant: ProjectGrant, input: UpdateProjectDto, expectedVersions?: number[]): Promise<ProjectResponse> {
    const result = await this.projects.update(grant.userId, grant.projectId, expectedVersions, { name: input.name, description: input.description });
    if (!result) throw notFound('Project');
    if (result.outcome === 'stale') {
      throw new DomainError(ErrorCode.PreconditionFailed, 'The project has changed since the version in If-Match; fetch it again and retry.');
    }
    if (result.outcome === 'contended') {
      throw new DomainError(ErrorCode.Conflict, 'The project is being changed by many writers at once; retry.');
    }
    return toProjectResponse(result.project);
  }

  async remove(grant: ProjectGrant): Promise<void> {
    if (grant.isDefault) throw new DomainError(ErrorCode.Conflict, 'The default project cannot be deleted.');
    const members = await this.projects.delete(grant.userId, grant.projectId);
    if (!members) throw new DomainError(ErrorCode.Conflict, 'The default project cannot be deleted.');
    await Promise.all([this.access.membershipsChanged(members), this.access.projectsChanged([grant.projectId])]);
  }

  async members(grant: ProjectGrant): Promise<MemberResponse[]> {
    return (await this.projects.members(grant.projectId)).map(toMemberResponse);
  }

  async addMember(grant: ProjectGrant, username: string, role: ProjectRole): Promise<MemberResponse> {
    const userId = await this.projects.userIdByUsername(username);
    if (!userId) throw new DomainError(ErrorCode.InvalidInput, 'No user has that username.', { field: 'username' });
    if (await this.projects.isDefault(grant.projectId)) {
      throw new DomainError(ErrorCode.Conflict, 'The default project is private: members cannot be added to it.');
    }
    const member = await this.projects.addMember(grant.userId, grant.projectId, userId, role);
    if (!member) throw new DomainError(ErrorCode.Conflict, 'That user is already a member of this project.', { field: 'username' });
    await Promise.all([this.access.membershipsChanged([userId]), this.access.projectsChanged([grant.projectId])]);
    return toMemberResponse(member);
  }

  async changeRole(grant: ProjectGrant, userId: string, role: ProjectRole): Promise<MemberResponse> {
    const result = await this.projects.changeRole(grant.userId, grant.projectId, userId, role);
    if (result.outcome === 'not_member') throw notFound('Member');
    if (result.outcome !== 'changed') throw new DomainError(ErrorCode.Conflict, 'The project would be left without an owner.');
    await Promise.all([this.access.membershipsChanged([userId]), this.access.projectsChanged([grant.projectId])]);
    return toMemberResponse(result.member);
  }

  /** Owners remove anyone; any member may remove themself (leave). Their tasks there become unassigned. */
  async removeMember(grant: ProjectGrant, userId: string): Promise<void> {
    if (grant.role !== 'owner' && userId !== grant.userId) {
      // A member cannot learn from a 404 whether someone else is in the project either: both are 403.
      throw new DomainError(ErrorCode.Forbidden, 'Only an owner may remove another member; you may remove yourself.');
    }
    const outcome = await this.projects.removeMember(grant.userId, grant.projectId, userId, (db) =>
      this.hooks.memberLeaving(db, { projectId: grant.projectId, userId, actorId: grant.userId }),
    );
    if (outcome === 'not_member') throw notFound('Member');
    if (outcome === 'last_owner') throw new DomainError(ErrorCode.Conflict, 'The project would be left without an owner.');
    await Promise.all([this.access.membershipsChanged([userId]), this.access.projectsChanged([grant.projectId])]);
  }
}
