export const ACTIVITY_TYPES = ['task.created', 'task.updated', 'task.deleted'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface FieldChange {
  from: unknown;
  to: unknown;
}

export interface ActivityActor {
  id: string;
  username: string;
}

export interface ActivityEvent {
  id: string;
  taskId: string;
  type: ActivityType;
  /** The user whose request made the change. */
  actor: ActivityActor;
  changes: Record<string, FieldChange>;
  at: string;
}

export interface ActivityList {
  items: ActivityEvent[];
}

/** A project's timeline (`GET /api/projects/:id/activity`), paged. */
export interface ProjectActivityList {
  items: ActivityEvent[];
  nextCursor: string | null;
}
