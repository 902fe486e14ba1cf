import type { ActivityActor, FieldChange } from './activity';
import type { Comment } from './comments';
import type { Project, ProjectRole } from './projects';
import type { Task } from './tasks';

/** The events of `GET /api/events` ("Live updates (v2)" in the contract), in the contract's order. */
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
  'reset',
] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/** `task.created`, `task.updated`: `task` is the task as `GET /api/tasks/:id` would return it. */
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
  comment?: Comment;
}

/** `project` carries no `role`: it differs per member. */
export interface ProjectEventData {
  projectId: string;
  actor: ActivityActor;
  project?: Omit<Project, 'role'>;
}

/** Sent to the project's members and to the member concerned. */
export interface MemberEventData {
  projectId: string;
  userId: string;
  role?: ProjectRole;
  actor: ActivityActor;
}

/** The stream cannot replay what the client missed: the client reloads what it shows. */
export type ResetEventData = Record<string, never>;

/** One message of the stream: `type` is its `event:` line, `data` its JSON, `id` its `id:` line. */
export type LiveEvent =
  | { id?: string; type: 'task.created' | 'task.updated'; data: TaskChangedEventData }
  | { id?: string; type: 'task.deleted'; data: TaskDeletedEventData }
  | { id?: string; type: 'comment.created' | 'comment.updated' | 'comment.deleted'; data: CommentEventData }
  | { id?: string; type: 'project.updated' | 'project.deleted'; data: ProjectEventData }
  | { id?: string; type: 'member.added' | 'member.updated' | 'member.removed'; data: MemberEventData }
  | { id?: string; type: 'reset'; data: ResetEventData };

export function isLiveEventType(value: string): value is LiveEventType {
  return (LIVE_EVENT_TYPES as readonly string[]).includes(value);
}
