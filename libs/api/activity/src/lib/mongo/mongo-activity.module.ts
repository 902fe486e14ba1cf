import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { mongoConfig, type MongoConfig } from '@taskflow/api-config';
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
      }),
    }),
    MongooseModule.forFeature([{ name: ACTIVITY_EVENT_MODEL, schema: activityEventSchema }]),
  ],
  providers: [MongoActivityStore, MongoConnectionSupervisor, { provide: ActivityStore, useExisting: MongoActivityStore }],
  exports: [ActivityStore],
})
export class MongoActivityModule {}
