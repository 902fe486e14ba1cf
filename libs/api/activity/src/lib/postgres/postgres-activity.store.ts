import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ActivityEventRecord, TimelinePosition } from '../activity-event';
import { ActivityStore } from '../activity-store';
import { fromActivityRow, type ActivityRow } from './activity-row';

/**
 * The embedded default: events in the `activity_events` table of the API's own PostgreSQL.
 * One INSERT for the whole batch; ON CONFLICT makes a repeated event a no-op.
 */
const EVENT_COLUMNS = 'id, task_id, owner_id, project_id, from_project_id, actor_id, actor_username, type, changes, at';

@Injectable()
export class PostgresActivityStore extends ActivityStore {
  readonly kind = 'postgresql' as const;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async append(events: readonly ActivityEventRecord[]): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((event) => ({
      id: event.id,
      task_id: event.taskId,
      owner_id: event.ownerId,
      project_id: event.projectId,
      from_project_id: event.fromProjectId,
      actor_id: event.actor.id,
      actor_username: event.actor.username,
      type: event.type,
      changes: event.changes,
      at: event.at.toISOString(),
    }));
    // One parameter whatever the batch size: no placeholder limits, one round trip.
    await this.db.query(
      `INSERT INTO activity_events (id, task_id, owner_id, project_id, from_project_id, actor_id, actor_username, type, changes, at)
       SELECT id, task_id, owner_id, project_id, from_project_id, actor_id, actor_username, type, changes, at
       FROM jsonb_to_recordset($1::jsonb)
         AS e(id uuid, task_id uuid, owner_id uuid, project_id uuid, from_project_id uuid, actor_id uuid, actor_username text, type text, changes jsonb, at timestamptz)
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  async listForTask(taskId: string, limit: number): Promise<ActivityEventRecord[]> {
    const rows: ActivityRow[] = await this.db.query(
      `SELECT ${EVENT_COLUMNS} FROM activity_events
       WHERE task_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [taskId, limit],
    );
    return rows.map(fromActivityRow);
  }

  /** Two index ranges (the project's own events, and those that moved out of it), merged. */
  async listForProject(projectId: string, limit: number, position?: TimelinePosition): Promise<ActivityEventRecord[]> {
    const after = position ? 'AND (at, id) < ($3::timestamptz, $4::uuid)' : '';
    const params = position ? [projectId, limit, position.at.toISOString(), position.id] : [projectId, limit];
    const rows: ActivityRow[] = await this.db.query(
      `(SELECT ${EVENT_COLUMNS} FROM activity_events WHERE project_id = $1 ${after} ORDER BY at DESC, id DESC LIMIT $2)
       UNION
       (SELECT ${EVENT_COLUMNS} FROM activity_events WHERE from_project_id = $1 ${after} ORDER BY at DESC, id DESC LIMIT $2)
       ORDER BY at DESC, id DESC LIMIT $2`,
      params,
    );
    return rows.map(fromActivityRow);
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1 FROM activity_events LIMIT 1');
  }
}
