import type { Task, TaskPriority, TaskStatus } from '@taskflow/shared-contracts';

export const STATUS_LABELS: Record<TaskStatus, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
};

export const PRIORITY_LABELS: Record<TaskPriority, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};

export type DueState = 'overdue' | 'soon' | null;

/** Today's date where the person is, as `YYYY-MM-DD`. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return localToday(new Date(y, m - 1, d + days));
}

/** Open tasks past their due date are overdue; due today or within the next two days is "soon". */
export function dueState(task: Pick<Task, 'dueDate' | 'status'>, today: string = localToday()): DueState {
  if (!task.dueDate || task.status === 'done') {
    return null;
  }
  if (task.dueDate < today) {
    return 'overdue';
  }
  return task.dueDate <= addDays(today, 2) ? 'soon' : null;
}

/** "Due 3 May 2026" style, from a calendar date, without time-zone shifts. */
export function formatDueDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d).toLocaleDateString('en', { day: 'numeric', month: 'short', year: 'numeric' });
}
