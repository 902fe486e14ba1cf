import { Logger, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { ConditionalModule } from '@nestjs/config';
import { ActivityHealth } from './activity-health';
import { ActivityController, ProjectActivityController } from './activity.controller';
import { ActivityService } from './activity.service';
import { ActivityStore } from './activity-store';
import { ActivityConsumer } from './consumer/activity.consumer';
import { PendingActivity } from './consumer/pending-activity';
import { MongoActivityModule } from './mongo/mongo-activity.module';
import { PostgresActivityModule } from './postgres/postgres-activity.module';

/** Read once the configuration (with any .env file) is loaded: ConditionalModule waits for it. */
const mongoConfigured = (env: NodeJS.ProcessEnv) => Boolean(env['MONGODB_URI']?.trim());

/**
 * The activity log: the consumer of task events that fills the store, the task timeline, and their health.
 * Exactly one store adapter is imported; without MONGODB_URI no MongoDB client is ever created.
 */
@Module({
  controllers: [ActivityController, ProjectActivityController],
  providers: [ActivityService, PendingActivity, ActivityConsumer, ActivityHealth],
})
export class ActivityModule implements OnModuleInit {
  /** A method, not static metadata, so that the store is chosen for each app build (tests vary MONGODB_URI). */
  static register(): DynamicModule {
    return {
      module: ActivityModule,
      imports: [
        ConditionalModule.registerWhen(MongoActivityModule, mongoConfigured, { debug: false }),
        ConditionalModule.registerWhen(PostgresActivityModule, (env) => !mongoConfigured(env), { debug: false }),
      ],
    };
  }

  constructor(private readonly store: ActivityStore) {}

  onModuleInit(): void {
    new Logger('ActivityStore').log(
      this.store.kind === 'mongodb'
        ? 'MONGODB_URI is set: activity events are stored in MongoDB (collection activity_events).'
        : 'MONGODB_URI is not set: activity events are kept in PostgreSQL (table activity_events). Set MONGODB_URI=mongodb://… to use MongoDB.',
    );
  }
}
