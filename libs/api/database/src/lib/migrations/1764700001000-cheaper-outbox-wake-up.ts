import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The same rule as 1764600000000's trigger, at less cost per insert (issue 15: a create's
 * PostgreSQL CPU): NOTIFY only when some consumer has nothing pending but this transaction's rows.
 * Under load a consumer almost always has rows committed after its window (`txid` at or past its
 * `upto` snapshot's xmax), which one probe of the (txid, id) index finds; only otherwise is the
 * whole unconsumed range read. "This transaction's rows" are known by `txid`, so the trigger needs
 * no transition table of the inserted rows either.
 */
export class CheaperOutboxWakeUp1764700001000 implements MigrationInterface {
  name = 'CheaperOutboxWakeUp1764700001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER event_outbox_queued ON event_outbox`);
    await db.query(`
      CREATE OR REPLACE FUNCTION notify_event_backlog_started() RETURNS trigger LANGUAGE plpgsql
        -- Planned once per session: in auto mode each probe's custom plan looked cheaper than the
        -- generic one, so every insert planned its statements again (most of the trigger's time).
        SET plan_cache_mode = force_generic_plan AS $$
      DECLARE
        mine xid8 := pg_current_xact_id();
        c record;
      BEGIN
        FOR c IN SELECT done, upto, after_id FROM event_consumers LOOP
          -- In (txid, id) order, so even a generic plan walks the index from the bound (as an EXISTS it
          -- would scan the table: its estimate of a range on a parameter is a third of the rows).
          PERFORM FROM event_outbox o WHERE o.txid >= pg_snapshot_xmax(c.upto) AND o.txid <> mine ORDER BY o.txid LIMIT 1;
          CONTINUE WHEN FOUND;
          PERFORM FROM event_outbox o
           WHERE o.txid >= pg_snapshot_xmin(c.done) AND NOT pg_visible_in_snapshot(o.txid, c.done)
             AND NOT (pg_visible_in_snapshot(o.txid, c.upto) AND o.id <= c.after_id)
             AND o.txid <> mine
           ORDER BY o.txid LIMIT 1;
          CONTINUE WHEN FOUND;
          PERFORM pg_notify('event_outbox_queued', '');
          RETURN NULL;
        END LOOP;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER event_outbox_queued AFTER INSERT ON event_outbox
        FOR EACH STATEMENT EXECUTE FUNCTION notify_event_backlog_started()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER event_outbox_queued ON event_outbox`);
    await db.query(`
      CREATE OR REPLACE FUNCTION notify_event_backlog_started() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (
          SELECT 1 FROM event_consumers c
           WHERE NOT EXISTS (
             SELECT 1 FROM event_outbox o
              WHERE o.txid >= pg_snapshot_xmin(c.done) AND NOT pg_visible_in_snapshot(o.txid, c.done)
                AND NOT (pg_visible_in_snapshot(o.txid, c.upto) AND o.id <= c.after_id)
                AND NOT EXISTS (SELECT 1 FROM inserted i WHERE i.id = o.id))
        ) THEN
          PERFORM pg_notify('event_outbox_queued', '');
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER event_outbox_queued AFTER INSERT ON event_outbox
        REFERENCING NEW TABLE AS inserted
        FOR EACH STATEMENT EXECUTE FUNCTION notify_event_backlog_started()`);
  }
}
