import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ActivityEventRecord } from '../activity-event';
import { fromActivityRow, type ActivityRow } from '../postgres/activity-row';

export interface OutboxEntry {
  event: ActivityEventRecord;
  /** Failed deliveries so far. */
  attempts: number;
}

export interface OutboxBacklog {
  pending: number;
  retrying: number;
  oldestOccurredAt: Date | null;
}

const OUTBOX_COLUMNS = 'id, task_id, owner_id, project_id, from_project_id, actor_id, actor_username, type, changes, occurred_at';

/** The relay's and the timeline's view of `activity_outbox`; the tasks library writes the rows. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Claims up to `limit` due rows in one statement: SKIP LOCKED lets concurrent relays (other
   * API processes) pass over each other's rows instead of waiting or taking them twice, and
   * pushing next_attempt_at out by `leaseMs` keeps them claimed after the statement commits.
   * No transaction stays open while the store is called, so a slow MongoDB holds no pooled
   * connection and, on the embedded PostgreSQL (one session), blocks no task write. If this
   * process dies holding a claim, the lease runs out and another relay delivers the rows:
   * the store's idempotent append absorbs a second delivery.
   */
  async claimDue(limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    const result: [(ActivityRow & { attempts: number })[], number] = await this.db.query(
      `UPDATE activity_outbox o SET next_attempt_at = now() + $2 * interval '1 millisecond'
       FROM (
         SELECT id FROM activity_outbox WHERE next_attempt_at <= now()
         ORDER BY next_attempt_at, occurred_at LIMIT $1
         FOR UPDATE SKIP LOCKED
       ) due
       WHERE o.id = due.id
       RETURNING o.id, o.task_id, o.owner_id, o.project_id, o.from_project_id, o.actor_id, o.actor_username, o.type, o.changes, o.occurred_at, o.attempts`,
      [limit, leaseMs],
    );
    return result[0]
      .map((row) => ({ event: fromActivityRow(row), attempts: row.attempts }))
      .sort((a, b) => a.event.at.getTime() - b.event.at.getTime());
  }

  /** Milliseconds until the next row is due (0 if one is due now), or undefined if the outbox is empty. */
  async msUntilNextDue(): Promise<number | undefined> {
    // The database's clock set next_attempt_at, so it measures the wait: no skew between hosts.
    const [row]: { wait_ms: number | null }[] = await this.db.query(
      `SELECT (extract(epoch FROM min(next_attempt_at) - now()) * 1000)::float8 AS wait_ms FROM activity_outbox`,
    );
    return row?.wait_ms == null ? undefined : Math.max(0, row.wait_ms);
  }

  /** Delivered: the rows leave the outbox. */
  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query('DELETE FROM activity_outbox WHERE id = ANY($1::uuid[])', [ids]);
  }

  /** Not delivered: count the attempt, say why, and wait each row's own backoff before the next. */
  async markFailed(retries: readonly { id: string; delayMs: number }[], error: string): Promise<void> {
    if (retries.length === 0) return;
    await this.db.query(
      `UPDATE activity_outbox o
       SET attempts = o.attempts + 1, next_attempt_at = now() + r.delay_ms * interval '1 millisecond', last_error = $2
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, delay_ms integer)
       WHERE o.id = r.id`,
      [JSON.stringify(retries.map((retry) => ({ id: retry.id, delay_ms: Math.round(retry.delayMs) }))), error.slice(0, 1_000)],
    );
  }

  /** A task's events that are not in the store yet, newest first. */
  async pendingForTask(taskId: string, limit: number): Promise<ActivityEventRecord[]> {
    const rows: ActivityRow[] = await this.db.query(
      `SELECT ${OUTBOX_COLUMNS} FROM activity_outbox WHERE task_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT $2`,
      [taskId, limit],
    );
    return rows.map(fromActivityRow);
  }

  /** A project's events that are not in the store yet, newest first (see ActivityStore.listForProject). */
  async pendingForProject(projectId: string, limit: number): Promise<ActivityEventRecord[]> {
    const rows: ActivityRow[] = await this.db.query(
      `SELECT ${OUTBOX_COLUMNS} FROM activity_outbox WHERE project_id = $1 OR from_project_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT $2`,
      [projectId, limit],
    );
    return rows.map(fromActivityRow);
  }

  async backlog(): Promise<OutboxBacklog> {
    const rows: { pending: number; retrying: number; oldest: Date | string | null }[] = await this.db.query(
      `SELECT count(*)::int AS pending, (count(*) FILTER (WHERE attempts > 0))::int AS retrying, min(occurred_at) AS oldest
       FROM activity_outbox`,
    );
    const row = rows[0] ?? { pending: 0, retrying: 0, oldest: null };
    return {
      pending: row.pending,
      retrying: row.retrying,
      oldestOccurredAt: row.oldest === null ? null : new Date(row.oldest),
    };
  }
}
