import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: a task change and its activity event commit together, and a relay
 * copies events to the activity store afterwards. A row leaves the outbox only once delivered.
 */
export class CreateActivityOutbox1764100001000 implements MigrationInterface {
  name = 'CreateActivityOutbox1764100001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE activity_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('task.created', 'task.updated', 'task.deleted')),
        changes jsonb NOT NULL DEFAULT '{}'::jsonb,
        occurred_at timestamptz(3) NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz(3) NOT NULL DEFAULT now(),
        last_error text
      )`);
    await db.query(`CREATE INDEX activity_outbox_due_idx ON activity_outbox (next_attempt_at)`);
    await db.query(`CREATE INDEX activity_outbox_task_idx ON activity_outbox (task_id, occurred_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE activity_outbox`);
  }
}
