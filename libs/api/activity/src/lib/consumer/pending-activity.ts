import { Injectable } from '@nestjs/common';
import { EventLog, type DomainEvent, type TaskDomainEvent } from '@taskflow/api-events';
import type { ActivityEventRecord } from '../activity-event';
import { ACTIVITY_CONSUMER } from './activity.consumer';
import { ACTIVITY_EVENT_TYPES, toActivityEventRecord } from './activity-event.from-domain';

/** Task events committed but not yet in the activity store (the consumer is behind, or the store is down). */
@Injectable()
export class PendingActivity {
  constructor(private readonly log: EventLog) {}

  /** A task's, newest first. */
  async forTask(taskId: string, limit: number): Promise<ActivityEventRecord[]> {
    return toRecords(await this.log.pending(ACTIVITY_CONSUMER, ACTIVITY_EVENT_TYPES, { aggregateId: taskId }, limit));
  }

  /** A project's (its tasks', and those moved out of it), newest first. */
  async forProject(projectId: string, limit: number): Promise<ActivityEventRecord[]> {
    return toRecords(await this.log.pending(ACTIVITY_CONSUMER, ACTIVITY_EVENT_TYPES, { projectId }, limit));
  }
}

function toRecords(events: DomainEvent[]): ActivityEventRecord[] {
  const records: ActivityEventRecord[] = [];
  for (const event of events) {
    const record = toActivityEventRecord(event as TaskDomainEvent);
    // A rejected event never reaches the store either: the timeline leaves it out alike.
    if (!('rejected' in record)) records.push(record);
  }
  return records;
}
