import { TASK_PRIORITIES, type Task, type TaskPriority, type TaskStatus } from '@taskflow/shared-contracts';
import type { TaskResponse } from './dto/task.response';
import type { TaskEntity } from './task.entity';

/** Priorities are stored as their rank, 1-based, in TASK_PRIORITIES order. */
export function priorityRank(priority: TaskPriority): number {
  return TASK_PRIORITIES.indexOf(priority) + 1;
}

export function priorityName(rank: number): TaskPriority {
  const name = TASK_PRIORITIES[rank - 1];
  if (!name) throw new Error(`Unknown priority rank ${rank}`);
  return name;
}

/** The columns every task query selects, in the shape `toTaskEntity` reads. */
export const TASK_COLUMNS = `t.id, t.owner_id, t.project_id, t.assignee_id, t.position, t.title, t.description, t.status, t.priority, t.due_date::text AS due_date,
  t.tags, t.completed_at, t.created_at, t.updated_at, t.version`;

/** A raw row of TASK_COLUMNS → the entity. */
export function toTaskEntity(row: Record<string, unknown>): TaskEntity {
  return {
    id: row['id'] as string,
    ownerId: (row['owner_id'] as string | null) ?? null,
    projectId: row['project_id'] as string,
    assigneeId: (row['assignee_id'] as string | null) ?? null,
    position: Number(row['position']),
    title: row['title'] as string,
    description: row['description'] as string,
    status: row['status'] as string,
    priority: Number(row['priority']),
    dueDate: (row['due_date'] as string | null) ?? null,
    tags: (row['tags'] as string[] | null) ?? [],
    completedAt: (row['completed_at'] as Date | null) ?? null,
    createdAt: row['created_at'] as Date,
    updatedAt: row['updated_at'] as Date,
    version: Number(row['version']),
  };
}

const UTC_ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', ${UTC_ISO})`;

/**
 * `toTaskResponse` in SQL, for a statement that records a live event with the task it writes (the
 * create path, one statement). Same fields and values: timestamps are stored to the millisecond
 * (timestamptz(3)), so their ISO text is exactly `toISOString()`; `position` is a float8, whose
 * JSON text is the shortest that reads back the same double. The e2e tests compare the two.
 */
export function taskJsonSql(row: string): string {
  const priorities = TASK_PRIORITIES.map((name) => `'${name}'`).join(', ');
  return `jsonb_build_object('id', ${row}.id, 'projectId', ${row}.project_id, 'title', ${row}.title, 'description', ${row}.description,
    'status', ${row}.status, 'priority', (ARRAY[${priorities}])[${row}.priority], 'dueDate', ${row}.due_date::text, 'tags', to_jsonb(${row}.tags),
    'assigneeId', ${row}.assignee_id, 'position', ${row}.position, 'completedAt', ${iso(`${row}.completed_at`)},
    'createdAt', ${iso(`${row}.created_at`)}, 'updatedAt', ${iso(`${row}.updated_at`)}, 'version', ${row}.version)`;
}

/**
 * A raw row of TASK_COLUMNS read with ISO_TIMESTAMPS (timestamps already ISO text) → the response,
 * with no entity or Date in between: the task list's hot path, the same values as toTaskResponse.
 */
export function toTaskResponseFromRow(row: Record<string, unknown>): TaskResponse {
  const response: Task = {
    id: row['id'] as string,
    projectId: row['project_id'] as string,
    title: row['title'] as string,
    description: row['description'] as string,
    status: row['status'] as TaskStatus,
    priority: priorityName(Number(row['priority'])),
    dueDate: (row['due_date'] as string | null) ?? null,
    tags: (row['tags'] as string[] | null) ?? [],
    assigneeId: (row['assignee_id'] as string | null) ?? null,
    position: Number(row['position']),
    completedAt: (row['completed_at'] as string | null) ?? null,
    createdAt: row['created_at'] as string,
    updatedAt: row['updated_at'] as string,
    version: Number(row['version']),
  };
  return response;
}

/** The only way a task leaves the API (the list reads its rows through toTaskResponseFromRow). */
export function toTaskResponse(task: TaskEntity): TaskResponse {
  const response: Task = {
    id: task.id,
    projectId: task.projectId,
    title: task.title,
    description: task.description,
    status: task.status as TaskStatus,
    priority: priorityName(task.priority),
    dueDate: task.dueDate,
    tags: task.tags,
    assigneeId: task.assigneeId,
    position: task.position,
    completedAt: task.completedAt?.toISOString() ?? null,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
    version: task.version,
  };
  return response;
}
