import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password-reset links. Only a SHA-256 of each token is kept: the token has 256 random bits, so a
 * leaked table cannot be turned back into working links. Using one link deletes every link of
 * its user, which is what makes all the others spent.
 */
export class CreatePasswordResetTokens1764300000000 implements MigrationInterface {
  name = 'CreatePasswordResetTokens1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE password_reset_tokens (
        token_hash bytea PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        expires_at timestamptz(3) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX password_reset_tokens_user_id_idx ON password_reset_tokens (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE password_reset_tokens`);
  }
}
