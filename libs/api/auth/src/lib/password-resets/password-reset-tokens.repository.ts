import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Password-reset links, stored as SHA-256 hashes of their tokens. */
@Injectable()
export class PasswordResetTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a new link, clearing the user's expired ones on the way so the table stays small. */
  async insert(userId: string, tokenHash: Buffer, expiresAt: Date, db: EntityManager = this.dataSource.manager): Promise<void> {
    await db.query(
      `WITH expired AS (DELETE FROM password_reset_tokens WHERE user_id = $1 AND expires_at <= now())
       INSERT INTO password_reset_tokens (token_hash, user_id, expires_at) VALUES ($2, $1, $3)`,
      [userId, tokenHash, expiresAt],
    );
  }

  /** The user a live link belongs to, without spending it. */
  async findUser(tokenHash: Buffer): Promise<string | undefined> {
    const rows: { user_id: string }[] = await this.dataSource.query(
      `SELECT user_id FROM password_reset_tokens WHERE token_hash = $1 AND expires_at > now()`,
      [tokenHash],
    );
    return rows[0]?.user_id;
  }

  /**
   * Spends a live link and, with it, every other link of its user (deleted: a used link is an
   * unknown one). Of two concurrent uses of one link, the second finds nothing to delete.
   * @returns the user's id, or undefined if the link was not live
   */
  async spend(tokenHash: Buffer, db: EntityManager): Promise<string | undefined> {
    const rows: { user_id: string }[] = await db.query(
      `WITH owner AS (
         DELETE FROM password_reset_tokens WHERE token_hash = $1 AND expires_at > now() RETURNING user_id
       ), others AS (
         DELETE FROM password_reset_tokens WHERE user_id IN (SELECT user_id FROM owner) AND token_hash <> $1
       )
       SELECT user_id FROM owner`,
      [tokenHash],
    );
    return rows[0]?.user_id;
  }
}
