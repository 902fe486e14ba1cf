import type { EventDraft } from '@taskflow/api-events';
import type { FieldChange } from '@taskflow/shared-contracts';
import type { TaskEntity } from './task.entity';
import { toTaskResponse } from './task.mapper';

/**
 * `task.created` / `task.updated` with the task as GET returns it. A task moved from another
 * project (`fromProjectId`) is also announced to that project's members, whose boards it leaves.
 */
export function taskChanged(
  type: 'task.created' | 'task.updated',
  actorId: string,
  task: TaskEntity,
  changes: Record<string, FieldChange>,
  fromProjectId?: string,
): EventDraft {
  return {
    type,
    projectId: task.projectId,
    fromProjectId,
    ownerId: task.ownerId,
    actorId,
    data: { projectId: task.projectId, taskId: task.id, version: task.version, changes, task: toTaskResponse(task) },
  };
}

/** `version` is one past the deleted task's last, so it wins over every event the client holds. */
export function taskDeleted(actorId: string, task: TaskEntity): EventDraft {
  return {
    type: 'task.deleted',
    projectId: task.projectId,
    ownerId: task.ownerId,
    actorId,
    data: { projectId: task.projectId, taskId: task.id, version: task.version + 1 },
  };
}
