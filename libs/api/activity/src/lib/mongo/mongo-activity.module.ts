import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { mongoConfig, type MongoConfig } from '@taskflow/api-config';
import type { Connection } from 'mongoose';
import { ActivityStore } from '../activity-store';
import { ACTIVITY_EVENT_MODEL, activityEventSchema } from './activity-event.schema';
import { MongoActivityStore } from './mongo-activity.store';
import { MongoConnectionSupervisor, mongoConnectionOptions } from './mongo-connection';

/** The MongoDB adapter. Imported only when MONGODB_URI is set, so no client exists otherwise. */
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [mongoConfig.KEY],
      useFactory: (config: MongoConfig) => ({
        uri: config.uri,
        ...mongoConnectionOptions(),
        // Do not wait for MongoDB at startup: the API serves tasks without it.
        lazyConnection: true,
        connectionFactory: (connection: Connection) => {
          // A failed first connection must not surface as an unhandled rejection (which ends the
          // process) while the rest of the app is still starting; the supervisor retries it.
          connection.asPromise().catch(() => undefined);
          return connection;
        },
      }),
    }),
    MongooseModule.forFeature([{ name: ACTIVITY_EVENT_MODEL, schema: activityEventSchema }]),
  ],
  providers: [MongoActivityStore, MongoConnectionSupervisor, { provide: ActivityStore, useExisting: MongoActivityStore }],
  exports: [ActivityStore],
})
export class MongoActivityModule {}
