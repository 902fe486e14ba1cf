export const TASK_STATUSES = ['todo', 'in_progress', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Ordered by rank: sorting by priority follows this order, not the names. */
export const TASK_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const TASK_SORT_FIELDS = ['createdAt', 'updatedAt', 'dueDate', 'priority', 'title', 'position'] as const;
export type TaskSortField = (typeof TASK_SORT_FIELDS)[number];

export const TASK_TITLE_MAX_LENGTH = 200;
export const TASK_DESCRIPTION_MAX_LENGTH = 10_000;
export const TASK_TAGS_MAX = 20;
export const TASK_TAG_MAX_LENGTH = 32;
export const TASK_LIST_DEFAULT_LIMIT = 20;
export const TASK_LIST_MAX_LIMIT = 100;

export interface Task {
  id: string;
  projectId: string;
  title: string;
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  /** A calendar date, `YYYY-MM-DD`. */
  dueDate: string | null;
  tags: string[];
  /** A member of the task's project, or null. */
  assigneeId: string | null;
  /** Orders the tasks of a board column; see "Board order" in the contract. */
  position: number;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CreateTaskRequest {
  title: string;
  description?: string;
  status?: TaskStatus;
  priority?: TaskPriority;
  dueDate?: string | null;
  tags?: string[];
  /** Absent: the caller's default project. */
  projectId?: string;
  assigneeId?: string | null;
  position?: number;
}

export type UpdateTaskRequest = Partial<CreateTaskRequest>;

export interface TaskListQuery {
  status?: string;
  priority?: string;
  tag?: string;
  q?: string;
  dueBefore?: string;
  dueAfter?: string;
  /** Comma-separated project ids. */
  projectId?: string;
  /** `me`, `none`, or a user id. */
  assignee?: string;
  sort?: string;
  limit?: number;
  cursor?: string;
}

export interface TaskList {
  items: Task[];
  total: number;
  nextCursor: string | null;
}
