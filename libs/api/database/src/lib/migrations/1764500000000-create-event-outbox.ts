import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live updates (GET /api/events): every change members see writes one row here in its own
 * transaction; the live relay moves committed rows, in id order, into the replay log and deletes
 * them. `payload` is the contract's `data` object; `project_id` (and `from_project_id`, for a
 * task moved out of a project) say whose streams it is for, `user_id` the member concerned by a
 * member event. An insert NOTIFYs every process, so an idle relay does not poll.
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
    await db.query(`
      CREATE TRIGGER event_outbox_queued AFTER INSERT ON event_outbox
        FOR EACH STATEMENT EXECUTE FUNCTION notify_jobs_queued('event_outbox_queued')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER event_outbox_queued ON event_outbox`);
    await db.query(`DROP TABLE event_outbox`);
  }
}
