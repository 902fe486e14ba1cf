import { Global, Module } from '@nestjs/common';
import { OutboxWriter } from './outbox-writer';

/** Global, so that every feature that changes something members see can record its event. */
@Global()
@Module({
  providers: [OutboxWriter],
  exports: [OutboxWriter],
})
export class EventsModule {}
