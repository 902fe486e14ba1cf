import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { openTestDataSource } from '@taskflow/api-testing-db';
import type { DataSource } from 'typeorm';
import type { DomainEvent, EventDraft } from './domain-event';
import { EventConsumer, type Delivery, type RejectedEvent } from './event-consumer';
import { EventDispatcher } from './event-dispatcher';
import { EventLog } from './event-log';
import { OutboxWriter } from './outbox-writer';

/** What every instance of a consumer (one per dispatcher) has received, as a store would keep it. */
class Received {
  readonly count = new Map<string, number>();
  readonly versionsByTask = new Map<string, number[]>();

  take(events: readonly DomainEvent[]): void {
    for (const event of events) {
      this.count.set(event.id, (this.count.get(event.id) ?? 0) + 1);
      if (event.type !== 'task.updated') continue;
      const versions = this.versionsByTask.get(event.aggregateId) ?? [];
      versions.push(event.data.version);
      this.versionsByTask.set(event.aggregateId, versions);
    }
  }
}

/** A consumer that exists only in this test: it keeps what it is given. */
class ThrowawayConsumer extends EventConsumer {
  override readonly options = { batchSize: 7 };
  constructor(
    readonly name: string,
    private readonly received: Received,
  ) {
    super();
  }
  async handle(events: readonly DomainEvent[]): Promise<void> {
    // A little work per batch, so two dispatchers racing really overlap.
    await new Promise((resolve) => setTimeout(resolve, 2));
    this.received.take(events);
  }
}

/** A consumer that notes, per batch, which events it got and whether they came as a redelivery. */
class RecordingConsumer extends EventConsumer {
  readonly batches: { ids: string[]; redelivered: boolean }[] = [];
  constructor(readonly name: string) {
    super();
  }
  async handle(events: readonly DomainEvent[], delivery: Delivery): Promise<void> {
    this.batches.push({ ids: events.map((event) => event.id), redelivered: delivery.redelivered });
  }
}

/** A consumer whose store is down until `state.down` turns false. */
class FlakyConsumer extends EventConsumer {
  override readonly options = { batchSize: 50, retry: { firstMs: 20, maxMs: 100 } };
  constructor(
    readonly name: string,
    private readonly received: Received,
    private readonly state: { down: boolean },
  ) {
    super();
  }
  async handle(events: readonly DomainEvent[]): Promise<void> {
    if (this.state.down) throw new Error('store unreachable');
    this.received.take(events);
  }
}

/** A consumer that refuses every event of version 2 for good. */
class PickyConsumer extends EventConsumer {
  constructor(
    readonly name: string,
    private readonly received: Received,
  ) {
    super();
  }
  async handle(events: readonly DomainEvent[]): Promise<RejectedEvent[]> {
    const rejected = events.filter((event) => event.type === 'task.updated' && event.data.version === 2);
    this.received.take(events.filter((event) => !rejected.includes(event)));
    return rejected.map((event) => ({ event, reason: 'version 2 is not welcome' }));
  }
}

function taskUpdated(projectId: string, taskId: string, version: number): EventDraft {
  return {
    type: 'task.updated',
    projectId,
    ownerId: null,
    actorId: randomUUID(),
    data: { projectId, taskId, version, changes: { title: { from: `v${version - 1}`, to: `v${version}` } }, task: {} as never },
  };
}

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * The dispatcher on the run's migrated database: named consumers, each with its own cursor, two
 * dispatchers (two API processes) racing for them, one consumer failing meanwhile.
 */
describe('EventDispatcher on the test database', () => {
  let db: DataSource;
  let log: EventLog;
  let writer: OutboxWriter;
  const names: string[] = [];
  const dispatchers: EventDispatcher[] = [];

  beforeAll(async () => {
    db = await openTestDataSource({ poolSize: Number(process.env['DATABASE_POOL_SIZE'] ?? 4) });
    log = new EventLog(db);
    writer = new OutboxWriter(db);
  });
  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((dispatcher) => dispatcher.onModuleDestroy()));
    for (const name of names.splice(0)) await log.unregister(name);
  });
  afterAll(() => db?.destroy());

  /** A process's dispatcher: polls fast (no NOTIFY here), and is nudged by the shared writer's commits. */
  async function startDispatcher(...consumers: EventConsumer[]): Promise<EventDispatcher> {
    const dispatcher = new EventDispatcher(log, writer, undefined, undefined, { pollIntervalMs: 100 });
    for (const consumer of consumers) dispatcher.register(consumer);
    await dispatcher.onApplicationBootstrap();
    dispatchers.push(dispatcher);
    return dispatcher;
  }

  const named = (prefix: string) => {
    const name = `${prefix}-${randomUUID()}`;
    names.push(name);
    return name;
  };

  /** Several tasks updated at once, each its versions one after another (as compare-and-set orders them). */
  async function writeConcurrently(tasks: number, versions: number): Promise<{ ids: string[]; taskIds: string[] }> {
    const projectId = randomUUID();
    const taskIds = Array.from({ length: tasks }, () => randomUUID());
    await Promise.all(
      taskIds.map(async (taskId) => {
        for (let version = 1; version <= versions; version++)
          await writer.transaction((tx) => writer.write(tx, [taskUpdated(projectId, taskId, version)]));
      }),
    );
    const rows: { event_id: string }[] = await db.query(`SELECT event_id FROM event_outbox WHERE project_id = $1`, [projectId]);
    return { ids: rows.map((row) => row.event_id), taskIds };
  }

  it('gives a new consumer every event exactly once, in version order per task, while another consumer fails; then the failing one catches up', async () => {
    const throwaway = new Received();
    const flaky = new Received();
    const state = { down: true };
    const throwawayName = named('throwaway');
    const flakyName = named('flaky');
    // Two processes, each running both consumers.
    await startDispatcher(new ThrowawayConsumer(throwawayName, throwaway), new FlakyConsumer(flakyName, flaky, state));
    await startDispatcher(new ThrowawayConsumer(throwawayName, throwaway), new FlakyConsumer(flakyName, flaky, state));

    const { ids, taskIds } = await writeConcurrently(6, 8);
    expect(ids).toHaveLength(48);

    await eventually(() => ids.every((id) => throwaway.count.has(id)), 'the throwaway consumer to receive every event');
    expect([...throwaway.count.values()].every((times) => times === 1)).toBe(true);
    for (const taskId of taskIds) expect(throwaway.versionsByTask.get(taskId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    // Meanwhile the flaky one got nothing, counted its failures and kept every event for later.
    expect(flaky.count.size).toBe(0);
    const backlog = await log.backlog(flakyName, undefined);
    expect(backlog.attempts).toBeGreaterThan(0);
    expect(backlog.lastError).toContain('store unreachable');
    expect(backlog.pending).toBe(48);

    state.down = false;
    await eventually(() => ids.every((id) => flaky.count.has(id)), 'the recovered consumer to receive every event');
    expect([...flaky.count.values()].every((times) => times === 1)).toBe(true);
    for (const taskId of taskIds) expect(flaky.versionsByTask.get(taskId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Its cursor moves once the batch is handled.
    await eventually(async () => (await log.backlog(flakyName, undefined)).pending === 0, 'the recovered consumer to pass every event');
    expect(await log.backlog(flakyName, undefined)).toMatchObject({ attempts: 0, lastError: null });
  });

  it('dead-letters the events a consumer rejects and moves on past them, counting and logging each once', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const received = new Received();
      const name = named('picky');
      await startDispatcher(new PickyConsumer(name, received));
      const { ids, taskIds } = await writeConcurrently(3, 3);

      await eventually(async () => (await log.backlog(name, undefined)).pending === 0, 'the picky consumer to pass every event');
      for (const taskId of taskIds) expect(received.versionsByTask.get(taskId)).toEqual([1, 3]);
      const dead = await log.deadLetters(name);
      expect(dead).toHaveLength(3);
      expect(dead.every((letter) => ids.includes(letter.eventId) && letter.error === 'version 2 is not welcome')).toBe(true);
      expect((await log.backlog(name, undefined)).deadLetters).toBe(3);

      const lines = logged.mock.calls.filter(([fields]) => (fields as { consumer?: string }).consumer === name);
      expect(lines.map(([fields]) => fields)).toEqual(
        expect.arrayContaining(dead.map((letter) => ({ consumer: name, eventId: letter.eventId, reason: 'version 2 is not welcome' }))),
      );
      expect(lines).toHaveLength(3);
      // A redelivered batch rejects the same events again: they are kept (and logged) once.
      const [first] = await db.query(`SELECT event FROM event_dead_letters WHERE consumer = $1 LIMIT 1`, [name]);
      expect(await log.deadLetter(name, [{ event: first.event, reason: 'again' }])).toEqual([]);
      expect((await log.backlog(name, undefined)).deadLetters).toBe(3);
    } finally {
      logged.mockRestore();
    }
  });

  it('hands the batch of a process that stopped before its cursor moved to the next holder as a redelivery', async () => {
    const name = named('taken-over');
    await log.register(name);
    const { ids } = await writeConcurrently(1, 3);
    // A process claims the batch and dies with it: its lease runs out, no ack, no failure recorded.
    const lost = await log.claim(name, undefined, 100, 60_000);
    expect(lost).toMatchObject({ attempts: 0 });
    await db.query(`UPDATE event_consumers SET lease_until = now() - interval '1 millisecond' WHERE name = $1`, [name]);

    const consumer = new RecordingConsumer(name);
    await startDispatcher(consumer);
    await eventually(() => consumer.batches.length > 0, 'the next holder to take the batch over');
    expect(consumer.batches[0]).toEqual({ ids: lost?.events.map((event) => event.id), redelivered: true });
    expect([...(lost?.events.map((event) => event.id) ?? [])].sort()).toEqual([...ids].sort());
    await eventually(async () => (await log.backlog(name, undefined)).pending === 0, 'the batch to be acknowledged');
    expect(await log.backlog(name, undefined)).toMatchObject({ attempts: 0, lastError: null });

    // The common path: a first delivery is not a redelivery.
    const next = await writeConcurrently(1, 1);
    await eventually(() => consumer.batches.some((batch) => batch.ids.includes(next.ids[0] ?? '')), 'the next event');
    expect(consumer.batches.at(-1)?.redelivered).toBe(false);
  });

  it('marks a consumer seen in its claim, and an idle one once an hour, without writing on every idle claim', async () => {
    const name = named('seen');
    await log.register(name);
    const seenAt = async () => ((await db.query(`SELECT seen_at FROM event_consumers WHERE name = $1`, [name])) as { seen_at: Date }[])[0]?.seen_at;
    const backdate = (interval: string) => db.query(`UPDATE event_consumers SET seen_at = now() - $2::interval WHERE name = $1`, [name, interval]);

    await backdate('5 minutes');
    const before = await seenAt();
    expect(await log.claim(name, ['project.deleted'], 10, 60_000)).toBeUndefined();
    expect(await seenAt()).toEqual(before);

    await backdate('2 hours');
    expect(await log.claim(name, ['project.deleted'], 10, 60_000)).toBeUndefined();
    expect(Date.now() - ((await seenAt())?.getTime() ?? 0)).toBeLessThan(60_000);
    // The renewal released the lease it took: the next event is claimed at once.
    await backdate('5 minutes');
    await writeConcurrently(1, 1);
    const claim = await log.claim(name, undefined, 10, 60_000);
    expect(claim?.events).toHaveLength(1);
    expect(Date.now() - ((await seenAt())?.getTime() ?? 0)).toBeLessThan(60_000);
  });

  it('stops holding retention for a consumer not seen for a week (one removed from the code)', async () => {
    const retired = named('retired');
    await log.register(retired);
    const received = new Received();
    const active = named('active');
    await startDispatcher(new ThrowawayConsumer(active, received));
    const { ids } = await writeConcurrently(2, 2);
    await eventually(() => ids.every((id) => received.count.has(id)), 'the active consumer to receive the events');
    await eventually(async () => (await log.backlog(active, undefined)).pending === 0, 'the active consumer to pass the events');
    const kept = async () => ((await db.query('SELECT count(*)::int AS n FROM event_outbox WHERE event_id = ANY($1::uuid[])', [ids])) as { n: number }[])[0]?.n;

    // Every consumer but the active one stands still here (the migration's run nowhere in this suite).
    const others: { name: string; seen_at: Date }[] = await db.query(`SELECT name, seen_at FROM event_consumers WHERE name <> $1`, [active]);
    try {
      await db.query(`UPDATE event_consumers SET seen_at = now() - interval '6 days' WHERE name <> $1`, [active]);
      await log.prune(10_000);
      expect(await kept()).toBe(4);
      expect((await log.backlog(retired, undefined)).pending).toBe(4);

      await db.query(`UPDATE event_consumers SET seen_at = now() - interval '8 days' WHERE name <> $1`, [active]);
      await log.prune(10_000);
      expect(await kept()).toBe(0);
      // Were it to come back, it would go on from its cursor without what was deleted meanwhile.
      expect((await log.backlog(retired, undefined)).pending).toBe(0);
    } finally {
      for (const other of others) await db.query(`UPDATE event_consumers SET seen_at = $2 WHERE name = $1`, [other.name, other.seen_at]);
    }
  });

  it('starts a consumer with what commits after it registered, and keeps events until every consumer has them', async () => {
    const before = await writeConcurrently(1, 2);
    const received = new Received();
    const name = named('late');
    await startDispatcher(new ThrowawayConsumer(name, received));
    const after = await writeConcurrently(1, 2);
    await eventually(() => after.ids.every((id) => received.count.has(id)), 'the late consumer to receive the new events');
    expect(before.ids.some((id) => received.count.has(id))).toBe(false);

    // The migration's consumers (activity, live) run nowhere in this suite: nothing they have not had may go.
    await log.prune(10_000);
    const kept: { n: number }[] = await db.query('SELECT count(*)::int AS n FROM event_outbox WHERE event_id = ANY($1::uuid[])', [[...before.ids, ...after.ids]]);
    expect(kept[0]?.n).toBe(4);
  });
});
