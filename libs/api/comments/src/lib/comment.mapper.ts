import type { Comment } from '@taskflow/shared-contracts';
import type { CommentRecord } from './comment.entity';
import type { CommentResponse } from './dto/comment.dto';

export function toCommentResponse(comment: CommentRecord): CommentResponse {
  const response: Comment = {
    id: comment.id,
    taskId: comment.taskId,
    author: { id: comment.authorId, username: comment.authorUsername },
    body: comment.body,
    createdAt: comment.createdAt.toISOString(),
    updatedAt: comment.updatedAt.toISOString(),
  };
  return response;
}
