import { TASK_PRIORITIES, type FieldChange, type Task } from '@taskflow/shared-contracts';
import { TaskFilters, normalizeTag } from './task-query';

/**
 * Client-side copies of the server's list rules ("Tasks" in the contract), so a task that arrives
 * on the live stream is shown only where `GET /api/tasks` would list it, and in the same place.
 */

/** `scopeParams` are the project scope's query params (`projectId`, `assignee=me`). */
export function matchesFilters(task: Task, filters: TaskFilters, scopeParams: Record<string, string>, userId: string | null): boolean {
  if (filters.statuses.length && !filters.statuses.includes(task.status)) return false;
  if (filters.priorities.length && !filters.priorities.includes(task.priority)) return false;
  const tag = normalizeTag(filters.tag);
  if (tag && !task.tags.includes(tag)) return false;
  const q = filters.q.trim().toLowerCase();
  if (q && !task.title.toLowerCase().includes(q) && !(task.description ?? '').toLowerCase().includes(q)) return false;
  if (filters.dueFrom && (!task.dueDate || task.dueDate < filters.dueFrom)) return false;
  if (filters.dueUntil && (!task.dueDate || task.dueDate > filters.dueUntil)) return false;
  const projectId = scopeParams['projectId'];
  if (projectId && !projectId.split(',').includes(task.projectId)) return false;
  const assignee = scopeParams['assignee'];
  if (assignee === 'me' && (userId === null || task.assigneeId !== userId)) return false;
  if (assignee === 'none' && task.assigneeId !== null) return false;
  return true;
}

/** The task as it was before the change an event describes (`changes` maps each field to `{ from, to }`). */
export function taskBefore(task: Task, changes: Record<string, FieldChange> | undefined): Task | null {
  if (!changes) return null;
  const before: Record<string, unknown> = { ...task };
  for (const [field, change] of Object.entries(changes)) before[field] = change.from;
  return before as unknown as Task;
}

const RANK = Object.fromEntries(TASK_PRIORITIES.map((p, i) => [p, i])) as Record<string, number>;

/**
 * The order of `sort` (e.g. `-priority,dueDate`): priority by rank, a missing due date last in
 * either direction, title case-insensitively by code point, ties by id in the last key's direction.
 */
export function compareTasks(sort: string): (a: Task, b: Task) => number {
  const keys = sort.split(',').map((part) => ({ field: part.replace(/^-/, ''), descending: part.startsWith('-') }));
  const idDescending = keys[keys.length - 1]?.descending ?? true;
  return (a, b) => {
    for (const { field, descending } of keys) {
      const x = sortValue(a, field);
      const y = sortValue(b, field);
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const order = x < y ? -1 : 1;
      return descending ? -order : order;
    }
    if (a.id === b.id) return 0;
    return (a.id < b.id ? -1 : 1) * (idDescending ? -1 : 1);
  };
}

function sortValue(task: Task, field: string): string | number | null {
  switch (field) {
    case 'priority':
      return RANK[task.priority];
    case 'title':
      return task.title.toLowerCase();
    case 'dueDate':
      return task.dueDate;
    case 'position':
      return task.position;
    case 'createdAt':
      return task.createdAt;
    case 'updatedAt':
      return task.updatedAt;
    default:
      return null;
  }
}

/** Where `task` goes among `items` (already in `sort` order). */
export function sortedIndex(items: readonly Task[], task: Task, sort: string): number {
  const compare = compareTasks(sort);
  const index = items.findIndex((item) => compare(task, item) < 0);
  return index < 0 ? items.length : index;
}
