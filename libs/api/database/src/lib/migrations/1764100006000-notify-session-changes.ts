import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every API process keeps the login sessions it has seen alive in memory, so a request is not a
 * database round trip just to learn that its session still exists. A trigger announces each
 * session that is revoked or deleted (deleting a user deletes its sessions) on a NOTIFY channel,
 * whoever changed it: an API process, another replica, or an operator at a psql prompt.
 */
export class NotifySessionChanges1764100006000 implements MigrationInterface {
  name = 'NotifySessionChanges1764100006000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION notify_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('session_changed', OLD.id::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER token_families_changed AFTER UPDATE OR DELETE ON token_families
        FOR EACH ROW EXECUTE FUNCTION notify_session_changed()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER token_families_changed ON token_families`);
    await db.query(`DROP FUNCTION notify_session_changed()`);
  }
}
