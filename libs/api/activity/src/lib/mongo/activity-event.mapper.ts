import type { ActivityEventRecord } from '../activity-event';
import type { ActivityEventDocument } from './activity-event.schema';

/** Event → document: the event id becomes `_id`, so MongoDB itself rejects a second copy. */
export function toActivityDocument(event: ActivityEventRecord): ActivityEventDocument {
  return {
    _id: event.id,
    taskId: event.taskId,
    ownerId: event.ownerId,
    projectId: event.projectId,
    fromProjectId: event.fromProjectId,
    actorId: event.actor.id,
    actorUsername: event.actor.username,
    type: event.type,
    changes: event.changes,
    at: event.at,
  };
}

/** Document (lean) → event. Nothing of the document (no `_id`, no driver types) survives past this. */
export function fromActivityDocument(document: ActivityEventDocument): ActivityEventRecord {
  return {
    id: String(document._id),
    taskId: document.taskId,
    ownerId: document.ownerId ?? null,
    projectId: document.projectId,
    fromProjectId: document.fromProjectId ?? null,
    actor: { id: document.actorId, username: document.actorUsername },
    type: document.type,
    changes: document.changes ?? {},
    at: document.at instanceof Date ? document.at : new Date(document.at),
  };
}
