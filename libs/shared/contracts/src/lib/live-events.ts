import type { ActivityActor, FieldChange } from './activity';
import type { Comment } from './comments';
import type { Project, ProjectRole } from './projects';
import type { Task } from './tasks';

/** `GET /api/events` (Server-Sent Events): the event names of the contract's "Live updates (v2)". */
export const LIVE_EVENT_TYPES = [
  'task.created',
  'task.updated',
  'task.deleted',
  'comment.created',
  'comment.updated',
  'comment.deleted',
  'project.updated',
  'project.deleted',
  'member.added',
  'member.updated',
  'member.removed',
] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/** Sent first when the stream cannot replay what the client missed: the client reloads what it shows. */
export const LIVE_RESET_EVENT = 'reset';

/** The request header (or the `lastEventId` query parameter) a reconnecting client names its last event with. */
export const LAST_EVENT_ID_HEADER = 'Last-Event-ID';

/** `task.created`, `task.updated`: `task` is the task as `GET /api/tasks/:id` returns it. */
export interface TaskChangedEventData {
  projectId: string;
  taskId: string;
  version: number;
  actor: ActivityActor;
  changes?: Record<string, FieldChange>;
  task: Task;
}

/** `task.deleted`: `version` is the task's last version + 1. */
export interface TaskDeletedEventData {
  projectId: string;
  taskId: string;
  version: number;
  actor: ActivityActor;
}

export interface CommentEventData {
  projectId: string;
  taskId: string;
  commentId: string;
  actor: ActivityActor;
  /** Absent on `comment.deleted`. */
  comment?: Comment;
}

/** The project without `role`, which differs per member. */
export type LiveProject = Omit<Project, 'role'>;

export interface ProjectEventData {
  projectId: string;
  actor: ActivityActor;
  /** Absent on `project.deleted`. */
  project?: LiveProject;
}

export interface MemberEventData {
  projectId: string;
  userId: string;
  /** Absent on `member.removed`. */
  role?: ProjectRole;
  actor: ActivityActor;
}

/** Each event name with the shape of its `data`. */
export interface LiveEventDataMap {
  'task.created': TaskChangedEventData;
  'task.updated': TaskChangedEventData;
  'task.deleted': TaskDeletedEventData;
  'comment.created': CommentEventData;
  'comment.updated': CommentEventData;
  'comment.deleted': CommentEventData;
  'project.updated': ProjectEventData;
  'project.deleted': ProjectEventData;
  'member.added': MemberEventData;
  'member.updated': MemberEventData;
  'member.removed': MemberEventData;
  reset: Record<string, never>;
}

/** One message of the stream as a client sees it: `id:`, `event:` and the parsed `data:`. */
export type LiveMessage = {
  [K in keyof LiveEventDataMap]: { id: string; event: K; data: LiveEventDataMap[K] };
}[keyof LiveEventDataMap];
