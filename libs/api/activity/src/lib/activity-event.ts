import type { ActivityType, FieldChange } from '@taskflow/shared-contracts';

/**
 * One activity event as the API keeps it, whichever store holds it. `ownerId` never leaves the
 * server; it is kept so that a user's timeline can be read without joining PostgreSQL.
 */
export interface ActivityEventRecord {
  id: string;
  taskId: string;
  ownerId: string;
  type: ActivityType;
  changes: Record<string, FieldChange>;
  at: Date;
}

/** Newest first; ties (same millisecond) broken by id so that every store and the merge agree. */
export function newestFirst(a: ActivityEventRecord, b: ActivityEventRecord): number {
  const byTime = b.at.getTime() - a.at.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
