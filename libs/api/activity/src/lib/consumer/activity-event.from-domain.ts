import type { TaskDomainEvent } from '@taskflow/api-events';
import { ACTIVITY_TYPES, type ActivityType, type FieldChange } from '@taskflow/shared-contracts';
import type { ActivityEventRecord } from '../activity-event';

/** The domain events the activity log keeps: task changes (comments, projects and members are not activity, per the contract). */
export const ACTIVITY_EVENT_TYPES: readonly ActivityType[] = ACTIVITY_TYPES;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one mapping from a task event to the activity record both stores keep (the event id is the
 * record's, so a redelivery is absorbed by the store). Returns why not, for an event no store can
 * take: it is dead-lettered instead of retried forever.
 */
export function toActivityEventRecord(event: TaskDomainEvent): ActivityEventRecord | { rejected: string } {
  if (!ACTIVITY_EVENT_TYPES.includes(event.type)) return { rejected: `not an activity type: ${String(event.type)}` };
  if (!UUID.test(event.aggregateId) || !UUID.test(event.projectId)) return { rejected: 'task or project id is not a UUID' };
  const changes = 'changes' in event.data ? event.data.changes : undefined;
  if (changes !== undefined && (changes === null || typeof changes !== 'object' || Array.isArray(changes)))
    return { rejected: 'changes is not an object' };
  return {
    id: event.id,
    taskId: event.aggregateId,
    ownerId: event.ownerId,
    projectId: event.projectId,
    fromProjectId: event.fromProjectId,
    actor: { id: event.actor.id, username: event.actor.username ?? '(deleted user)' },
    type: event.type,
    changes: (changes ?? {}) as Record<string, FieldChange>,
    at: event.occurredAt,
  };
}
