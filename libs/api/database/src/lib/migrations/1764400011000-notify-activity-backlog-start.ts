import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A NOTIFY makes its transaction take a database-wide lock at commit, so a NOTIFY in every task
 * write serialised the writes' commits: 64 clients inserting fell from 6 871 to 1 674 rows/s here,
 * and `npm run bench` lost most of POST /api/tasks. Now only an event that starts a backlog
 * announces itself: when the outbox holds no other fresh (never failed) row, no relay is busy, so
 * one must be woken; otherwise the relay working on those rows finds the new ones when it next
 * claims or reads the next due time, so no NOTIFY (and no commit lock) is needed. Rows waiting out
 * a failure do not count: they must not silence the events that arrive behind them.
 */
export class NotifyActivityBacklogStart1764400011000 implements MigrationInterface {
  name = 'NotifyActivityBacklogStart1764400011000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER activity_outbox_queued ON activity_outbox`);
    await db.query(`
      CREATE FUNCTION notify_activity_backlog_started() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (
          SELECT 1 FROM activity_outbox o
           WHERE o.attempts = 0 AND NOT EXISTS (SELECT 1 FROM inserted i WHERE i.id = o.id)
        ) THEN
          PERFORM pg_notify('activity_outbox_queued', '');
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER activity_outbox_queued AFTER INSERT ON activity_outbox
        REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION notify_activity_backlog_started()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER activity_outbox_queued ON activity_outbox`);
    await db.query(`DROP FUNCTION notify_activity_backlog_started()`);
    await db.query(`
      CREATE TRIGGER activity_outbox_queued AFTER INSERT ON activity_outbox
        FOR EACH STATEMENT EXECUTE FUNCTION notify_jobs_queued('activity_outbox_queued')`);
  }
}
