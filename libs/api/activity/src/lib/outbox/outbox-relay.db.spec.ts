import { randomUUID } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../../testing/test-data-source';
import type { ActivityEventRecord } from '../activity-event';
import { ActivityStore } from '../activity-store';
import type { ActivityEventDocument } from '../mongo/activity-event.schema';
import { MongoActivityStore } from '../mongo/mongo-activity.store';
import { PostgresActivityStore } from '../postgres/postgres-activity.store';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
import { OutboxRepository } from './outbox.repository';

/**
 * The relay against the real test database (the real migrations, the real SKIP LOCKED claims),
 * delivering to the Postgres adapter or to a store that fails on purpose.
 */
describe('OutboxRelay on the test database', () => {
  let db: DataSource;
  let outbox: OutboxRepository;
  let postgres: PostgresActivityStore;

  beforeAll(async () => {
    db = await openTestDataSource();
    outbox = new OutboxRepository(db);
    postgres = new PostgresActivityStore(db);
  });
  afterAll(() => db?.destroy());
  // Only this file uses the outbox of this run's database; each test starts from an empty one.
  beforeEach(() => db.query('DELETE FROM activity_outbox'));

  /** Outbox rows for one task, as the tasks library writes them; returns their ids, oldest first. */
  async function insertOutboxRows(count: number, taskId = randomUUID()): Promise<string[]> {
    const ownerId = randomUUID();
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      const rows: { id: string }[] = await db.query(
        `INSERT INTO activity_outbox (task_id, owner_id, type, changes, occurred_at)
         VALUES ($1, $2, $3, $4::jsonb, now() - interval '1 hour' + $5 * interval '1 millisecond') RETURNING id`,
        [taskId, ownerId, index === 0 ? 'task.created' : 'task.updated', JSON.stringify({ priority: { from: 'medium', to: `v${index}` } }), index],
      );
      ids.push(rows[0]!.id);
    }
    return ids;
  }

  const outboxRows = (ids: string[]): Promise<{ id: string; attempts: number; last_error: string | null; next_attempt_at: Date }[]> =>
    db.query('SELECT id, attempts, last_error, next_attempt_at FROM activity_outbox WHERE id = ANY($1::uuid[]) ORDER BY occurred_at', [ids]);
  const storedCopies = async (ids: string[]): Promise<number> =>
    (await db.query('SELECT count(*)::int AS n FROM activity_events WHERE id = ANY($1::uuid[])', [ids]))[0].n;

  const relay = (store: ActivityStore, options: Partial<OutboxRelayOptions> = {}) =>
    new OutboxRelay(outbox, store, { batchSize: 50, retryDelayMs: () => 0, ...options });

  /** Counts every event each append was given, to prove nothing was delivered twice. */
  function countingStore(inner: ActivityStore) {
    const delivered = new Map<string, number>();
    const store = Object.assign(Object.create(inner) as ActivityStore, {
      append: async (events: readonly ActivityEventRecord[]) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await inner.append(events);
        for (const event of events) delivered.set(event.id, (delivered.get(event.id) ?? 0) + 1);
      },
    });
    return { store, delivered };
  }

  it('moves outbox rows into the store exactly once and removes them from the outbox', async () => {
    const taskId = randomUUID();
    const ids = await insertOutboxRows(20, taskId);
    // Three batches of 7, 7 and 6.
    await relay(postgres, { batchSize: 7 }).drain();
    expect(await outboxRows(ids)).toEqual([]);
    expect(await storedCopies(ids)).toBe(20);
    const timeline = await postgres.listForTask(taskId, 50);
    expect(timeline.map((event) => event.id)).toEqual([...ids].reverse());
    expect(timeline.at(-1)).toMatchObject({ type: 'task.created', changes: { priority: { from: 'medium', to: 'v0' } } });
  });

  it('lets two relays run at once and delivers each event exactly once', async () => {
    const ids = await insertOutboxRows(60);
    const { store, delivered } = countingStore(postgres);
    const [first, second] = [relay(store, { batchSize: 5 }), relay(store, { batchSize: 5 })];
    await Promise.all([first.drain(), second.drain(), first.drain(), second.drain()]);
    expect(await outboxRows(ids)).toEqual([]);
    expect(await storedCopies(ids)).toBe(60);
    for (const id of ids) expect(delivered.get(id)).toBe(1);
  });

  it('keeps everything in the outbox while the store fails, then delivers it all once it recovers', async () => {
    const ids = await insertOutboxRows(10);
    let down = true;
    const flaky = Object.assign(Object.create(postgres) as ActivityStore, {
      append: (events: readonly ActivityEventRecord[]) =>
        down ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:27017')) : postgres.append(events),
    });
    const flakyRelay = relay(flaky);

    await flakyRelay.drain();
    await flakyRelay.drain();
    let rows = await outboxRows(ids);
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      expect(row.attempts).toBe(2);
      expect(row.last_error).toBe('Error: connect ECONNREFUSED 127.0.0.1:27017');
    }
    expect(await storedCopies(ids)).toBe(0);

    down = false;
    await flakyRelay.drain();
    rows = await outboxRows(ids);
    expect(rows).toEqual([]);
    expect(await storedCopies(ids)).toBe(10);
  });

  it('waits out the backoff: a failed row is not claimed again before its next_attempt_at', async () => {
    const ids = await insertOutboxRows(3);
    const failing = Object.assign(Object.create(postgres) as ActivityStore, {
      append: () => Promise.reject(new Error('down')),
    });
    const backingOff = relay(failing, { retryDelayMs: (failures) => failures * 60_000 });
    await backingOff.drain();
    const [row] = await outboxRows(ids);
    const waitMs = new Date(row!.next_attempt_at).getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(50_000);
    expect(waitMs).toBeLessThanOrEqual(60_000);
    // Due rows only: these three are not, so a healthy relay leaves them where they are.
    await relay(postgres).drain();
    expect(await outboxRows(ids)).toHaveLength(3);
    await db.query('UPDATE activity_outbox SET next_attempt_at = now() WHERE id = ANY($1::uuid[])', [ids]);
    await relay(postgres).drain();
    expect(await outboxRows(ids)).toEqual([]);
  });

  it('leaves the rows in the outbox, attempts counted, when MongoDB is unreachable (model stubbed at its edge)', async () => {
    const ids = await insertOutboxRows(4);
    const model = jest.fn((document: ActivityEventDocument) => ({ validate: async () => document })) as unknown as Model<ActivityEventDocument> & {
      insertMany: jest.Mock;
    };
    model.insertMany = jest.fn().mockRejectedValue(
      new Error('Cannot call `activity_events.insertMany()` before initial connection is complete if `bufferCommands = false`.'),
    );
    const mongo = new MongoActivityStore(model, { readyState: 0 } as Connection);
    await relay(mongo).drain();
    expect(model.insertMany).toHaveBeenCalled();
    const rows = await outboxRows(ids);
    expect(rows.map((row) => row.attempts)).toEqual([1, 1, 1, 1]);
    expect(rows[0]!.last_error).toMatch(/bufferCommands = false/);
    expect(await storedCopies(ids)).toBe(0);
  });

  it('reports the backlog: how many rows wait and since when', async () => {
    await insertOutboxRows(2);
    const backlog = await outbox.backlog();
    expect(backlog.pending).toBeGreaterThanOrEqual(2);
    expect(Date.now() - backlog.oldestOccurredAt!.getTime()).toBeGreaterThanOrEqual(59 * 60_000);
  });
});
