import type { ActivityEvent } from '@taskflow/shared-contracts';
import { PRIORITY_LABELS, STATUS_LABELS, formatDueDate } from './task-labels';

const FIELD_NAMES: Record<string, string> = {
  title: 'title',
  description: 'description',
  status: 'status',
  priority: 'priority',
  dueDate: 'due date',
  tags: 'tags',
  completedAt: 'completed time',
  assigneeId: 'assignee',
  projectId: 'project',
};

/** Turns the ids an event holds (assignee, project) into names; unknown ids get a neutral word. */
export interface ActivityNames {
  user?: (id: string) => string | undefined;
  project?: (id: string) => string | undefined;
}

function show(field: string, value: unknown, names: ActivityNames): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return 'none';
  }
  if (field === 'assigneeId' && typeof value === 'string') return names.user?.(value) ?? 'a former member';
  if (field === 'projectId' && typeof value === 'string') return `“${names.project?.(value) ?? 'another project'}”`;
  if (field === 'status' && typeof value === 'string') return `“${(STATUS_LABELS as Record<string, string>)[value]?.toLowerCase() ?? value}”`;
  if (field === 'priority' && typeof value === 'string') return (PRIORITY_LABELS as Record<string, string>)[value]?.toLowerCase() ?? value;
  if (field === 'dueDate' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDueDate(value);
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'string') return `“${value.length > 60 ? value.slice(0, 57) + '…' : value}”`;
  return String(value);
}

/** One readable line per change: "priority changed from medium to high". */
export function describeActivity(event: ActivityEvent, names: ActivityNames = {}): string[] {
  if (event.type === 'task.created') {
    const title = event.changes['title']?.to;
    return [typeof title === 'string' ? `created as ${show('title', title, names)}` : 'created'];
  }
  if (event.type === 'task.deleted') {
    return ['deleted'];
  }
  // `position` is only the board's order: a person reads "moved on the board", not two numbers.
  const lines = Object.entries(event.changes)
    .filter(([field]) => field !== 'version' && field !== 'updatedAt' && field !== 'completedAt' && field !== 'position')
    .map(([field, change]) => {
      const name = FIELD_NAMES[field] ?? field;
      if (field === 'description') {
        return change.to ? 'description changed' : 'description cleared';
      }
      const from = show(field, change.from, names);
      const to = show(field, change.to, names);
      if (field === 'assigneeId') return to === 'none' ? `unassigned (was ${from})` : `assigned to ${to}`;
      if (field === 'projectId') return `moved from ${from} to ${to}`;
      if (from === 'none') return `${name} set to ${to}`;
      if (to === 'none') return `${name} cleared (was ${from})`;
      return `${name} changed from ${from} to ${to}`;
    });
  if (lines.length) return lines;
  return 'position' in event.changes ? ['moved on the board'] : ['updated'];
}
