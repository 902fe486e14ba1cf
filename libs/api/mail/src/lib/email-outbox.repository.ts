import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OutgoingEmail } from './outgoing-email';

/** A queued email a worker has claimed, with the number of this attempt (1 for the first). */
export interface ClaimedEmail {
  id: string;
  attempt: number;
  email: OutgoingEmail;
}

interface ClaimedRow {
  id: string;
  kind: string;
  recipient: string;
  payload: { subject: string; text: string; html: string };
  attempts: number;
}

/** Longer SMTP replies add nothing an operator needs and would bloat the row. */
const MAX_ERROR_LENGTH = 1_000;

/** The `email_outbox` table, through the few statements the queue and the worker need. */
@Injectable()
export class EmailOutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** `db`: the caller's transaction, so the email commits (or not) with the change that sends it. */
  async insert(email: OutgoingEmail, db: EntityManager = this.dataSource.manager): Promise<string> {
    const [row] = await db.query<{ id: string }[]>(
      `INSERT INTO email_outbox (kind, recipient, payload) VALUES ($1, $2, $3) RETURNING id`,
      [email.kind, email.to, { subject: email.subject, text: email.text, html: email.html }],
    );
    return row.id;
  }

  /**
   * Claims up to `limit` due emails for this worker: `FOR UPDATE SKIP LOCKED` lets workers in
   * several processes claim at once without blocking on or taking each other's rows, and moving
   * `next_attempt_at` past the lease keeps the rows away from every other worker until this one
   * reports back. The claim is its own short transaction on purpose: holding row locks for the
   * length of an SMTP conversation would pin a pooled connection (and, on embedded PGlite, hold up
   * every other query) for as long as a slow mail server likes.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedEmail[]> {
    const rows = await this.dataSource.query<ClaimedRow[]>(
      `WITH due AS (
         SELECT id FROM email_outbox
          WHERE failed_at IS NULL AND next_attempt_at <= now()
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE email_outbox AS o
            SET attempts = o.attempts + 1,
                next_attempt_at = now() + $2::integer * interval '1 millisecond'
           FROM due
          WHERE o.id = due.id
         RETURNING o.id, o.kind, o.recipient, o.payload, o.attempts
       )
       SELECT * FROM claimed`,
      [limit, leaseMs],
    );
    return rows.map((row) => ({
      id: row.id,
      attempt: row.attempts,
      email: { kind: row.kind, to: row.recipient, ...row.payload },
    }));
  }

  /** Delivered: the row has done its job (and no confirmation link lingers in the table). */
  async remove(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM email_outbox WHERE id = $1`, [id]);
  }

  async scheduleRetry(id: string, delayMs: number, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_outbox SET next_attempt_at = now() + $2::integer * interval '1 millisecond', last_error = $3 WHERE id = $1`,
      [id, delayMs, error.slice(0, MAX_ERROR_LENGTH)],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE email_outbox SET failed_at = now(), last_error = $2 WHERE id = $1`, [
      id,
      error.slice(0, MAX_ERROR_LENGTH),
    ]);
  }

  /** Milliseconds until the next pending email is due (0 if one is due now), or undefined if none is pending. */
  async msUntilNextDue(): Promise<number | undefined> {
    // Computed by the database, whose clock set next_attempt_at, so clock skew between hosts does not matter.
    // Clamped here, not with greatest(): greatest(0, NULL) is 0, which read an empty outbox as "due now".
    const [row] = await this.dataSource.query<{ wait_ms: number | null }[]>(
      `SELECT (extract(epoch FROM min(next_attempt_at) - now()) * 1000)::float8 AS wait_ms
         FROM email_outbox WHERE failed_at IS NULL`,
    );
    return row?.wait_ms == null ? undefined : Math.max(0, row.wait_ms);
  }
}
