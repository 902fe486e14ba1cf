import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every API process runs the activity relay and the mail worker. Instead of each polling its table
 * (one poll a second per process, forever), an insert announces itself: one NOTIFY per statement on
 * the table's channel, sent on commit, whoever inserted (an API process, another replica, an
 * operator). The channel names are the job loops'; a loop that cannot hear them polls instead.
 */
export class NotifyQueuedJobs1764400010000 implements MigrationInterface {
  name = 'NotifyQueuedJobs1764400010000';

  async up(db: QueryRunner): Promise<void> {
    // TG_ARGV[0] is the channel, so one function serves both tables.
    await db.query(`
      CREATE FUNCTION notify_jobs_queued() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify(TG_ARGV[0], '');
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER activity_outbox_queued AFTER INSERT ON activity_outbox
        FOR EACH STATEMENT EXECUTE FUNCTION notify_jobs_queued('activity_outbox_queued')`);
    await db.query(`
      CREATE TRIGGER email_outbox_queued AFTER INSERT ON email_outbox
        FOR EACH STATEMENT EXECUTE FUNCTION notify_jobs_queued('email_outbox_queued')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER email_outbox_queued ON email_outbox`);
    await db.query(`DROP TRIGGER activity_outbox_queued ON activity_outbox`);
    await db.query(`DROP FUNCTION notify_jobs_queued()`);
  }
}
