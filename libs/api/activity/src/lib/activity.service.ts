import { Injectable, Logger } from '@nestjs/common';
import { withTimeout } from '@taskflow/api-core';
import { isAfter, newestFirst, type ActivityEventRecord, type TimelinePosition } from './activity-event';
import { ActivityStore } from './activity-store';
import { PendingActivity } from './consumer/pending-activity';

/** The most a task timeline returns: a task's recent history, not an archive. */
export const TIMELINE_LIMIT = 200;
const STORE_READ_TIMEOUT_MS = 2_000;

export interface ProjectTimelinePage {
  events: ActivityEventRecord[];
  /** Where the next (older) page starts, or undefined on the last page. */
  next?: TimelinePosition;
}

/**
 * Timelines: the store's events plus those the activity consumer has not stored yet, so a member
 * sees a write at once, consumer lag or MongoDB outage notwithstanding. Whether the caller may read them was decided by
 * ProjectAccess before a method runs.
 */
@Injectable()
export class ActivityService {
  private readonly logger = new Logger('Activity');

  constructor(
    private readonly pending: PendingActivity,
    private readonly store: ActivityStore,
  ) {}

  /** A task's events, newest first. */
  async timeline(taskId: string): Promise<ActivityEventRecord[]> {
    // Outbox first, store second: the consumer stores events before its cursor passes them, so an
    // event moving between the two reads is seen at least once (duplicates merge).
    const pending = await this.pending.forTask(taskId, TIMELINE_LIMIT);
    const stored = await this.readStore(() => this.store.listForTask(taskId, TIMELINE_LIMIT));
    return merge(stored, pending, undefined, TIMELINE_LIMIT);
  }

  /** A page of a project's events (its tasks', deleted ones included), newest first. */
  async projectTimeline(projectId: string, limit: number, position?: TimelinePosition): Promise<ProjectTimelinePage> {
    // Few events are pending (the consumer keeps up); reading the project's share of them is cheap.
    const pending = await this.pending.forProject(projectId, TIMELINE_LIMIT);
    const stored = await this.readStore(() => this.store.listForProject(projectId, limit + 1, position));
    const merged = merge(stored, pending, position, limit + 1);
    const events = merged.slice(0, limit);
    const last = events[events.length - 1];
    return { events, next: merged.length > limit && last ? { at: last.at, id: last.id } : undefined };
  }

  /** A store that is down or slow degrades the timeline to the outbox; it never fails the request. */
  private async readStore(read: () => Promise<ActivityEventRecord[]>): Promise<ActivityEventRecord[]> {
    try {
      return await withTimeout(read(), STORE_READ_TIMEOUT_MS, `${this.store.kind} activity store`);
    } catch (error) {
      this.logger.warn(`Activity store unavailable, serving outbox events only: ${(error as Error).message}`);
      return [];
    }
  }
}

function merge(stored: ActivityEventRecord[], pending: ActivityEventRecord[], position: TimelinePosition | undefined, limit: number): ActivityEventRecord[] {
  const byId = new Map<string, ActivityEventRecord>();
  for (const event of [...stored, ...pending]) if (isAfter(event, position)) byId.set(event.id, event);
  return [...byId.values()].sort(newestFirst).slice(0, limit);
}
