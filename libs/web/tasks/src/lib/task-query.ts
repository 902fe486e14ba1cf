import { TASK_PRIORITIES, TASK_STATUSES, type TaskPriority, type TaskStatus } from '@taskflow/shared-contracts';

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

/** Anything with `get(name)`, such as the router's `ParamMap`. */
export interface ParamSource {
  get(name: string): string | null;
}

/** The query parameters the filters live in, beside `project` (absent = the default). */
export const FILTER_PARAM_NAMES = ['q', 'status', 'priority', 'tag', 'from', 'until', 'sort'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filters a URL names. What a person may have typed or an old link holds is checked here, so
 * an unknown status, a bad date or a made-up sort is dropped rather than sent for a 400.
 */
export function filtersFromParams(params: ParamSource): TaskFilters {
  const list = <T extends string>(name: string, allowed: readonly T[]) =>
    (params.get(name) ?? '')
      .split(',')
      .filter((value): value is T => (allowed as readonly string[]).includes(value))
      .filter((value, index, all) => all.indexOf(value) === index);
  const date = (name: string) => {
    const value = params.get(name) ?? '';
    return DATE.test(value) ? value : '';
  };
  const sort = params.get('sort') ?? '';
  return {
    statuses: list('status', TASK_STATUSES),
    priorities: list('priority', TASK_PRIORITIES),
    tag: params.get('tag') ?? '',
    q: params.get('q') ?? '',
    dueFrom: date('from'),
    dueUntil: date('until'),
    sort: SORT_OPTIONS.some((option) => option.value === sort) ? sort : DEFAULT_FILTERS.sort,
  };
}

/** The query parameters for `filters`: null for a default, so a merge removes it from the URL. */
export function filtersToParams(filters: TaskFilters): Record<(typeof FILTER_PARAM_NAMES)[number], string | null> {
  return {
    q: filters.q.trim() || null,
    status: filters.statuses.join(',') || null,
    priority: filters.priorities.join(',') || null,
    tag: normalizeTag(filters.tag) || null,
    from: filters.dueFrom || null,
    until: filters.dueUntil || null,
    sort: filters.sort && filters.sort !== DEFAULT_FILTERS.sort ? filters.sort : null,
  };
}
