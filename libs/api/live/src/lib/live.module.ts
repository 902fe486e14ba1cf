import { Module } from '@nestjs/common';
import { AuthModule } from '@taskflow/api-auth';
import { redisConfig, type RedisConfig } from '@taskflow/api-config';
import { REDIS_CLIENT, type RedisClient } from '@taskflow/api-redis';
import { LiveEventsController } from './live-events.controller';
import { LiveEventsService } from './live-events.service';
import { LiveLog } from './log/live-log';
import { MemoryLiveLog } from './log/memory-live-log';
import { RedisLiveLog } from './log/redis-live-log';
import { LiveConsumer } from './relay/live.consumer';
import { LiveHub } from './streams/live-hub';

/** `GET /api/events`: the `live` consumer of the event outbox (into the replay log), and this replica's streams. */
@Module({
  imports: [AuthModule],
  controllers: [LiveEventsController],
  providers: [
    {
      provide: LiveLog,
      inject: [REDIS_CLIENT, redisConfig.KEY],
      useFactory: (client: RedisClient | null, config: RedisConfig): LiveLog =>
        client ? new RedisLiveLog(client, config.keyPrefix) : new MemoryLiveLog(),
    },
    LiveConsumer,
    LiveHub,
    LiveEventsService,
  ],
  exports: [LiveHub],
})
export class LiveModule {}
