import type { TaskPriority, TaskStatus } from '@taskflow/shared-contracts';

export interface TaskFilters {
  statuses: TaskStatus[];
  priorities: TaskPriority[];
  tag: string;
  q: string;
  /** Inclusive: tasks due on this day or later (sent as the exclusive `dueAfter` of the day before). */
  dueFrom: string;
  /** Inclusive: tasks due on this day or earlier (sent as the exclusive `dueBefore` of the day after). */
  dueUntil: string;
  sort: string;
}

export const DEFAULT_FILTERS: TaskFilters = {
  statuses: [],
  priorities: [],
  tag: '',
  q: '',
  dueFrom: '',
  dueUntil: '',
  sort: '-createdAt',
};

export const SORT_OPTIONS: { value: string; label: string }[] = [
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
  { value: 'dueDate', label: 'Due date, soonest first' },
  { value: '-priority,dueDate', label: 'Priority, highest first' },
  { value: 'title', label: 'Title, A to Z' },
  { value: '-updatedAt', label: 'Recently updated' },
];

/** The `GET /api/tasks` query for a set of filters: empty filters are left out, lists are comma-separated. */
export function toQueryParams(filters: TaskFilters, limit: number): Record<string, string> {
  const params: Record<string, string> = { sort: filters.sort || DEFAULT_FILTERS.sort, limit: String(limit) };
  if (filters.statuses.length) params['status'] = filters.statuses.join(',');
  if (filters.priorities.length) params['priority'] = filters.priorities.join(',');
  const tag = normalizeTag(filters.tag);
  if (tag) params['tag'] = tag;
  const q = filters.q.trim();
  if (q) params['q'] = q;
  // The API's bounds are exclusive; the filter bar's are inclusive, as people read "from … until …".
  if (filters.dueFrom) params['dueAfter'] = shiftDate(filters.dueFrom, -1);
  if (filters.dueUntil) params['dueBefore'] = shiftDate(filters.dueUntil, 1);
  return params;
}

/** `#Work`, ` work ` and `work` are the same tag (tags are stored lower-case, shown with a `#`). */
export function normalizeTag(tag: string): string {
  return tag.trim().replace(/^#+/, '').trim().toLowerCase();
}

/** A calendar date `YYYY-MM-DD` moved by whole days, without time-zone shifts. */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return shifted.toISOString().slice(0, 10);
}

export function hasActiveFilters(filters: TaskFilters): boolean {
  return (
    filters.statuses.length > 0 ||
    filters.priorities.length > 0 ||
    !!normalizeTag(filters.tag) ||
    !!filters.q.trim() ||
    !!filters.dueFrom ||
    !!filters.dueUntil
  );
}
