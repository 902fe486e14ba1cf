import type { FieldChange } from '@taskflow/shared-contracts';
import type { TaskEntity } from './task.entity';
import { priorityName } from './task.mapper';

/** Normalised, validated new values; priority as its rank. Absent fields stay as they are. */
export interface TaskPatch {
  title?: string;
  description?: string;
  status?: string;
  priority?: number;
  dueDate?: string | null;
  tags?: string[];
  projectId?: string;
  assigneeId?: string | null;
  position?: number;
}

export interface PlannedUpdate {
  next: TaskEntity;
  /** API field names and API values; only the fields whose value actually changes. */
  changes: Record<string, FieldChange>;
}

/**
 * What a patch does to a task at `now`: the next row (completedAt follows status into and out of
 * `done`) and the changes the activity event records. No changes means nothing to write.
 */
export function planUpdate(current: TaskEntity, patch: TaskPatch, now: Date): PlannedUpdate {
  const next: TaskEntity = { ...current };
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.status !== undefined) next.status = patch.status;
  if (patch.priority !== undefined) next.priority = patch.priority;
  if (patch.dueDate !== undefined) next.dueDate = patch.dueDate;
  if (patch.tags !== undefined) next.tags = patch.tags;
  if (patch.projectId !== undefined) next.projectId = patch.projectId;
  if (patch.assigneeId !== undefined) next.assigneeId = patch.assigneeId;
  if (patch.position !== undefined) next.position = patch.position;
  if (next.status === 'done' && current.status !== 'done') next.completedAt = now;
  if (next.status !== 'done') next.completedAt = null;

  const before = apiValues(current);
  const after = apiValues(next);
  const changes: Record<string, FieldChange> = {};
  for (const field of Object.keys(after) as (keyof typeof after)[]) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes[field] = { from: before[field], to: after[field] };
    }
  }
  return { next, changes };
}

function apiValues(task: TaskEntity) {
  return {
    title: task.title,
    description: task.description,
    status: task.status,
    priority: priorityName(task.priority),
    dueDate: task.dueDate,
    tags: task.tags,
    projectId: task.projectId,
    assigneeId: task.assigneeId,
    position: task.position,
    completedAt: task.completedAt?.toISOString() ?? null,
  };
}
