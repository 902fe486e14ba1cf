import { randomUUID } from 'node:crypto';
import type { NewEntry } from './live-log';
import { MemoryLiveLog } from './memory-live-log';
import { compareStreamIds, LOG_START } from './stream-id';

const event = (projectId: string): NewEntry => ({
  eventId: randomUUID(),
  event: { type: 'project.updated', projectIds: [projectId], userId: null, data: { projectId, actor: { id: 'a', username: 'a' } } },
});

describe('MemoryLiveLog', () => {
  it('gives increasing stream ids, replays after any kept id, and knows which ids it keeps', async () => {
    const log = new MemoryLiveLog();
    expect(await log.head()).toBe(LOG_START);
    await log.append([event('p1'), event('p2'), event('p3')]);
    const all = await log.after(LOG_START, 10);
    expect(all.map((e) => e.event.projectIds[0])).toEqual(['p1', 'p2', 'p3']);
    const ids = all.map((e) => e.id);
    expect([...ids].sort(compareStreamIds)).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
    expect(await log.head()).toBe(ids[2]);
    expect((await log.after(ids[0] as string, 10)).map((e) => e.id)).toEqual(ids.slice(1));
    expect(await log.keepsAfter(ids[1] as string)).toBe(true);
    expect(await log.keepsAfter('1-0')).toBe(false);
    // A stream opened on the empty log started at LOG_START: nothing has gone since, so it resumes.
    expect(await log.keepsAfter(LOG_START)).toBe(true);
  });

  it('drops entries older than its retention on the next append, so their ids are no longer resumable', async () => {
    const log = new MemoryLiveLog(50);
    await log.append([event('old')]);
    const [old] = await log.after(LOG_START, 1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    await log.append([event('new')]);
    expect(await log.keepsAfter(old?.id as string)).toBe(false);
    expect(await log.keepsAfter(LOG_START)).toBe(false);
    expect((await log.after(LOG_START, 10)).map((e) => e.event.projectIds[0])).toEqual(['new']);
  });

  it('wakes a waiting reader as soon as an entry is appended', async () => {
    const log = new MemoryLiveLog();
    const waiting = log.waitAfter(await log.head(), 10_000);
    const started = Date.now();
    await log.append([event('p')]);
    expect((await waiting).map((e) => e.event.projectIds[0])).toEqual(['p']);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
