export const ACTIVITY_TYPES = ['task.created', 'task.updated', 'task.deleted'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface FieldChange {
  from: unknown;
  to: unknown;
}

export interface ActivityEvent {
  id: string;
  taskId: string;
  type: ActivityType;
  changes: Record<string, FieldChange>;
  at: string;
}

export interface ActivityList {
  items: ActivityEvent[];
}
