import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsersAndTokens1764100000000 implements MigrationInterface {
  name = 'CreateUsersAndTokens1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(32) NOT NULL,
        email varchar(254) NOT NULL,
        password_hash text NOT NULL,
        email_verified boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // Uniqueness is the database's job: two racing registrations cannot both win.
    await db.query(`CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username))`);
    await db.query(`CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email))`);

    // A family is one login session: every refresh token rotated from one password grant.
    await db.query(`
      CREATE TABLE token_families (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        revoked_at timestamptz(3)
      )`);
    await db.query(`CREATE INDEX token_families_user_id_idx ON token_families (user_id)`);
    await db.query(`
      CREATE TABLE refresh_tokens (
        token_hash bytea PRIMARY KEY,
        family_id uuid NOT NULL REFERENCES token_families (id) ON DELETE CASCADE,
        expires_at timestamptz(3) NOT NULL,
        spent_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE refresh_tokens`);
    await db.query(`DROP TABLE token_families`);
    await db.query(`DROP TABLE users`);
  }
}
