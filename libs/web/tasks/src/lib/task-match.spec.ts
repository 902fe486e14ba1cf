import { DEFAULT_FILTERS } from './task-query';
import { compareTasks, matchesFilters, sortedIndex, taskBefore } from './task-match';
import { aTask } from './testing';

describe('matchesFilters', () => {
  const f = (patch = {}) => ({ ...DEFAULT_FILTERS, ...patch });

  it('follows status, priority, tag, text and inclusive due bounds', () => {
    const task = aTask(1, { title: 'Pay Rent', status: 'in_progress', priority: 'high', tags: ['home'], dueDate: '2026-05-10' });
    expect(matchesFilters(task, f(), {}, null)).toBe(true);
    expect(matchesFilters(task, f({ statuses: ['todo'] }), {}, null)).toBe(false);
    expect(matchesFilters(task, f({ priorities: ['high', 'urgent'] }), {}, null)).toBe(true);
    expect(matchesFilters(task, f({ tag: '#Home' }), {}, null)).toBe(true);
    expect(matchesFilters(task, f({ tag: 'work' }), {}, null)).toBe(false);
    expect(matchesFilters(task, f({ q: 'rent' }), {}, null)).toBe(true);
    expect(matchesFilters(task, f({ q: 'milk' }), {}, null)).toBe(false);
    expect(matchesFilters(task, f({ dueFrom: '2026-05-10', dueUntil: '2026-05-10' }), {}, null)).toBe(true);
    expect(matchesFilters(task, f({ dueFrom: '2026-05-11' }), {}, null)).toBe(false);
    expect(matchesFilters(aTask(2), f({ dueUntil: '2026-05-11' }), {}, null)).toBe(false);
  });

  it('follows the project scope: the project, and "mine" by the signed-in user', () => {
    const task = aTask(1, { projectId: 'p1', assigneeId: 'u-bob' });
    expect(matchesFilters(task, DEFAULT_FILTERS, { projectId: 'p1' }, null)).toBe(true);
    expect(matchesFilters(task, DEFAULT_FILTERS, { projectId: 'p2' }, null)).toBe(false);
    expect(matchesFilters(task, DEFAULT_FILTERS, { assignee: 'me' }, 'u-bob')).toBe(true);
    expect(matchesFilters(task, DEFAULT_FILTERS, { assignee: 'me' }, 'u-alice')).toBe(false);
  });
});

describe('compareTasks', () => {
  it('orders by rank, puts a missing due date last both ways, and breaks ties by id in the last direction', () => {
    const tasks = [
      aTask(1, { priority: 'low', dueDate: null }),
      aTask(2, { priority: 'urgent', dueDate: '2026-02-01' }),
      aTask(3, { priority: 'urgent', dueDate: null }),
      aTask(4, { priority: 'urgent', dueDate: '2026-01-01' }),
    ];
    expect([...tasks].sort(compareTasks('-priority,dueDate')).map((t) => t.id)).toEqual(['t4', 't2', 't3', 't1']);
    expect([...tasks].sort(compareTasks('-dueDate')).map((t) => t.id)).toEqual(['t2', 't4', 't3', 't1']);
    expect([aTask(1), aTask(2)].sort(compareTasks('-createdAt')).map((t) => t.id)).toEqual(['t2', 't1']);
  });

  it('places a task among sorted ones', () => {
    const items = [aTask(1, { position: 1024 }), aTask(2, { position: 2048 })];
    expect(sortedIndex(items, aTask(3, { position: 1500 }), 'position')).toBe(1);
    expect(sortedIndex(items, aTask(3, { position: 9999 }), 'position')).toBe(2);
  });
});

describe('taskBefore', () => {
  it('undoes the changes of an event', () => {
    expect(taskBefore(aTask(1, { status: 'done' }), { status: { from: 'todo', to: 'done' } })?.status).toBe('todo');
    expect(taskBefore(aTask(1), undefined)).toBeNull();
  });
});
