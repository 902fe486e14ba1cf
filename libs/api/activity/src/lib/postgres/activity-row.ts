import type { ActivityType, FieldChange } from '@taskflow/shared-contracts';
import type { ActivityEventRecord } from '../activity-event';

/** A row of `activity_events` as the pg driver returns it (snake_case). */
export interface ActivityRow {
  id: string;
  task_id: string;
  owner_id: string | null;
  project_id: string;
  from_project_id: string | null;
  actor_id: string | null;
  actor_username: string | null;
  type: string;
  changes: Record<string, FieldChange> | null;
  at: Date | string;
}

export function fromActivityRow(row: ActivityRow): ActivityEventRecord {
  const at = row.at;
  return {
    id: row.id,
    taskId: row.task_id,
    ownerId: row.owner_id,
    projectId: row.project_id,
    fromProjectId: row.from_project_id ?? null,
    // v1 events predate actors; the migration filled in their owners. A vanished account reads as such.
    actor: { id: row.actor_id ?? row.owner_id ?? '00000000-0000-0000-0000-000000000000', username: row.actor_username ?? '(deleted user)' },
    // The table's CHECK constraint admits only the three contract types.
    type: row.type as ActivityType,
    changes: row.changes ?? {},
    at: at instanceof Date ? at : new Date(at),
  };
}
