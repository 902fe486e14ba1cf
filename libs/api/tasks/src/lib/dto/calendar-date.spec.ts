import { isCalendarDate } from './calendar-date';

describe('isCalendarDate', () => {
  it.each(['2030-01-31', '2024-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each(['2023-02-29', '2030-04-31', '2030-13-01', '2030-00-10', '0000-01-01', '2030-1-01', '20300101', '2030-01-01T00:00:00Z', 20300101])(
    'refuses %s',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );
});
