import type { EventDraft } from '@taskflow/api-events';
import type { ProjectRole } from '@taskflow/shared-contracts';
import type { ProjectRecord } from './project.entity';
import { toProjectResponse } from './project.mapper';

/** The project without `role`: one event goes to every member, whose roles differ. */
export function projectEvent(type: 'project.updated' | 'project.deleted', actorId: string, projectId: string, project?: ProjectRecord): EventDraft {
  if (!project) return { type, projectId, actorId, data: { projectId } };
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { role, ...shared } = toProjectResponse(project);
  return { type, projectId, actorId, data: { projectId, project: shared } };
}

/** Also for the member concerned (`userId`): a new member's stream learns of the project this way. */
export function memberEvent(
  type: 'member.added' | 'member.updated' | 'member.removed',
  actorId: string,
  projectId: string,
  userId: string,
  role?: ProjectRole,
): EventDraft {
  return { type, projectId, userId, actorId, data: role === undefined ? { projectId, userId } : { projectId, userId, role } };
}
