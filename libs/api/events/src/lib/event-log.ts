import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DomainEvent, DomainEventType } from './domain-event';
import type { RejectedEvent } from './event-consumer';

/**
 * A consumer's cursor is a window of commits (see the README): `done` is a snapshot whose
 * committed transactions it has fully consumed, `upto` a later one whose commits it is working
 * through in outbox id order, `after_id` how far. These are the SQL predicates over an outbox row
 * `o` and a consumer row `c`; the txid bounds let the (txid, id) index narrow the scan.
 */
const UNCONSUMED = `o.txid >= pg_snapshot_xmin(c.done) AND NOT pg_visible_in_snapshot(o.txid, c.done)
  AND NOT (pg_visible_in_snapshot(o.txid, c.upto) AND o.id <= c.after_id)`;
const IN_WINDOW = `o.txid >= pg_snapshot_xmin(c.done) AND o.txid < pg_snapshot_xmax(c.upto)
  AND pg_visible_in_snapshot(o.txid, c.upto) AND NOT pg_visible_in_snapshot(o.txid, c.done) AND o.id > c.after_id`;
const OF_TYPES = (param: string) => `(${param}::text[] IS NULL OR o.type = ANY(${param}::text[]))`;
const EVENT_COLUMNS = `o.id::text AS seq, o.event_id, o.type, o.aggregate_id, o.project_id, o.from_project_id, o.user_id,
  o.owner_id, o.actor_id, o.actor_username, o.occurred_at, o.payload`;

interface EventRow {
  seq: string;
  event_id: string;
  type: DomainEventType;
  aggregate_id: string;
  project_id: string;
  from_project_id: string | null;
  user_id: string | null;
  owner_id: string | null;
  actor_id: string | null;
  actor_username: string | null;
  occurred_at: Date;
  payload: DomainEvent['data'];
}

export interface ConsumerState {
  /** Failed batches in a row (0 once one is delivered). */
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
}

export interface ConsumerBacklog extends ConsumerState {
  /** Committed events of its types it has not consumed yet. */
  pending: number;
  oldestOccurredAt: Date | null;
  /** Events it rejected for good, kept in event_dead_letters until a person deals with them. */
  deadLetters: number;
}

interface BacklogRow {
  pending: number;
  oldest: Date | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  dead_letters: number;
}

/** Which of a consumer's pending events to read: one aggregate's, or one project's (moves out of it included). */
export type PendingFilter = { aggregateId: string } | { projectId: string };

type Types = readonly DomainEventType[] | undefined;

/**
 * A consumer no process has claimed for this long is taken as retired (removed from the code):
 * retention stops waiting for it. Far above the hourly renewal of an idle consumer
 * (SEEN_RENEWAL) and any outage worth waiting out; one that comes back later misses what was
 * deleted meanwhile. A constant, not configuration: nothing in a deployment should tune it.
 */
export const RETIRED_AFTER_MS = 7 * 24 * 60 * 60_000;
/** An idle consumer's claim renews `seen_at` this often (a claim with events always does). */
const SEEN_RENEWAL = `interval '1 hour'`;
/** A lease that ran out instead of being released: the process working the batch stopped mid-way. */
const TAKEN_OVER = `c.lease_until > '-infinity'`;

/**
 * The one owner of the outbox's SQL on the read side: claims, cursors, retries, dead letters,
 * retention, and the "not yet consumed" reads features serve from (the activity timeline).
 */
@Injectable()
export class EventLog {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Creates the consumer's row if it has none: a new consumer starts with what commits from now on. */
  async register(name: string): Promise<void> {
    await this.db.query(
      `INSERT INTO event_consumers (name, done, upto) VALUES ($1, pg_current_snapshot(), pg_current_snapshot())
       ON CONFLICT (name) DO UPDATE SET seen_at = now()`,
      [name],
    );
  }

  /** Forgets a consumer for good, so retention stops waiting for it. */
  async unregister(name: string): Promise<void> {
    await this.db.query('DELETE FROM event_dead_letters WHERE consumer = $1', [name]);
    await this.db.query('DELETE FROM event_consumers WHERE name = $1', [name]);
  }

  /**
   * Takes the consumer's lease (if free, due, and something is pending) and reads its next
   * events in order; undefined when there is nothing to do or another process holds it. The
   * lease is the only lock: no transaction stays open while the consumer works. `attempts` counts
   * the batch's earlier deliveries: failures, and a lease taken over from a process that stopped
   * before its cursor moved (its batch may be partly or wholly applied).
   * The same statement marks the consumer as seen (retention waits only for consumers seen
   * lately); an idle one, which would claim nothing, claims once an hour to renew that.
   */
  async claim(name: string, types: Types, limit: number, leaseMs: number): Promise<{ attempts: number; events: DomainEvent[] } | undefined> {
    // Every SET expression reads the row as it was, so TAKEN_OVER sees the previous lease.
    const claimed: [{ attempts: number }[], number] = await this.db.query(
      `UPDATE event_consumers c SET lease_until = now() + $2 * interval '1 millisecond', seen_at = now(),
              attempts = CASE WHEN ${TAKEN_OVER} THEN c.attempts + 1 ELSE c.attempts END,
              last_error = CASE WHEN ${TAKEN_OVER} THEN 'lease expired: the process working it stopped' ELSE c.last_error END
        WHERE c.name = $1 AND c.lease_until <= now() AND c.next_attempt_at <= now()
          AND (c.seen_at < now() - ${SEEN_RENEWAL} OR EXISTS (SELECT 1 FROM event_outbox o WHERE ${UNCONSUMED} AND ${OF_TYPES('$3')}))
        RETURNING c.attempts`,
      [name, leaseMs, types ?? null],
    );
    const attempts = claimed[0][0]?.attempts;
    if (attempts === undefined) return undefined;
    let events = await this.readWindow(name, types, limit);
    if (events.length === 0) {
      // The window is used up; what is pending committed after it: open the next one.
      await this.db.query(`UPDATE event_consumers SET done = upto, upto = pg_current_snapshot(), after_id = 0 WHERE name = $1`, [name]);
      events = await this.readWindow(name, types, limit);
    }
    if (events.length === 0) {
      await this.release(name);
      return undefined;
    }
    return { attempts, events };
  }

  /** The claimed events were handled: move the cursor past them and release the lease. */
  async ack(name: string, events: readonly DomainEvent[], limit: number): Promise<void> {
    const last = events[events.length - 1];
    // A short batch took the last events of the window: the next claim starts a new one.
    await this.advance(name, { exhausted: events.length < limit, afterSeq: last?.seq });
  }

  /** The batch failed: the cursor stays, the attempt is counted, the next claim waits `delayMs`. */
  async fail(name: string, reason: string, delayMs: number): Promise<void> {
    await this.db.query(
      `UPDATE event_consumers SET attempts = attempts + 1, last_error = $2,
              next_attempt_at = now() + $3 * interval '1 millisecond', lease_until = '-infinity'
        WHERE name = $1`,
      [name, reason.slice(0, 1_000), Math.round(delayMs)],
    );
  }

  /**
   * Keeps events the consumer rejected for good, with why; the cursor then moves past them.
   * Resolves with the ids newly kept (a redelivered batch's rejections are kept already).
   */
  async deadLetter(name: string, rejected: readonly RejectedEvent[]): Promise<string[]> {
    if (rejected.length === 0) return [];
    const kept: { event_id: string }[] = await this.db.query(
      `INSERT INTO event_dead_letters (consumer, event_id, event, error)
       SELECT $1, r.event_id, r.event, r.error FROM jsonb_to_recordset($2::jsonb) AS r(event_id uuid, event jsonb, error text)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [name, JSON.stringify(rejected.map(({ event, reason }) => ({ event_id: event.id, event, error: reason.slice(0, 1_000) })))],
    );
    return kept.map((row) => row.event_id);
  }

  async deadLetters(name: string): Promise<{ eventId: string; error: string }[]> {
    const rows: { event_id: string; error: string }[] = await this.db.query(
      'SELECT event_id, error FROM event_dead_letters WHERE consumer = $1 ORDER BY failed_at',
      [name],
    );
    return rows.map((row) => ({ eventId: row.event_id, error: row.error }));
  }

  /**
   * Milliseconds until the consumer may claim again (0: now), or undefined when nothing is
   * pending. Pending events whose lease another process holds are due when that lease ends.
   */
  async msUntilNextDue(name: string, types: Types): Promise<number | undefined> {
    const [row]: { pending: boolean; wait_ms: number }[] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM event_outbox o WHERE ${UNCONSUMED} AND ${OF_TYPES('$2')}) AS pending,
              (extract(epoch FROM greatest(c.next_attempt_at, c.lease_until, now()) - now()) * 1000)::float8 AS wait_ms
         FROM event_consumers c WHERE c.name = $1`,
      [name, types ?? null],
    );
    return row?.pending ? Math.max(0, row.wait_ms) : undefined;
  }

  /** Events of `types` the consumer has not consumed yet, newest first. */
  async pending(name: string, types: Types, filter: PendingFilter, limit: number): Promise<DomainEvent[]> {
    const scope = 'aggregateId' in filter ? 'o.aggregate_id = $3' : '(o.project_id = $3 OR o.from_project_id = $3)';
    const rows: EventRow[] = await this.db.query(
      `SELECT ${EVENT_COLUMNS} FROM event_consumers c JOIN event_outbox o ON ${UNCONSUMED}
        WHERE c.name = $1 AND ${OF_TYPES('$2')} AND ${scope}
        ORDER BY o.occurred_at DESC, o.id DESC LIMIT $4`,
      [name, types ?? null, 'aggregateId' in filter ? filter.aggregateId : filter.projectId, limit],
    );
    return rows.map(toDomainEvent);
  }

  async backlog(name: string, types: Types): Promise<ConsumerBacklog> {
    const [row]: BacklogRow[] = await this.db.query(
      `SELECT count(o.id)::int AS pending, min(o.occurred_at) AS oldest, c.attempts, c.last_error, c.next_attempt_at,
              (SELECT count(*)::int FROM event_dead_letters d WHERE d.consumer = c.name) AS dead_letters
         FROM event_consumers c LEFT JOIN event_outbox o ON ${UNCONSUMED} AND ${OF_TYPES('$2')}
        WHERE c.name = $1 GROUP BY c.name`,
      [name, types ?? null],
    );
    if (!row) return { pending: 0, oldestOccurredAt: null, attempts: 0, lastError: null, nextAttemptAt: new Date(), deadLetters: 0 };
    return {
      pending: row.pending,
      oldestOccurredAt: row.oldest,
      attempts: row.attempts,
      lastError: row.last_error,
      nextAttemptAt: row.next_attempt_at,
      deadLetters: row.dead_letters,
    };
  }

  /**
   * Retention: deletes up to `limit` events every active consumer has consumed (those its `done`
   * snapshot shows committed); a consumer not seen for `retiredAfterMs` no longer counts.
   * Undelivered events of an active consumer are never deleted. Resolves with the count.
   */
  async prune(limit: number, retiredAfterMs = RETIRED_AFTER_MS): Promise<number> {
    const result: [unknown[], number] = await this.db.query(
      `WITH active AS (SELECT done FROM event_consumers WHERE seen_at > now() - $2 * interval '1 millisecond')
       DELETE FROM event_outbox WHERE id IN (
         SELECT o.id FROM event_outbox o
          WHERE EXISTS (SELECT 1 FROM active)
            AND o.txid < (SELECT min(pg_snapshot_xmax(done)) FROM active)
            AND NOT EXISTS (SELECT 1 FROM active c WHERE NOT pg_visible_in_snapshot(o.txid, c.done))
          ORDER BY o.txid, o.id LIMIT $1)`,
      [limit, retiredAfterMs],
    );
    return result[1];
  }

  private async readWindow(name: string, types: Types, limit: number): Promise<DomainEvent[]> {
    const rows: EventRow[] = await this.db.query(
      `SELECT ${EVENT_COLUMNS} FROM event_consumers c JOIN event_outbox o ON ${IN_WINDOW}
        WHERE c.name = $1 AND ${OF_TYPES('$2')} ORDER BY o.id LIMIT $3`,
      [name, types ?? null, limit],
    );
    return rows.map(toDomainEvent);
  }

  /** Moves the cursor (past `afterSeq`, or to a new window of commits) and releases the lease. */
  private async advance(name: string, move: { exhausted: boolean; afterSeq?: string }): Promise<void> {
    // Every SET expression reads the row as it was, so `done = upto` takes the old window's end.
    await this.db.query(
      `UPDATE event_consumers SET
              done = CASE WHEN $2 THEN upto ELSE done END,
              upto = CASE WHEN $2 THEN pg_current_snapshot() ELSE upto END,
              after_id = CASE WHEN $2 THEN 0 ELSE greatest(after_id, coalesce($3::bigint, after_id)) END,
              attempts = 0, last_error = NULL, next_attempt_at = now(), lease_until = '-infinity'
        WHERE name = $1`,
      [name, move.exhausted, move.afterSeq ?? null],
    );
  }

  private async release(name: string): Promise<void> {
    await this.db.query(`UPDATE event_consumers SET lease_until = '-infinity' WHERE name = $1`, [name]);
  }
}

function toDomainEvent(row: EventRow): DomainEvent {
  return {
    id: row.event_id,
    seq: row.seq,
    type: row.type,
    aggregateId: row.aggregate_id,
    projectId: row.project_id,
    fromProjectId: row.from_project_id,
    userId: row.user_id,
    ownerId: row.owner_id,
    actor: { id: row.actor_id ?? row.owner_id ?? '00000000-0000-0000-0000-000000000000', username: row.actor_username },
    occurredAt: row.occurred_at instanceof Date ? row.occurred_at : new Date(row.occurred_at),
    data: row.payload,
  } as DomainEvent;
}
