import { Injectable, Logger } from '@nestjs/common';
import { notFound, withTimeout } from '@taskflow/api-core';
import { newestFirst, type ActivityEventRecord } from './activity-event';
import { ActivityRepository } from './activity.repository';
import { ActivityStore } from './activity-store';
import { OutboxRepository } from './outbox/outbox.repository';

/** The most a timeline returns: a task's recent history, not an archive. */
export const TIMELINE_LIMIT = 200;
const STORE_READ_TIMEOUT_MS = 2_000;

@Injectable()
export class ActivityService {
  private readonly logger = new Logger('Activity');

  constructor(
    private readonly tasks: ActivityRepository,
    private readonly outbox: OutboxRepository,
    private readonly store: ActivityStore,
  ) {}

  /**
   * The caller's task's events, newest first: the store's, plus those still in the outbox, so a
   * user sees their own write at once, relay lag or MongoDB outage notwithstanding.
   */
  async timeline(ownerId: string, taskId: string): Promise<ActivityEventRecord[]> {
    if (!(await this.tasks.taskBelongsTo(taskId, ownerId))) throw notFound('Task');
    // Outbox first, store second: the relay inserts into the store before it deletes from the
    // outbox, so an event moving between the two reads is seen at least once (duplicates merge).
    const pending = await this.outbox.pendingForTask(taskId, TIMELINE_LIMIT);
    const stored = await this.readStore(taskId);
    const byId = new Map<string, ActivityEventRecord>();
    for (const event of [...stored, ...pending]) byId.set(event.id, event);
    return [...byId.values()].sort(newestFirst).slice(0, TIMELINE_LIMIT);
  }

  /** A store that is down or slow degrades the timeline to the outbox; it never fails the request. */
  private async readStore(taskId: string): Promise<ActivityEventRecord[]> {
    try {
      return await withTimeout(this.store.listForTask(taskId, TIMELINE_LIMIT), STORE_READ_TIMEOUT_MS, `${this.store.kind} activity store`);
    } catch (error) {
      this.logger.warn(`Activity store unavailable, serving outbox events only: ${(error as Error).message}`);
      return [];
    }
  }
}
