import { DEFAULT_FILTERS, filtersFromParams, filtersToParams, hasActiveFilters, normalizeTag, shiftDate, toQueryParams } from './task-query';

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

describe('filters in the URL', () => {
  const params = (query: string) => new URLSearchParams(query);

  it('round-trips every filter through query parameters, leaving defaults out', () => {
    const query = filtersToParams({ statuses: ['todo', 'done'], priorities: ['high'], tag: '#Work', q: ' milk ', dueFrom: '2026-05-01', dueUntil: '2026-05-31', sort: 'title' });
    expect(query).toEqual({ q: 'milk', status: 'todo,done', priority: 'high', tag: 'work', from: '2026-05-01', until: '2026-05-31', sort: 'title' });
    const back = filtersFromParams(params(new URLSearchParams(Object.entries(query) as [string, string][]).toString()));
    expect(back).toEqual({ statuses: ['todo', 'done'], priorities: ['high'], tag: 'work', q: 'milk', dueFrom: '2026-05-01', dueUntil: '2026-05-31', sort: 'title' });
    expect(Object.values(filtersToParams(DEFAULT_FILTERS)).every((value) => value === null)).toBe(true);
  });

  it('drops what the API would refuse: unknown statuses, bad dates, a made-up sort', () => {
    expect(filtersFromParams(params('status=todo,nope,todo&priority=HIGH&from=yesterday&sort=id'))).toEqual({ ...DEFAULT_FILTERS, statuses: ['todo'] });
  });
});

