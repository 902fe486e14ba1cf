import { Injectable } from '@nestjs/common';
import { EventConsumer, EventDispatcher, type Delivery, type DomainEvent } from '@taskflow/api-events';
import { LiveLog, type NewEntry } from '../log/live-log';

/** The live stream's name on the event outbox (its row in event_consumers). */
export const LIVE_CONSUMER = 'live';

/**
 * Appends every committed event to the replay log, in the outbox's order. The dispatcher lets one
 * process at a time work this consumer (its lease), so the replicas append in one order; a failed
 * append is retried with backoff and nothing after it overtakes it. A redelivered batch (a failed
 * append, or a process that stopped between its append and its cursor) skips the events the log
 * already holds, so no client receives one twice under two stream ids.
 */
@Injectable()
export class LiveConsumer extends EventConsumer {
  readonly name = LIVE_CONSUMER;
  override readonly options = {
    batchSize: 500,
    leaseMs: 30_000,
    timeoutMs: 5_000,
    // Browsers wait on this: retry fast, and never wait long once Redis is back.
    retry: { firstMs: 200, maxMs: 10_000 },
  };

  constructor(
    private readonly log: LiveLog,
    dispatcher: EventDispatcher,
  ) {
    super();
    dispatcher.register(this);
  }

  async handle(events: readonly DomainEvent[], delivery: Delivery): Promise<void> {
    await this.log.append(events.map(toEntry), { skipKnown: delivery.redelivered });
  }
}

function toEntry(event: DomainEvent): NewEntry {
  return {
    eventId: event.id,
    event: {
      type: event.type,
      projectIds: event.fromProjectId ? [event.projectId, event.fromProjectId] : [event.projectId],
      userId: event.userId,
      data: event.data,
    },
  };
}
