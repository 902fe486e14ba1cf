import { Injectable } from '@nestjs/common';
import { EventConsumer, EventDispatcher, type DomainEvent, type RejectedEvent, type TaskDomainEvent } from '@taskflow/api-events';
import type { ActivityEventRecord } from '../activity-event';
import { ActivityStore } from '../activity-store';
import { ACTIVITY_EVENT_TYPES, toActivityEventRecord } from './activity-event.from-domain';

/** The activity log's name on the event outbox (its row in event_consumers). */
export const ACTIVITY_CONSUMER = 'activity';

/**
 * Copies task events into the activity store (MongoDB, or the embedded PostgreSQL table). At least
 * once into a store idempotent by event id = exactly once in the store. While the store is down
 * the dispatcher retries this consumer alone with backoff; the live stream goes on.
 */
@Injectable()
export class ActivityConsumer extends EventConsumer {
  readonly name = ACTIVITY_CONSUMER;
  override readonly types = ACTIVITY_EVENT_TYPES;

  constructor(
    private readonly store: ActivityStore,
    dispatcher: EventDispatcher,
  ) {
    super();
    dispatcher.register(this);
  }

  async handle(events: readonly DomainEvent[]): Promise<RejectedEvent[]> {
    const records: ActivityEventRecord[] = [];
    const rejected: RejectedEvent[] = [];
    for (const event of events) {
      const record = toActivityEventRecord(event as TaskDomainEvent);
      if ('rejected' in record) rejected.push({ event, reason: record.rejected });
      else records.push(record);
    }
    if (records.length > 0) await this.store.append(records);
    return rejected;
  }
}
