import type { TaskPriority, TaskStatus } from '@taskflow/shared-contracts';

export interface TaskFilters {
  statuses: TaskStatus[];
  priorities: TaskPriority[];
  tag: string;
  q: string;
  dueAfter: string;
  dueBefore: string;
  sort: string;
}

export const DEFAULT_FILTERS: TaskFilters = {
  statuses: [],
  priorities: [],
  tag: '',
  q: '',
  dueAfter: '',
  dueBefore: '',
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
  const tag = filters.tag.trim().toLowerCase();
  if (tag) params['tag'] = tag;
  const q = filters.q.trim();
  if (q) params['q'] = q;
  if (filters.dueAfter) params['dueAfter'] = filters.dueAfter;
  if (filters.dueBefore) params['dueBefore'] = filters.dueBefore;
  return params;
}

export function hasActiveFilters(filters: TaskFilters): boolean {
  return (
    filters.statuses.length > 0 ||
    filters.priorities.length > 0 ||
    !!filters.tag.trim() ||
    !!filters.q.trim() ||
    !!filters.dueAfter ||
    !!filters.dueBefore
  );
}
