import { migrations } from '@taskflow/api-database';
import { createEmptyTestDatabase, migrateTestDatabase, openTestDataSource, withDatabaseClient as withClient } from '@taskflow/api-testing-db';
import type { DomainEvent } from './domain-event';
import { EventConsumer } from './event-consumer';
import { EventDispatcher } from './event-dispatcher';
import { EventLog } from './event-log';
import { OutboxWriter } from './outbox-writer';

class Recorder extends EventConsumer {
  readonly received: DomainEvent[] = [];
  constructor(readonly name: string) {
    super();
  }
  async handle(events: readonly DomainEvent[]): Promise<void> {
    this.received.push(...events);
  }
}

/**
 * The upgrade to one event outbox on a database holding undelivered events of both old queues:
 * the activity consumer must still deliver the activity_outbox rows (and not the live rows of the
 * same changes), the live consumer the event_outbox rows (and not re-broadcast the activity rows).
 * On the run's server (a database of its own) or on an embedded PostgreSQL.
 */
describe('the one-event-outbox migration on a database with undelivered events', () => {
  const target = migrations.findIndex((migration) => migration.name === 'OneEventOutbox1764600000000');
  let url: string;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ url, dispose } = await createEmptyTestDatabase());
  });
  afterAll(() => dispose?.());

  const migrate = (upTo: number) => migrateTestDatabase(url, migrations.slice(0, upTo));

  it('hands the old activity rows to the activity consumer and the old live rows to the live consumer, each once', async () => {
    expect(target).toBeGreaterThan(0);
    await migrate(target);
    const seeded = await withClient(url, async (client) => {
      const alice = first(await client.query<{ id: string }>(`INSERT INTO users (username, email, password_hash) VALUES ('alice', 'a@example.com', 'x') RETURNING id`)).id;
      const inbox = first(await client.query<{ id: string }>(`SELECT id FROM projects WHERE default_for = $1`, [alice])).id;
      const task = first(await client.query<{ id: string }>(`INSERT INTO tasks (owner_id, project_id, title, position) VALUES ($1, $2, 'old', 1024) RETURNING id`, [alice, inbox])).id;
      // What the old write path left behind: an activity row and the live event of the same change.
      const activity = first(
        await client.query<{ id: string }>(
          `INSERT INTO activity_outbox (task_id, owner_id, project_id, actor_id, actor_username, type, changes, occurred_at, attempts, last_error)
           VALUES ($1, $2, $3, $2, 'alice', 'task.updated', '{"title": {"from": "older", "to": "old"}}', '2030-01-01T00:00:00Z', 3, 'MongoDB down') RETURNING id`,
          [task, alice, inbox],
        ),
      ).id;
      await client.query(
        `INSERT INTO event_outbox (type, project_id, payload) VALUES ('task.updated', $1::uuid, jsonb_build_object('projectId', $1::text, 'taskId', $2::text, 'version', 2, 'actor', jsonb_build_object('id', $3::text, 'username', 'alice')))`,
        [inbox, task, alice],
      );
      return { alice, inbox, task, activityId: activity };
    });

    expect(await migrate(migrations.length)).toEqual(migrations.slice(target).map((migration) => migration.name));
    expect((await withClient(url, (client) => client.query(`SELECT to_regclass('activity_outbox') AS t`))).rows).toEqual([{ t: null }]);

    const db = await openTestDataSource({ url, poolSize: 1 });
    const dispatcher = new EventDispatcher(new EventLog(db), new OutboxWriter(db), undefined, undefined, { pollIntervalMs: 50 });
    const activity = new Recorder('activity');
    const live = new Recorder('live');
    dispatcher.register(activity);
    dispatcher.register(live);
    try {
      await dispatcher.onApplicationBootstrap();
      await eventually(() => activity.received.length > 0 && live.received.length > 0);
      // A write after the upgrade reaches both.
      const writer = new OutboxWriter(db);
      await writer.transaction((tx) =>
        writer.write(tx, [{ type: 'project.updated', projectId: seeded.inbox, actorId: seeded.alice, data: { projectId: seeded.inbox } }]),
      );
      await eventually(() => activity.received.length === 2 && live.received.length === 2);
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      await dispatcher.onModuleDestroy();
      await db.destroy();
    }

    expect(activity.received.map((event) => event.type)).toEqual(['task.updated', 'project.updated']);
    expect(activity.received[0]).toMatchObject({
      id: seeded.activityId,
      aggregateId: seeded.task,
      projectId: seeded.inbox,
      ownerId: seeded.alice,
      actor: { id: seeded.alice, username: 'alice' },
      occurredAt: new Date('2030-01-01T00:00:00Z'),
      data: { changes: { title: { from: 'older', to: 'old' } } },
    });
    expect(live.received.map((event) => event.type)).toEqual(['task.updated', 'project.updated']);
    expect(live.received[0]).toMatchObject({ aggregateId: seeded.task, actor: { id: seeded.alice, username: 'alice' }, data: { version: 2 } });
  });
});

async function eventually(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function first<Row>(result: { rows: Row[] }): Row {
  const [row] = result.rows;
  if (!row) throw new Error('expected a row');
  return row;
}
