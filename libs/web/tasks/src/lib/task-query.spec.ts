import { DEFAULT_FILTERS, hasActiveFilters, toQueryParams } from './task-query';

describe('toQueryParams', () => {
  it('sends only the sort and limit by default', () => {
    expect(toQueryParams(DEFAULT_FILTERS, 20)).toEqual({ sort: '-createdAt', limit: '20' });
    expect(hasActiveFilters(DEFAULT_FILTERS)).toBe(false);
  });

  it('joins lists with commas and trims text', () => {
    const filters = {
      ...DEFAULT_FILTERS,
      statuses: ['todo', 'in_progress'] as const,
      priorities: ['high'] as const,
      tag: ' Home ',
      q: '  milk ',
      dueAfter: '2026-01-01',
      dueBefore: '2026-02-01',
      sort: '-priority,dueDate',
    };
    expect(toQueryParams({ ...filters, statuses: [...filters.statuses], priorities: [...filters.priorities] }, 50)).toEqual({
      status: 'todo,in_progress',
      priority: 'high',
      tag: 'home',
      q: 'milk',
      dueAfter: '2026-01-01',
      dueBefore: '2026-02-01',
      sort: '-priority,dueDate',
      limit: '50',
    });
  });
});
