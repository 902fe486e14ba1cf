import { migrations } from '@taskflow/api-database';
import { createEmptyTestDatabase, migrateTestDatabase, withDatabaseClient, type TestDatabase } from '@taskflow/api-testing-db';

/**
 * The upgrade on a database that already holds v1 data: migrate to the last v1 migration, insert
 * users, tasks and events the way v1 did, then run the projects migration. On a database of its
 * own (a fresh one on the run's server, or an embedded PostgreSQL).
 */
describe('the projects migration on a database with v1 data', () => {
  const firstV2 = migrations.findIndex((migration) => migration.name === 'CreateProjects1764200000000');
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createEmptyTestDatabase();
  });
  afterAll(() => database?.dispose());

  const migrate = (upTo: number) => migrateTestDatabase(database.url, migrations.slice(0, upTo));

  it('gives every existing user an Inbox holding all their tasks, in board order, and keeps their events', async () => {
    expect(firstV2).toBeGreaterThan(0);
    await migrate(firstV2);
    const [alice, bob] = await withDatabaseClient(database.url, async (client) => {
      const users = await client.query<{ id: string }>(
        `INSERT INTO users (username, email, password_hash, created_at) VALUES ('alice', 'a@example.com', 'x', '2030-01-01'), ('bob', 'b@example.com', 'x', '2030-01-02') RETURNING id`,
      );
      const [a, b] = users.rows.map((row) => row.id);
      await client.query(
        `INSERT INTO tasks (owner_id, title, created_at) VALUES ($1, 'second', '2030-02-02'), ($1, 'first', '2030-02-01'), ($1, 'third', '2030-02-03')`,
        [a],
      );
      const [task] = (await client.query<{ id: string }>(`SELECT id FROM tasks WHERE title = 'first'`)).rows;
      await client.query(`INSERT INTO activity_outbox (task_id, owner_id, type, changes) VALUES ($1, $2, 'task.updated', '{}')`, [task!.id, a]);
      // An event of a task deleted before the upgrade: it belongs to the owner's Inbox.
      await client.query(`INSERT INTO activity_events (id, task_id, owner_id, type, changes, at) VALUES (gen_random_uuid(), gen_random_uuid(), $1, 'task.deleted', '{}', now())`, [a]);
      return [a!, b!];
    });

    expect(await migrate(migrations.length)).toEqual(migrations.slice(firstV2).map((migration) => migration.name));

    await withDatabaseClient(database.url, async (client) => {
      const projects = await client.query(
        `SELECT p.id, p.name, p.default_for, m.user_id, m.role FROM projects p JOIN project_members m ON m.project_id = p.id ORDER BY p.name, m.user_id`,
      );
      expect(projects.rows).toHaveLength(2);
      for (const user of [alice, bob]) {
        expect(projects.rows.filter((row) => row.default_for === user)).toEqual([expect.objectContaining({ name: 'Inbox', user_id: user, role: 'owner' })]);
      }
      const inbox = projects.rows.find((row) => row.default_for === alice)!.id;
      const tasks = await client.query(`SELECT title, project_id, position, assignee_id FROM tasks ORDER BY position`);
      expect(tasks.rows).toEqual([
        { title: 'first', project_id: inbox, position: 1024, assignee_id: null },
        { title: 'second', project_id: inbox, position: 2048, assignee_id: null },
        { title: 'third', project_id: inbox, position: 3072, assignee_id: null },
      ]);
      // The undelivered v1 event, moved into the one event outbox (1764600000000) for the activity consumer.
      const outbox = await client.query(`SELECT type, project_id, actor_id, actor_username FROM event_outbox`);
      expect(outbox.rows).toEqual([{ type: 'task.updated', project_id: inbox, actor_id: alice, actor_username: 'alice' }]);
      const events = await client.query(`SELECT project_id, actor_id FROM activity_events`);
      expect(events.rows).toEqual([{ project_id: inbox, actor_id: alice }]);

      // And an account made after the upgrade gets its Inbox in the same transaction.
      await client.query('BEGIN');
      const [carol] = (await client.query<{ id: string }>(`INSERT INTO users (username, email, password_hash) VALUES ('carol', 'c@example.com', 'x') RETURNING id`)).rows;
      expect((await client.query(`SELECT name FROM projects WHERE default_for = $1`, [carol!.id])).rows).toEqual([{ name: 'Inbox' }]);
      await client.query('ROLLBACK');
      expect((await client.query(`SELECT count(*)::int AS n FROM projects`)).rows).toEqual([{ n: 2 }]);
    });
  });
});

