import type { Member, Project } from '@taskflow/shared-contracts';
import type { MemberResponse } from './dto/member.dto';
import type { ProjectResponse } from './dto/project.dto';
import type { MemberRecord, ProjectRecord } from './project.entity';

export function toProjectResponse(project: ProjectRecord): ProjectResponse {
  const response: Project = {
    id: project.id,
    name: project.name,
    description: project.description,
    role: project.role,
    isDefault: project.isDefault,
    memberCount: project.memberCount,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
    version: project.version,
  };
  return response;
}

export function toMemberResponse(member: MemberRecord): MemberResponse {
  const response: Member = { userId: member.userId, username: member.username, role: member.role, addedAt: member.addedAt.toISOString() };
  return response;
}
