import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outgoing email waits here until the mail worker delivers it, so a slow or failing mail server
 * never holds up the request that sent it. A delivered row is deleted; a row that ran out of
 * attempts stays with `failed_at` set, so an operator can see it and requeue it.
 */
export class CreateEmailOutbox1764100005000 implements MigrationInterface {
  name = 'CreateEmailOutbox1764100005000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE email_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        recipient text NOT NULL,
        payload jsonb NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        failed_at timestamptz(3)
      )`);
    // Workers only ever look for pending rows that are due; failed rows stay out of the index.
    await db.query(`CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at) WHERE failed_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE email_outbox`);
  }
}
