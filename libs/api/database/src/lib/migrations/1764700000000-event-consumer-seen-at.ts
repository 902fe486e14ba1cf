import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a process last worked each event consumer (its claim sets it; an idle consumer's claim
 * renews it hourly). Retention ignores a consumer not seen for days: one removed from the code
 * would otherwise hold every event after its cursor forever (see libs/api/events/README.md).
 * Existing rows count as seen now, so an upgrade retires nothing at once.
 */
export class EventConsumerSeenAt1764700000000 implements MigrationInterface {
  name = 'EventConsumerSeenAt1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE event_consumers ADD COLUMN seen_at timestamptz NOT NULL DEFAULT now()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE event_consumers DROP COLUMN seen_at`);
  }
}
