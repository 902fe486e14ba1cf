import { Global, Module } from '@nestjs/common';
import { EventDispatcher } from './event-dispatcher';
import { EventLog } from './event-log';
import { OutboxWriter } from './outbox-writer';

/** Global, so that every feature can record its events and subscribe a consumer without wiring. */
@Global()
@Module({
  providers: [OutboxWriter, EventLog, EventDispatcher],
  exports: [OutboxWriter, EventLog, EventDispatcher],
})
export class EventsModule {}
