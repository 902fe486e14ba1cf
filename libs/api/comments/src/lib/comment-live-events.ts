import type { EventDraft } from '@taskflow/api-events';
import type { CommentRecord } from './comment.entity';
import { toCommentResponse } from './comment.mapper';

/** A comment's live event for its task's project; a deleted comment is named, not shown. */
export function commentEvent(
  type: 'comment.created' | 'comment.updated' | 'comment.deleted',
  actorId: string,
  projectId: string,
  comment: CommentRecord,
): EventDraft {
  const data = { projectId, taskId: comment.taskId, commentId: comment.id };
  return { type, projectId, actorId, data: type === 'comment.deleted' ? data : { ...data, comment: toCommentResponse(comment) } };
}
