import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tasks. Priority is stored as its rank (1 low … 4 urgent) so that sorting by priority is a plain
 * index-friendly column; the API maps it to and from the names.
 */
export class CreateTasks1764100002000 implements MigrationInterface {
  name = 'CreateTasks1764100002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        title varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
        priority smallint NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 4),
        due_date date,
        tags text[] NOT NULL DEFAULT '{}',
        completed_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    // Keyset paging orders by (key, id) in one direction, so each index ends in id and serves both directions.
    await db.query(`CREATE INDEX tasks_owner_created_idx ON tasks (owner_id, created_at, id)`);
    await db.query(`CREATE INDEX tasks_owner_updated_idx ON tasks (owner_id, updated_at, id)`);
    await db.query(`CREATE INDEX tasks_owner_status_created_idx ON tasks (owner_id, status, created_at, id)`);
    await db.query(`CREATE INDEX tasks_owner_due_idx ON tasks (owner_id, due_date, id)`);
    await db.query(`CREATE INDEX tasks_owner_priority_idx ON tasks (owner_id, priority, id)`);
    // The title sort key exactly as the list orders by it (case-insensitive, by code point).
    await db.query(`CREATE INDEX tasks_owner_title_idx ON tasks (owner_id, (lower(title) COLLATE "C"), id)`);
    await db.query(`CREATE INDEX tasks_tags_idx ON tasks USING gin (tags)`);
    // `q` is a substring search (ILIKE '%…%'): trigram indexes serve it, a full-text index would not.
    await db.query(`CREATE INDEX tasks_title_trgm_idx ON tasks USING gin (title gin_trgm_ops)`);
    await db.query(`CREATE INDEX tasks_description_trgm_idx ON tasks USING gin (description gin_trgm_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE tasks`);
  }
}
