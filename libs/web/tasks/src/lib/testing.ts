import type { Task, TaskList } from '@taskflow/shared-contracts';

/** Test data: a task as the API returns it, numbered on the board in steps of 1024 (as the server does). */
export const aTask = (n: number, patch: Partial<Task> = {}): Task =>
  ({
    id: `t${n}`,
    projectId: 'p-inbox',
    assigneeId: null,
    position: n * 1024,
    title: `Task ${n}`,
    description: '',
    status: 'todo',
    priority: 'medium',
    dueDate: null,
    tags: [],
    completedAt: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    version: 1,
    ...patch,
  });

export const aList = (
  items: Task[],
  total = items.length,
  nextCursor: string | null = null,
): TaskList => ({ items, total, nextCursor });
