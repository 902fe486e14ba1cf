import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, notFound } from '@taskflow/api-core';
import { COMMENT_LIST_DEFAULT_LIMIT } from '@taskflow/shared-contracts';
import { toCommentResponse } from './comment.mapper';
import { CommentsRepository, type CommentPosition } from './comments.repository';
import type { CommentListResponse, CommentResponse } from './dto/comment.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Comments on tasks. Who may read, write or delete one (any member; the author; the author or an
 * owner) was decided by ProjectAccess before a method runs. Comment changes are not activity
 * events (ActivityEvent types are task.* only), but they are live events (comment.*).
 */
@Injectable()
export class CommentsService {
  constructor(private readonly comments: CommentsRepository) {}

  async list(taskId: string, limit = COMMENT_LIST_DEFAULT_LIMIT, cursor?: string): Promise<CommentListResponse> {
    const rows = await this.comments.listForTask(taskId, limit, cursor === undefined ? undefined : decodeCursor(cursor));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toCommentResponse),
      nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.createdKey, last.id])).toString('base64url') : null,
    };
  }

  async get(id: string): Promise<CommentResponse> {
    const comment = await this.comments.find(id);
    if (!comment) throw notFound('Comment');
    return toCommentResponse(comment);
  }

  async create(taskId: string, authorId: string, body: string): Promise<CommentResponse> {
    const comment = await this.comments.insert(taskId, authorId, body);
    if (!comment) throw notFound('Task');
    return toCommentResponse(comment);
  }

  async update(actorId: string, id: string, body: string): Promise<CommentResponse> {
    const comment = await this.comments.update(actorId, id, body);
    if (!comment) throw notFound('Comment');
    return toCommentResponse(comment);
  }

  async remove(actorId: string, id: string): Promise<void> {
    if (!(await this.comments.delete(actorId, id))) throw notFound('Comment');
  }
}

function decodeCursor(cursor: string): CommentPosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && typeof decoded[0] === 'string' && typeof decoded[1] === 'string' && UUID.test(decoded[1])) {
      const at = new Date(decoded[0]);
      if (!Number.isNaN(at.getTime()) && at.toISOString() === decoded[0]) return { createdAt: decoded[0], id: decoded[1] };
    }
  } catch {
    // Falls through to the 400.
  }
  throw new DomainError(ErrorCode.InvalidInput, 'cursor is not a cursor this server made', { field: 'cursor' });
}
