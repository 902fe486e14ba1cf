import type { ActivityEvent } from '@taskflow/shared-contracts';
import type { ActivityEventRecord } from './activity-event';
import type { ActivityEventResponse } from './dto/activity-event.response';

/** The only way an event leaves the API: no owner id, no `_id`, no row or document fields. */
export function toActivityEventResponse(event: ActivityEventRecord): ActivityEventResponse {
  const response: ActivityEvent = {
    id: event.id,
    taskId: event.taskId,
    type: event.type,
    actor: { id: event.actor.id, username: event.actor.username },
    changes: event.changes,
    at: event.at.toISOString(),
  };
  return response;
}
