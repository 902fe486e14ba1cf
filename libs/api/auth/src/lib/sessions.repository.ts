import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export type RefreshOutcome =
  | { kind: 'rotated'; userId: string; sessionId: string }
  | { kind: 'reused'; sessionId: string }
  | { kind: 'invalid' };

/** Login sessions (refresh-token families) and their tokens, stored hashed. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async createSession(userId: string, tokenHash: Buffer, expiresAt: Date): Promise<string> {
    // One statement: the family row and its first token, no transaction round trips.
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH family AS (INSERT INTO token_families (user_id) VALUES ($1) RETURNING id)
       INSERT INTO refresh_tokens (token_hash, family_id, expires_at)
       SELECT $2, id, $3 FROM family RETURNING family_id AS id`,
      [userId, tokenHash, expiresAt],
    );
    return rows[0]!.id;
  }

  /**
   * Spends a refresh token and stores its successor atomically. Whoever spends a token first
   * wins; a token presented after it was spent is reported as reuse so the caller can revoke.
   */
  async rotate(tokenHash: Buffer, nextHash: Buffer, nextExpiresAt: Date): Promise<RefreshOutcome> {
    // One statement, so it is a SELECT to the driver: TypeORM's query() answers an UPDATE with
    // `[rows, count]` instead of rows, which once made every refresh insert a null family (500).
    // A concurrent spend of the same token waits on the row lock, then sees spent_at set and
    // matches nothing: exactly one caller rotates.
    const rotated: { family_id: string; user_id: string }[] = await this.dataSource.query(
      `WITH spent AS (
         UPDATE refresh_tokens t SET spent_at = now()
           FROM token_families f
          WHERE t.token_hash = $1 AND t.family_id = f.id
            AND t.spent_at IS NULL AND t.expires_at > now() AND f.revoked_at IS NULL
        RETURNING t.family_id, f.user_id
       ), successor AS (
         INSERT INTO refresh_tokens (token_hash, family_id, expires_at)
         SELECT $2, family_id, $3 FROM spent
       )
       SELECT family_id, user_id FROM spent`,
      [tokenHash, nextHash, nextExpiresAt],
    );
    const row = rotated[0];
    if (row) return { kind: 'rotated', userId: row.user_id, sessionId: row.family_id };
    const known: { family_id: string; spent: boolean }[] = await this.dataSource.query(
      `SELECT family_id, spent_at IS NOT NULL AS spent FROM refresh_tokens WHERE token_hash = $1`,
      [tokenHash],
    );
    return known[0]?.spent ? { kind: 'reused', sessionId: known[0].family_id } : { kind: 'invalid' };
  }

  async revokeSession(sessionId: string, db: EntityManager = this.dataSource.manager): Promise<void> {
    await db.query(`UPDATE token_families SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  /**
   * Ends every live session of a user, or every one but `exceptSessionId` (the caller's own, on a
   * password change). @returns the ids it revoked, for the caller to forget once `db` commits.
   */
  async revokeAllOfUser(userId: string, exceptSessionId: string | null, db: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `WITH revoked AS (
         UPDATE token_families SET revoked_at = now()
          WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)
         RETURNING id
       )
       SELECT id FROM revoked`,
      [userId, exceptSessionId],
    );
    return rows.map((row) => row.id);
  }

  /** @returns the revoked session's id, if the token named a live one */
  async revokeByRefreshToken(tokenHash: Buffer): Promise<string | undefined> {
    // Wrapped in a SELECT so the driver answers rows (see rotate()).
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH revoked AS (
         UPDATE token_families SET revoked_at = now()
          WHERE revoked_at IS NULL AND id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)
         RETURNING id
       )
       SELECT id FROM revoked`,
      [tokenHash],
    );
    return rows[0]?.id;
  }

  /** Whether the session exists, is not revoked and belongs to the user (a deleted user's sessions are deleted with it). */
  async isActive(userId: string, sessionId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM token_families WHERE id = $2 AND user_id = $1 AND revoked_at IS NULL`,
      [userId, sessionId],
    );
    return rows.length > 0;
  }
}
