import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shared projects (issue 15). Tasks move into projects; every user gets a private default project
 * (`Inbox`) holding the tasks they had. One migration, so one transaction (migrations run with
 * `transaction = 'each'`): a failure anywhere leaves the v1 schema and its data as they were.
 */
export class CreateProjects1764200000000 implements MigrationInterface {
  name = 'CreateProjects1764200000000';

  async up(db: QueryRunner): Promise<void> {
    // default_for names the user whose Inbox this is; unique, so nobody gets two.
    await db.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        description text NOT NULL DEFAULT '',
        default_for uuid UNIQUE REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`
      CREATE TABLE project_members (
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
        added_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, user_id)
      )`);
    // Every account gets its Inbox in the transaction that creates it, whichever code inserts the user.
    await db.query(`
      CREATE FUNCTION create_default_project() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE project uuid;
      BEGIN
        INSERT INTO projects (name, default_for, created_at, updated_at) VALUES ('Inbox', NEW.id, NEW.created_at, NEW.created_at) RETURNING id INTO project;
        INSERT INTO project_members (project_id, user_id, role, added_at) VALUES (project, NEW.id, 'owner', NEW.created_at);
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER users_default_project AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION create_default_project()`);
    // "Which projects is this user in, with which role": every request asks it.
    await db.query(`CREATE INDEX project_members_user_idx ON project_members (user_id, project_id) INCLUDE (role)`);

    // Every existing user's Inbox, and its owner membership.
    await db.query(`INSERT INTO projects (name, default_for, created_at, updated_at) SELECT 'Inbox', id, created_at, created_at FROM users`);
    await db.query(`INSERT INTO project_members (project_id, user_id, role, added_at) SELECT id, default_for, 'owner', created_at FROM projects`);

    // Tasks: the project they live in, who they are assigned to, and their place on the board.
    // owner_id stays as the task's creator; a task outlives its creator's account in a shared project.
    await db.query(`ALTER TABLE tasks ADD COLUMN project_id uuid REFERENCES projects (id) ON DELETE CASCADE`);
    await db.query(`ALTER TABLE tasks ADD COLUMN assignee_id uuid REFERENCES users (id) ON DELETE SET NULL`);
    await db.query(`ALTER TABLE tasks ADD COLUMN position double precision`);
    await db.query(`UPDATE tasks t SET project_id = p.id FROM projects p WHERE p.default_for = t.owner_id`);
    // v1 tasks keep their order on the board: oldest first, 1024 apart.
    await db.query(`
      UPDATE tasks t SET position = n.rn * 1024
      FROM (SELECT id, row_number() OVER (PARTITION BY project_id ORDER BY created_at, id) AS rn FROM tasks) n
      WHERE n.id = t.id`);
    await db.query(`ALTER TABLE tasks ALTER COLUMN project_id SET NOT NULL, ALTER COLUMN position SET NOT NULL, ALTER COLUMN owner_id DROP NOT NULL`);
    await db.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_owner_id_fkey`);
    await db.query(`ALTER TABLE tasks ADD CONSTRAINT tasks_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE SET NULL`);

    // Lists now range over projects, not owners: the same keyset indexes, led by project_id.
    for (const index of ['created', 'updated', 'status_created', 'due', 'priority', 'title']) {
      await db.query(`DROP INDEX tasks_owner_${index}_idx`);
    }
    await db.query(`CREATE INDEX tasks_owner_idx ON tasks (owner_id)`);
    await db.query(`CREATE INDEX tasks_project_created_idx ON tasks (project_id, created_at, id)`);
    await db.query(`CREATE INDEX tasks_project_updated_idx ON tasks (project_id, updated_at, id)`);
    await db.query(`CREATE INDEX tasks_project_status_created_idx ON tasks (project_id, status, created_at, id)`);
    await db.query(`CREATE INDEX tasks_project_due_idx ON tasks (project_id, due_date, id)`);
    await db.query(`CREATE INDEX tasks_project_priority_idx ON tasks (project_id, priority, id)`);
    await db.query(`CREATE INDEX tasks_project_title_idx ON tasks (project_id, (lower(title) COLLATE "C"), id)`);
    await db.query(`CREATE INDEX tasks_project_position_idx ON tasks (project_id, position, id)`);
    // A board column (project and status) in position order, and the neighbour probes of renumbering.
    await db.query(`CREATE INDEX tasks_project_status_position_idx ON tasks (project_id, status, position, id)`);
    await db.query(`CREATE INDEX tasks_project_assignee_idx ON tasks (project_id, assignee_id)`);
    await db.query(`CREATE INDEX tasks_assignee_idx ON tasks (assignee_id) WHERE assignee_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        author_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        body text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX comments_task_idx ON comments (task_id, created_at, id)`);
    await db.query(`CREATE INDEX comments_author_idx ON comments (author_id)`);

    // Events now say who made them and in which project; a move also names the project it left,
    // so the event shows in both projects' activity. The actor's username is kept with the event:
    // history reads the same after the account is gone.
    for (const table of ['activity_outbox', 'activity_events']) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN project_id uuid, ADD COLUMN from_project_id uuid, ADD COLUMN actor_id uuid, ADD COLUMN actor_username text`);
      // A task's creator may be gone while the task lives on in a shared project.
      await db.query(`ALTER TABLE ${table} ALTER COLUMN owner_id DROP NOT NULL`);
      await db.query(`
        UPDATE ${table} e SET actor_id = e.owner_id, actor_username = u.username,
               project_id = coalesce((SELECT t.project_id FROM tasks t WHERE t.id = e.task_id), p.id)
        FROM users u LEFT JOIN projects p ON p.default_for = u.id
        WHERE u.id = e.owner_id`);
    }
    await db.query(`CREATE INDEX activity_events_project_timeline_idx ON activity_events (project_id, at DESC, id DESC)`);
    await db.query(`CREATE INDEX activity_events_from_project_idx ON activity_events (from_project_id, at DESC, id DESC) WHERE from_project_id IS NOT NULL`);
    await db.query(`CREATE INDEX activity_outbox_project_idx ON activity_outbox (project_id, occurred_at)`);
    await db.query(`CREATE INDEX activity_outbox_from_project_idx ON activity_outbox (from_project_id, occurred_at) WHERE from_project_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['activity_outbox', 'activity_events']) {
      await db.query(`ALTER TABLE ${table} DROP COLUMN project_id, DROP COLUMN from_project_id, DROP COLUMN actor_id, DROP COLUMN actor_username`);
    }
    await db.query(`DROP TABLE comments`);
    await db.query(`DROP TRIGGER users_default_project ON users`);
    await db.query(`DROP FUNCTION create_default_project()`);
    for (const index of ['owner', 'project_created', 'project_updated', 'project_status_created', 'project_due', 'project_priority', 'project_title', 'project_position', 'project_status_position', 'project_assignee', 'assignee']) {
      await db.query(`DROP INDEX tasks_${index}_idx`);
    }
    await db.query(`DELETE FROM tasks WHERE owner_id IS NULL`);
    await db.query(`ALTER TABLE tasks DROP CONSTRAINT tasks_owner_id_fkey`);
    await db.query(`ALTER TABLE tasks ALTER COLUMN owner_id SET NOT NULL`);
    await db.query(`ALTER TABLE tasks ADD CONSTRAINT tasks_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE`);
    await db.query(`ALTER TABLE tasks DROP COLUMN project_id, DROP COLUMN assignee_id, DROP COLUMN position`);
    await db.query(`CREATE INDEX tasks_owner_created_idx ON tasks (owner_id, created_at, id)`);
    await db.query(`CREATE INDEX tasks_owner_updated_idx ON tasks (owner_id, updated_at, id)`);
    await db.query(`CREATE INDEX tasks_owner_status_created_idx ON tasks (owner_id, status, created_at, id)`);
    await db.query(`CREATE INDEX tasks_owner_due_idx ON tasks (owner_id, due_date, id)`);
    await db.query(`CREATE INDEX tasks_owner_priority_idx ON tasks (owner_id, priority, id)`);
    await db.query(`CREATE INDEX tasks_owner_title_idx ON tasks (owner_id, (lower(title) COLLATE "C"), id)`);
    await db.query(`DROP TABLE project_members`);
    await db.query(`DROP TABLE projects`);
  }
}
