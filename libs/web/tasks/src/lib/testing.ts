import type { Task, TaskList } from '@taskflow/shared-contracts';

/** Test data: a task as the API returns it. */
export const aTask = (n: number, patch: Partial<Task> & { position?: number } = {}): Task => ({
  id: `t${n}`,
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

export const aList = (items: Task[], total = items.length, nextCursor: string | null = null): TaskList => ({ items, total, nextCursor });
