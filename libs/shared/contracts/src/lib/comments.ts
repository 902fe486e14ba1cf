export const COMMENT_BODY_MAX_LENGTH = 10_000;
export const COMMENT_LIST_DEFAULT_LIMIT = 50;
export const COMMENT_LIST_MAX_LIMIT = 100;

export interface UserRef {
  id: string;
  username: string;
}

export interface Comment {
  id: string;
  taskId: string;
  author: UserRef;
  /** Plain text; a client that renders Markdown sanitises it. */
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface CommentList {
  items: Comment[];
  nextCursor: string | null;
}

export interface CommentRequest {
  body: string;
}
