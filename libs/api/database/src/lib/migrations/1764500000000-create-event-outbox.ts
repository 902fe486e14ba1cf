import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live updates (GET /api/events): every change members see writes one row here in its own
 * transaction; the live relay moves committed rows, in id order, into the replay log and deletes
 * them. `payload` is the contract's `data` object; `project_id` (and `from_project_id`, for a
 * task moved out of a project) say whose streams it is for, `user_id` the member concerned by a
 * member event. An insert that starts a backlog NOTIFYs
 * every process, so an idle relay does not poll.
 */
export class CreateEventOutbox1764500000000 implements MigrationInterface {
  name = 'CreateEventOutbox1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE event_outbox (
        id bigserial PRIMARY KEY,
        type text NOT NULL,
        project_id uuid NOT NULL,
        from_project_id uuid,
        user_id uuid,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    // As for activity_outbox (1764400011000): a NOTIFY takes a database-wide lock at commit, so
    // only an insert that starts a backlog announces itself. The process that wrote the event
    // also wakes its own relay after COMMIT (OutboxWriter), and a relay keeps reading while rows
    // are left, so rows that arrive behind a backlog are never stranded.
    await db.query(`
      CREATE FUNCTION notify_event_backlog_started() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (
          SELECT 1 FROM event_outbox o
           WHERE o.attempts = 0 AND NOT EXISTS (SELECT 1 FROM inserted i WHERE i.id = o.id)
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

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER event_outbox_queued ON event_outbox`);
    await db.query(`DROP FUNCTION notify_event_backlog_started()`);
    await db.query(`DROP TABLE event_outbox`);
  }
}
