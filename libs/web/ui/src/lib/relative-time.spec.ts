import { relativeTime } from './relative-time';

describe('relativeTime', () => {
  const now = new Date('2026-05-01T12:00:00Z');

  it('says "just now" under a minute', () => {
    expect(relativeTime('2026-05-01T11:59:30Z', now)).toBe('just now');
  });

  it('counts minutes, hours and days in the past', () => {
    expect(relativeTime('2026-05-01T11:58:00Z', now)).toBe('2 minutes ago');
    expect(relativeTime('2026-05-01T09:00:00Z', now)).toBe('3 hours ago');
    expect(relativeTime('2026-04-30T12:00:00Z', now)).toBe('yesterday');
  });

  it('handles the future', () => {
    expect(relativeTime('2026-05-04T12:00:00Z', now)).toBe('in 3 days');
  });
});
