import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ActivityEventRecord } from '../activity-event';
import { ActivityStore } from '../activity-store';
import { fromActivityRow, type ActivityRow } from './activity-row';

/**
 * The embedded default: events in the `activity_events` table of the API's own PostgreSQL.
 * One INSERT for the whole batch; ON CONFLICT makes a repeated event a no-op.
 */
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
      type: event.type,
      changes: event.changes,
      at: event.at.toISOString(),
    }));
    // One parameter whatever the batch size: no placeholder limits, one round trip.
    await this.db.query(
      `INSERT INTO activity_events (id, task_id, owner_id, type, changes, at)
       SELECT id, task_id, owner_id, type, changes, at
       FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, task_id uuid, owner_id uuid, type text, changes jsonb, at timestamptz)
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  async listForTask(taskId: string, limit: number): Promise<ActivityEventRecord[]> {
    const rows: ActivityRow[] = await this.db.query(
      `SELECT id, task_id, owner_id, type, changes, at FROM activity_events
       WHERE task_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [taskId, limit],
    );
    return rows.map(fromActivityRow);
  }

  async ping(): Promise<void> {
    await this.db.query('SELECT 1 FROM activity_events LIMIT 1');
  }
}
