import { ExpiringMap } from './expiring-map';

describe('ExpiringMap', () => {
  it('serves an entry until its expiry time, and not from then on', () => {
    const map = new ExpiringMap<string, number>(10);
    const now = Date.now();
    map.set('live', 1, now + 60_000);
    map.set('due', 2, now);
    expect(map.get('live')).toBe(1);
    expect(map.get('due')).toBeUndefined();
    expect(map.size).toBe(1);
  });

  it('drops the entry stored first once the bound is reached', () => {
    const map = new ExpiringMap<string, number>(2);
    const later = Date.now() + 60_000;
    map.set('a', 1, later);
    map.set('b', 2, later);
    map.set('c', 3, later);
    expect(map.size).toBe(2);
    expect(map.get('a')).toBeUndefined();
    expect([map.get('b'), map.get('c')]).toEqual([2, 3]);
  });

  it('forgets one entry or all of them', () => {
    const map = new ExpiringMap<string, number>(10);
    const later = Date.now() + 60_000;
    map.set('a', 1, later);
    map.set('b', 2, later);
    map.delete('a');
    expect(map.get('a')).toBeUndefined();
    map.clear();
    expect(map.size).toBe(0);
  });
});
