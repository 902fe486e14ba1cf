import { dueDateWord, parseQuickAdd } from './quick-add';

// 2026-12-01 is a Tuesday.
const today = '2026-12-01';

describe('parseQuickAdd', () => {
  it('reads tags, a priority and a due date word anywhere in the text', () => {
    expect(parseQuickAdd('Pay rent #Home !high tomorrow', today)).toEqual({ title: 'Pay rent', tags: ['home'], priority: 'high', dueDate: '2026-12-02' });
    expect(parseQuickAdd('!urgent call the bank #money #work today', today)).toEqual({
      title: 'call the bank',
      tags: ['money', 'work'],
      priority: 'urgent',
      dueDate: '2026-12-01',
    });
  });

  it('leaves plain text, unknown priorities and lone markers in the title', () => {
    expect(parseQuickAdd('  Buy   oat milk ', today)).toEqual({ title: 'Buy oat milk', tags: [] });
    expect(parseQuickAdd('Fix it !soon', today)).toEqual({ title: 'Fix it !soon', tags: [] });
    expect(parseQuickAdd('# of guests', today)).toEqual({ title: '# of guests', tags: [] });
    expect(parseQuickAdd('today', today)).toEqual({ title: 'today', tags: [] });
    expect(parseQuickAdd('#work !low', today)).toEqual({ title: '#work !low', tags: [] });
  });
});

describe('dueDateWord', () => {
  it('takes a weekday as the next one after today', () => {
    expect(dueDateWord('Wednesday', today)).toBe('2026-12-02');
    expect(dueDateWord('monday', today)).toBe('2026-12-07');
    expect(dueDateWord('tuesday', today)).toBe('2026-12-08');
    expect(dueDateWord('sunday', '2026-12-31')).toBe('2027-01-03');
    expect(dueDateWord('someday', today)).toBeUndefined();
  });
});
