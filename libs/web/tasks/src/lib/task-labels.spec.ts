import { dueState, formatDueDate, localToday } from './task-labels';

describe('dueState', () => {
  const today = '2026-05-10';

  it('marks open tasks past their date as overdue', () => {
    expect(dueState({ dueDate: '2026-05-09', status: 'todo' }, today)).toBe('overdue');
  });

  it('marks today and the next two days as due soon', () => {
    expect(dueState({ dueDate: '2026-05-10', status: 'in_progress' }, today)).toBe('soon');
    expect(dueState({ dueDate: '2026-05-12', status: 'todo' }, today)).toBe('soon');
    expect(dueState({ dueDate: '2026-05-13', status: 'todo' }, today)).toBeNull();
  });

  it('never flags done tasks or tasks without a date', () => {
    expect(dueState({ dueDate: '2026-01-01', status: 'done' }, today)).toBeNull();
    expect(dueState({ dueDate: null, status: 'todo' }, today)).toBeNull();
  });

  it('crosses month ends', () => {
    expect(dueState({ dueDate: '2026-06-01', status: 'todo' }, '2026-05-31')).toBe('soon');
  });

  it('formats dates and today', () => {
    expect(formatDueDate('2026-05-03')).toBe('May 3, 2026');
    expect(localToday(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
