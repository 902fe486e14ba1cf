import type { ActivityEventRecord, TimelinePosition } from './activity-event';

export type ActivityStoreKind = 'mongodb' | 'postgresql';

/**
 * Where activity events are kept once they leave the outbox. The relay and the timeline speak
 * only to this port; MongoDB (with MONGODB_URI) and the embedded PostgreSQL table implement it.
 */
export abstract class ActivityStore {
  /** Which adapter this is, for the startup log line and the readiness report. */
  abstract readonly kind: ActivityStoreKind;

  /**
   * Stores every event. Idempotent by event id: an event stored before (a relay that died
   * between storing and deleting the outbox row, two relays racing) is left as it is.
   * Resolves only when every event is stored; rejects otherwise, and the caller retries.
   */
  abstract append(events: readonly ActivityEventRecord[]): Promise<void>;

  /** The task's most recent `limit` events, newest first. */
  abstract listForTask(taskId: string, limit: number): Promise<ActivityEventRecord[]>;

  /**
   * The project's events (those whose task was in it, or moved out of it), newest first, after
   * `position` when given: a page of the project's timeline. Events of deleted tasks included.
   */
  abstract listForProject(projectId: string, limit: number, position?: TimelinePosition): Promise<ActivityEventRecord[]>;

  /** Resolves when the store answers; rejects (or never resolves: callers time it out) otherwise. */
  abstract ping(): Promise<void>;
}
