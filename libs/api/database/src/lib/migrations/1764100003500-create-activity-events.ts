import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The embedded activity store: where relayed events live when MONGODB_URI is not set. The same
 * shape and indexes as the MongoDB collection (task timeline, user timeline). No foreign keys:
 * a task's events outlive the task (`task.deleted` is one of them).
 */
export class CreateActivityEvents1764100003500 implements MigrationInterface {
  name = 'CreateActivityEvents1764100003500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE activity_events (
        id uuid PRIMARY KEY,
        task_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        type text NOT NULL CHECK (type IN ('task.created', 'task.updated', 'task.deleted')),
        changes jsonb NOT NULL DEFAULT '{}'::jsonb,
        at timestamptz(3) NOT NULL
      )`);
    await db.query(`CREATE INDEX activity_events_task_timeline_idx ON activity_events (task_id, at DESC, id DESC)`);
    await db.query(`CREATE INDEX activity_events_owner_timeline_idx ON activity_events (owner_id, at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE activity_events`);
  }
}
