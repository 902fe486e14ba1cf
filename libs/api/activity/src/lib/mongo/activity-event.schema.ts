import { ACTIVITY_TYPES, type ActivityType, type FieldChange } from '@taskflow/shared-contracts';
import { Schema } from 'mongoose';

export const ACTIVITY_EVENT_MODEL = 'ActivityEvent';
export const ACTIVITY_EVENTS_COLLECTION = 'activity_events';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An activity event as stored in MongoDB. `_id` is the outbox event id, which makes a re-insert a duplicate. */
export interface ActivityEventDocument {
  _id: string;
  taskId: string;
  ownerId: string | null;
  projectId: string;
  fromProjectId: string | null;
  actorId: string;
  actorUsername: string;
  type: ActivityType;
  changes: Record<string, FieldChange>;
  at: Date;
}

export const activityEventSchema = new Schema<ActivityEventDocument>(
  {
    _id: { type: String, required: true, match: UUID },
    taskId: { type: String, required: true, match: UUID },
    ownerId: { type: String, default: null, match: UUID },
    projectId: { type: String, required: true, match: UUID },
    fromProjectId: { type: String, default: null, match: UUID },
    actorId: { type: String, required: true, match: UUID },
    actorUsername: { type: String, required: true },
    type: { type: String, required: true, enum: ACTIVITY_TYPES },
    // Free-form by design: `{ field: { from, to } }`, values of any JSON type, null included.
    changes: { type: Schema.Types.Mixed, required: true },
    at: { type: Date, required: true },
  },
  {
    collection: ACTIVITY_EVENTS_COLLECTION,
    versionKey: false,
    // Keep `changes: {}` (task.deleted) instead of dropping it; the field is required.
    minimize: false,
    // Unknown fields are a mapping bug: fail loudly rather than store them silently.
    strict: 'throw',
  },
);

// The task timeline (GET /api/tasks/:id/activity) and a user's timeline across tasks.
activityEventSchema.index({ taskId: 1, at: -1 }, { name: 'task_timeline' });
activityEventSchema.index({ ownerId: 1, at: -1 }, { name: 'owner_timeline' });
// A project's timeline: its own events, and those of tasks that moved out of it.
activityEventSchema.index({ projectId: 1, at: -1, _id: -1 }, { name: 'project_timeline' });
activityEventSchema.index({ fromProjectId: 1, at: -1, _id: -1 }, { name: 'from_project_timeline', partialFilterExpression: { fromProjectId: { $type: 'string' } } });
