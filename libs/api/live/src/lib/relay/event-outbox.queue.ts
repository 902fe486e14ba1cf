import { backoffMs } from '@taskflow/api-core';
import type { JobQueue } from '@taskflow/api-jobs';
import type { LiveEventDataMap, LiveEventType } from '@taskflow/shared-contracts';
import type { DataSource } from 'typeorm';
import type { LiveEnvelope, LiveLog } from '../log/live-log';

/** Any constant: the one lock that lets one relay at a time, in the whole deployment, move events. */
const RELAY_LOCK_KEY = 7_211_040_011;

/** One relayed batch: whether the log took it. */
export interface RelayedBatch {
  count: number;
  published: boolean;
}

interface OutboxRow {
  id: string;
  type: LiveEventType;
  project_id: string;
  from_project_id: string | null;
  user_id: string | null;
  payload: LiveEventDataMap[LiveEventType];
}

/**
 * event_outbox as the job loop sees it. A claim is the whole move, in one short transaction that
 * first takes a transaction-level advisory lock: read the oldest rows in id order, append them to
 * the log, delete them, commit. Two replicas relaying at once would otherwise append in either
 * order, and a task's events must reach clients in version order. A replica that does not get
 * the lock returns nothing: the holder was woken by the same NOTIFY and drains. A failed append
 * rolls back (nothing is lost) and counts an attempt on the rows; the loop retries after its poll
 * interval, and no later row overtakes them.
 */
export class EventOutboxQueue implements JobQueue<RelayedBatch> {
  constructor(
    private readonly db: DataSource,
    private readonly log: LiveLog,
  ) {}

  async claimDue(limit: number): Promise<RelayedBatch[]> {
    let failed: { ids: string[]; error: unknown } | undefined;
    const batch = await this.db.transaction(async (tx): Promise<RelayedBatch[]> => {
      const [lock]: { locked: boolean }[] = await tx.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [RELAY_LOCK_KEY]);
      if (!lock?.locked) return [];
      const rows: OutboxRow[] = await tx.query(
        // Ordered by the bigint column, not by the text the row's id is returned as ("10" < "9").
        `SELECT o.id::text AS id, o.type, o.project_id, o.from_project_id, o.user_id, o.payload FROM event_outbox o
          WHERE (SELECT min(next_attempt_at) FROM event_outbox) <= now()
          ORDER BY o.id LIMIT $1`,
        [limit],
      );
      if (rows.length === 0) return [];
      try {
        await this.log.append(rows.map(toEnvelope));
      } catch (error) {
        failed = { ids: rows.map((row) => row.id), error };
        return [{ count: rows.length, published: false }];
      }
      await tx.query('DELETE FROM event_outbox WHERE id = ANY($1::bigint[])', [rows.map((row) => row.id)]);
      return [{ count: rows.length, published: true }];
    });
    if (failed) await this.markFailed(failed.ids, failed.error);
    return batch;
  }

  async msUntilNextDue(): Promise<number | undefined> {
    const [row]: { wait_ms: number | null }[] = await this.db.query(
      `SELECT (extract(epoch FROM min(next_attempt_at) - now()) * 1000)::float8 AS wait_ms FROM event_outbox`,
    );
    return row?.wait_ms == null ? undefined : Math.max(0, row.wait_ms);
  }

  private async markFailed(ids: string[], error: unknown): Promise<void> {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const [row]: { attempts: number }[] = await this.db.query('SELECT coalesce(max(attempts), 0)::int AS attempts FROM event_outbox WHERE id = ANY($1::bigint[])', [ids]);
    const delayMs = backoffMs((row?.attempts ?? 0) + 1, { firstMs: 200, maxMs: 10_000 });
    await this.db.query(
      `UPDATE event_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + $3 * interval '1 millisecond' WHERE id = ANY($1::bigint[])`,
      [ids, reason.slice(0, 1_000), Math.round(delayMs)],
    );
  }
}

function toEnvelope(row: OutboxRow): LiveEnvelope {
  return {
    type: row.type,
    projectIds: row.from_project_id ? [row.project_id, row.from_project_id] : [row.project_id],
    userId: row.user_id,
    data: row.payload,
  };
}
