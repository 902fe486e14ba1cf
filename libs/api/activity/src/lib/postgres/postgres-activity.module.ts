import { Module } from '@nestjs/common';
import { ActivityStore } from '../activity-store';
import { PostgresActivityStore } from './postgres-activity.store';

/** The embedded adapter: the `activity_events` table, used when MONGODB_URI is not set. */
@Module({
  providers: [PostgresActivityStore, { provide: ActivityStore, useExisting: PostgresActivityStore }],
  exports: [ActivityStore],
})
export class PostgresActivityModule {}
