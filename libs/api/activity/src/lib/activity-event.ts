import type { ActivityActor, ActivityType, FieldChange } from '@taskflow/shared-contracts';

/**
 * One activity event as the API keeps it, whichever store holds it. `ownerId` (the task's
 * creator) and the project ids never leave the server; the project ids let a project's timeline
 * be read without joining PostgreSQL. A move names the project it left in `fromProjectId`, so the
 * event shows in both projects' timelines.
 */
export interface ActivityEventRecord {
  id: string;
  taskId: string;
  ownerId: string | null;
  projectId: string;
  fromProjectId: string | null;
  /** Who made the change; the username as it was then. */
  actor: ActivityActor;
  type: ActivityType;
  changes: Record<string, FieldChange>;
  at: Date;
}

/** Where a page of a timeline starts: after this event, newest first. */
export interface TimelinePosition {
  at: Date;
  id: string;
}

/** Whether `event` comes after `position` in newest-first order. */
export function isAfter(event: ActivityEventRecord, position: TimelinePosition | undefined): boolean {
  if (!position) return true;
  const at = event.at.getTime();
  return at < position.at.getTime() || (at === position.at.getTime() && event.id < position.id);
}

/** Newest first; ties (same millisecond) broken by id so that every store and the merge agree. */
export function newestFirst(a: ActivityEventRecord, b: ActivityEventRecord): number {
  const byTime = b.at.getTime() - a.at.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
