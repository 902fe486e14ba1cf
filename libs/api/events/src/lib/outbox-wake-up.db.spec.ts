import { createEmptyTestDatabase, migrateTestDatabase } from '@taskflow/api-testing-db';
import { Client } from 'pg';
import { EVENT_OUTBOX_CHANNEL } from './outbox-writer';

// NOTIFY crosses connections only on a PostgreSQL server: the embedded PGlite's socket accepts
// LISTEN but never delivers (its consumers are woken by the writer's commits instead).
const onServer = process.env['TASKFLOW_TEST_DATABASE'] === 'postgresql-server';
if (!onServer) console.log('outbox-wake-up.db.spec: skipped, it needs a PostgreSQL server (DATABASE_URL)');
const describeOnServer = onServer ? describe : describe.skip;

const PROBE = 'probe';

/**
 * The outbox's insert trigger (migration 1764700001000): an insert NOTIFYs exactly when some
 * consumer has nothing pending but the inserting transaction's own rows, so an idle consumer is
 * woken and a busy one's writers never take NOTIFY's commit lock. On a migrated database of its
 * own, whose consumer rows the spec positions by hand.
 */
describeOnServer('the event outbox wakes consumers only when a backlog starts', () => {
  let dispose: () => Promise<void>;
  let writer: Client;
  let listener: Client;
  const heard: string[] = [];
  let fences = 0;

  beforeAll(async () => {
    const database = await createEmptyTestDatabase();
    dispose = database.dispose;
    await migrateTestDatabase(database.url);
    writer = new Client({ connectionString: database.url });
    listener = new Client({ connectionString: database.url });
    await Promise.all([writer.connect(), listener.connect()]);
    listener.on('notification', (message) => heard.push(message.payload ?? ''));
    await listener.query(`LISTEN ${EVENT_OUTBOX_CHANNEL}`);
  });
  afterAll(async () => {
    await Promise.all([writer?.end(), listener?.end()]);
    await dispose?.();
  });

  const insertEvent = () =>
    writer.query(
      `INSERT INTO event_outbox (type, aggregate_id, project_id, payload) VALUES ('task.created', gen_random_uuid(), gen_random_uuid(), '{}') RETURNING id::int AS id`,
    ).then((result) => result.rows[0].id as number);

  /** Sends a marker after everything committed so far and waits for it: what came before has arrived. */
  async function fence(): Promise<string[]> {
    const marker = `${PROBE}-${++fences}`;
    await writer.query(`SELECT pg_notify('${EVENT_OUTBOX_CHANNEL}', $1)`, [marker]);
    const deadline = Date.now() + 5_000;
    while (!heard.includes(marker) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(heard).toContain(marker);
    const before = heard.slice(0, heard.indexOf(marker));
    heard.length = 0;
    return before;
  }

  /** Whether `work` sent a wake-up: notifications arrive in commit order, so markers around it delimit its own. */
  async function wokeUp(work: () => Promise<unknown>): Promise<boolean> {
    await fence();
    await work();
    return (await fence()).includes('');
  }

  /** Every consumer has consumed every committed row (a fresh window at "now"). */
  const allCaughtUp = () => writer.query(`UPDATE event_consumers SET done = pg_current_snapshot(), upto = pg_current_snapshot(), after_id = 0`);

  it('wakes them when every consumer had nothing pending', async () => {
    await allCaughtUp();
    expect(await wokeUp(insertEvent)).toBe(true);
  });

  it('stays silent while every consumer has a committed row left (committed after its window)', async () => {
    await allCaughtUp();
    await insertEvent();
    expect(await wokeUp(insertEvent)).toBe(false);
  });

  it('wakes them when one consumer has caught up, even while another is behind', async () => {
    await allCaughtUp();
    await insertEvent();
    await writer.query(`UPDATE event_consumers SET done = pg_current_snapshot(), upto = pg_current_snapshot(), after_id = 0 WHERE name = 'live'`);
    expect(await wokeUp(insertEvent)).toBe(true);
  });

  it('counts the rows of a consumer’s current window past its cursor as pending, and those before it as consumed', async () => {
    await allCaughtUp();
    const first = await insertEvent();
    const second = await insertEvent();
    // Both rows are inside the window (`upto` taken after they committed).
    await writer.query(`UPDATE event_consumers SET upto = pg_current_snapshot(), after_id = $1`, [first]);
    expect(await wokeUp(insertEvent)).toBe(false);
    await writer.query(`DELETE FROM event_outbox WHERE id > $1`, [second]);
    await writer.query(`UPDATE event_consumers SET after_id = $1`, [second]);
    expect(await wokeUp(insertEvent)).toBe(true);
  });

  it('does not count the inserting transaction’s own earlier rows as a backlog', async () => {
    await allCaughtUp();
    expect(
      await wokeUp(async () => {
        await writer.query('BEGIN');
        await insertEvent();
        await insertEvent();
        await writer.query('COMMIT');
      }),
    ).toBe(true);
  });
});
