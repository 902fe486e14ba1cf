import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Snapshots that split the rows this migration leaves in event_outbox between the two consumers.
 * The undelivered live events already there are given txid 4, the undelivered activity events
 * moved here from activity_outbox txid 3: both predate every real transaction id. A consumer has
 * consumed what its `done` snapshot shows as committed, so `live` starts past 3 (it must not
 * broadcast old activity rows) and `activity` past 4 (the live rows of those same changes).
 */
const LIVE_START = '3:5:4';
const ACTIVITY_START = '3:5:3';

/**
 * One outbox for every consumer (issue 10). event_outbox rows carry the whole DomainEvent and the
 * id of the transaction that wrote them (`txid`); each consumer keeps its own cursor, retries and
 * lease in `event_consumers` (a pair of snapshots, see libs/api/events/README.md); events a
 * consumer rejects for good go to `event_dead_letters`. activity_outbox goes: its undelivered rows
 * move here for the `activity` consumer, and the tasks library no longer names it.
 */
export class OneEventOutbox1764600000000 implements MigrationInterface {
  name = 'OneEventOutbox1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER event_outbox_queued ON event_outbox`);
    await db.query(`DROP FUNCTION notify_event_backlog_started()`);
    await db.query(`
      ALTER TABLE event_outbox
        DROP COLUMN next_attempt_at, DROP COLUMN attempts, DROP COLUMN last_error,
        ADD COLUMN event_id uuid NOT NULL DEFAULT gen_random_uuid(),
        ADD COLUMN aggregate_id uuid,
        ADD COLUMN owner_id uuid,
        ADD COLUMN actor_id uuid,
        ADD COLUMN actor_username text,
        ADD COLUMN txid xid8 NOT NULL DEFAULT '4'`);
    await db.query(`
      UPDATE event_outbox SET
        aggregate_id = coalesce(payload->>'commentId', payload->>'taskId', project_id::text)::uuid,
        actor_id = (payload->'actor'->>'id')::uuid,
        actor_username = payload->'actor'->>'username'`);
    await db.query(`ALTER TABLE event_outbox ALTER COLUMN aggregate_id SET NOT NULL, ALTER COLUMN txid SET DEFAULT pg_current_xact_id()`);
    await db.query(`
      INSERT INTO event_outbox (event_id, type, aggregate_id, project_id, from_project_id, owner_id, actor_id, actor_username, occurred_at, payload, txid)
      SELECT id, type, task_id, project_id, from_project_id, owner_id, actor_id, actor_username, occurred_at,
             jsonb_build_object('projectId', project_id, 'taskId', task_id, 'changes', changes), '3'
        FROM activity_outbox ORDER BY occurred_at, id`);
    await db.query(`DROP TABLE activity_outbox`);
    await db.query(`DROP FUNCTION notify_activity_backlog_started()`);
    await db.query(`CREATE UNIQUE INDEX event_outbox_event_id_idx ON event_outbox (event_id)`);
    await db.query(`CREATE INDEX event_outbox_txid_idx ON event_outbox (txid, id)`);
    await db.query(`CREATE INDEX event_outbox_aggregate_idx ON event_outbox (aggregate_id)`);
    await db.query(`CREATE INDEX event_outbox_project_idx ON event_outbox (project_id)`);
    await db.query(`CREATE INDEX event_outbox_from_project_idx ON event_outbox (from_project_id) WHERE from_project_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE event_consumers (
        name text PRIMARY KEY,
        done pg_snapshot NOT NULL,
        upto pg_snapshot NOT NULL,
        after_id bigint NOT NULL DEFAULT 0,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_until timestamptz NOT NULL DEFAULT '-infinity',
        last_error text,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `INSERT INTO event_consumers (name, done, upto) VALUES ('live', $1, $1), ('activity', $2, $2)`,
      [LIVE_START, ACTIVITY_START],
    );
    await db.query(`
      CREATE TABLE event_dead_letters (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        event jsonb NOT NULL,
        error text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);

    // A NOTIFY takes a database-wide lock at commit (1764400011000), so only an insert that finds
    // some consumer with nothing else left to read announces itself; a consumer already working
    // finds later rows on its next claim (its queue reports pending rows as due at once).
    await db.query(`
      CREATE FUNCTION notify_event_backlog_started() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (
          SELECT 1 FROM event_consumers c
           WHERE NOT EXISTS (
             SELECT 1 FROM event_outbox o
              WHERE o.txid >= pg_snapshot_xmin(c.done) AND NOT pg_visible_in_snapshot(o.txid, c.done)
                AND NOT (pg_visible_in_snapshot(o.txid, c.upto) AND o.id <= c.after_id)
                AND NOT EXISTS (SELECT 1 FROM inserted i WHERE i.id = o.id))
        ) THEN
          PERFORM pg_notify('event_outbox_queued', '');
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER event_outbox_queued AFTER INSERT ON event_outbox
        REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION notify_event_backlog_started()`);
  }

  async down(): Promise<void> {
    throw new Error('OneEventOutbox1764600000000 is not reversible: activity_outbox rows now live in event_outbox');
  }
}
