import type { Task, TaskList } from '@taskflow/shared-contracts';
import type { HttpClient, TestUser } from '@taskflow/api-testing';
import { DataSource } from 'typeorm';
import type { TestApp } from '@taskflow/api-testing';

export async function createTask(http: HttpClient, user: TestUser, fields: Record<string, unknown> = {}): Promise<Task> {
  const response = await http.post<Task>('/api/tasks', { token: user.accessToken, json: { title: 'A task', ...fields } });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${response.text}`);
  return response.body;
}

export async function listTasks(http: HttpClient, user: TestUser, query = '') {
  return http.get<TaskList>(`/api/tasks${query ? `?${query}` : ''}`, { token: user.accessToken });
}

/** Follows nextCursor to the end; `between` runs after each page (to change the data mid-walk). */
export async function pageThrough(
  http: HttpClient,
  user: TestUser,
  query: string,
  between: (page: number) => Promise<void> = async () => undefined,
): Promise<Task[]> {
  const seen: Task[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const params = new URLSearchParams(query);
    if (cursor) params.set('cursor', cursor);
    const response = await listTasks(http, user, params.toString());
    if (response.status !== 200) throw new Error(`list failed: ${response.status} ${response.text}`);
    seen.push(...response.body.items);
    cursor = response.body.nextCursor;
    if (!cursor) return seen;
    await between(page);
  }
  throw new Error('paging did not end');
}

export interface OutboxRow {
  task_id: string;
  owner_id: string;
  type: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/**
 * Retention deletes event_outbox rows once every consumer has them, so tests read a copy of each
 * task event, in the shape the activity log takes it, that a trigger keeps (installed once per
 * run's database, by one spec file only).
 */
export async function captureOutbox(testApp: TestApp): Promise<void> {
  const db = testApp.app.get(DataSource);
  await db.query(`CREATE TABLE IF NOT EXISTS e2e_outbox_capture (task_id uuid, owner_id uuid, type text, changes jsonb, seq bigserial)`);
  await db.query(`CREATE OR REPLACE FUNCTION e2e_capture_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.type LIKE 'task.%' THEN
        INSERT INTO e2e_outbox_capture (task_id, owner_id, type, changes)
        VALUES (NEW.aggregate_id, NEW.owner_id, NEW.type, coalesce(NEW.payload->'changes', '{}'::jsonb));
      END IF;
      RETURN NEW;
    END $$`);
  await db.query(`CREATE OR REPLACE TRIGGER e2e_capture_outbox AFTER INSERT ON event_outbox FOR EACH ROW EXECUTE FUNCTION e2e_capture_outbox()`);
}

/** Every outbox row written for a task, oldest first (see captureOutbox). */
export function outboxRows(testApp: TestApp, taskId: string): Promise<OutboxRow[]> {
  return testApp.app.get(DataSource).query(`SELECT task_id, owner_id, type, changes FROM e2e_outbox_capture WHERE task_id = $1 ORDER BY seq`, [taskId]);
}
