import { DEFAULT_FILTERS, hasActiveFilters, normalizeTag, shiftDate, toQueryParams } from './task-query';

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
      tag: ' #Home ',
      q: '  milk ',
      dueFrom: '2026-01-01',
      dueUntil: '2026-02-28',
      sort: '-priority,dueDate',
    };
    expect(toQueryParams({ ...filters, statuses: [...filters.statuses], priorities: [...filters.priorities] }, 50)).toEqual({
      status: 'todo,in_progress',
      priority: 'high',
      tag: 'home',
      q: 'milk',
      dueAfter: '2025-12-31',
      dueBefore: '2026-03-01',
      sort: '-priority,dueDate',
      limit: '50',
    });
  });
});

describe('normalizeTag and shiftDate', () => {
  it('reads #work, Work and work as one tag', () => {
    expect(normalizeTag('#work')).toBe('work');
    expect(normalizeTag('  #Work ')).toBe('work');
    expect(normalizeTag('work')).toBe('work');
    expect(normalizeTag('#')).toBe('');
    expect(hasActiveFilters({ ...DEFAULT_FILTERS, tag: '#' })).toBe(false);
  });

  it('moves calendar dates across month and year ends and leap days', () => {
    expect(shiftDate('2026-01-01', -1)).toBe('2025-12-31');
    expect(shiftDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(shiftDate('2026-02-28', 1)).toBe('2026-03-01');
  });
});
