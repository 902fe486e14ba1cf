import { randomUUID } from 'node:crypto';
import type { ActivityStore } from '../lib/activity-store';
import { aTimeline, anEvent } from './activity-events';

export interface StoreUnderTest {
  store: ActivityStore;
  close(): Promise<void>;
}

/**
 * What every ActivityStore adapter must do, run against each of them: the embedded PostgreSQL
 * table always, MongoDB whenever MONGODB_URI is set. `describeFn` lets a caller skip the whole
 * suite (describe.skip) when its backing server is not available.
 */
export function describeActivityStoreContract(
  name: string,
  factory: () => Promise<StoreUnderTest>,
  describeFn: jest.Describe = describe,
): void {
  describeFn(`ActivityStore contract: ${name}`, () => {
    let subject: StoreUnderTest;
    let store: ActivityStore;

    beforeAll(async () => {
      subject = await factory();
      store = subject.store;
    });
    afterAll(() => subject?.close());

    it('lists a task\'s events newest first', async () => {
      const timeline = aTimeline(4);
      // Appended out of order, in two batches: the order comes from `at`, not insertion.
      await store.append([timeline[2]!, timeline[0]!]);
      await store.append([timeline[3]!, timeline[1]!]);
      const listed = await store.listForTask(timeline[0]!.taskId, 10);
      expect(listed.map((event) => event.id)).toEqual([...timeline].reverse().map((event) => event.id));
    });

    it('returns at most `limit` events, the newest ones', async () => {
      const timeline = aTimeline(5);
      await store.append(timeline);
      const listed = await store.listForTask(timeline[0]!.taskId, 2);
      expect(listed.map((event) => event.id)).toEqual([timeline[4]!.id, timeline[3]!.id]);
    });

    it('keeps one copy of an event appended again, alone or inside a larger batch', async () => {
      const [first, second, third] = aTimeline(3);
      await store.append([first!]);
      await store.append([first!]);
      await store.append([first!, second!, third!]);
      await store.append([second!, { ...third!, changes: { title: { from: 'ignored', to: 'rewrite' } } }]);
      const listed = await store.listForTask(first!.taskId, 10);
      expect(listed.map((event) => event.id)).toEqual([third!.id, second!.id, first!.id]);
      // Idempotent means first write wins: a replay never rewrites history.
      expect(listed[0]!.changes).toEqual(third!.changes);
    });

    it('keeps each task\'s events to itself', async () => {
      const mine = aTimeline(2);
      const theirs = aTimeline(2);
      await store.append([...mine, ...theirs]);
      const listed = await store.listForTask(mine[0]!.taskId, 10);
      expect(listed.map((event) => event.id).sort()).toEqual(mine.map((event) => event.id).sort());
      expect(await store.listForTask(randomUUID(), 10)).toEqual([]);
    });

    it('round-trips every field, including nested values, nulls, arrays and an empty change set', async () => {
      const taskId = randomUUID();
      const ownerId = randomUUID();
      const created = anEvent({
        taskId,
        ownerId,
        type: 'task.created',
        at: new Date('2030-02-03T04:05:06.789Z'),
        changes: {
          title: { from: null, to: 'Write the report' },
          tags: { from: null, to: ['work', 'q1'] },
          dueDate: { from: null, to: '2030-03-01' },
          meta: { from: { nested: { deep: [1, 'two', null, true] } }, to: { nested: {} } },
          count: { from: 0, to: 1.5 },
          done: { from: false, to: true },
          quote: { from: 'it\'s "quoted" $and.dotted', to: '' },
        },
      });
      const deleted = anEvent({ taskId, ownerId, type: 'task.deleted', changes: {}, at: new Date('2030-02-03T04:05:07.000Z') });
      await store.append([created, deleted]);
      const listed = await store.listForTask(taskId, 10);
      expect(listed).toEqual([deleted, created]);
      expect(listed[1]!.at).toBeInstanceOf(Date);
    });

    it('appending nothing is a no-op', async () => {
      await expect(store.append([])).resolves.toBeUndefined();
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
