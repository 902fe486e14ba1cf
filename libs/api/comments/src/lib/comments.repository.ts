import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxWriter } from '@taskflow/api-events';
import type { DataSource, EntityManager } from 'typeorm';
import type { CommentRecord } from './comment.entity';
import { commentEvent } from './comment-live-events';

export interface CommentPosition {
  createdAt: string;
  id: string;
}

const COLUMNS = `c.id, c.task_id, (SELECT project_id FROM tasks WHERE id = c.task_id) AS project_id, c.author_id, u.username AS author_username, c.body, c.created_at, c.updated_at,
  to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_key`;

@Injectable()
export class CommentsRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: OutboxWriter,
  ) {}

  /** Oldest first, ties by id; `limit + 1` rows so the caller knows whether another page follows. */
  async listForTask(taskId: string, limit: number, after?: CommentPosition): Promise<(CommentRecord & { createdKey: string })[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id
        WHERE c.task_id = $1 ${after ? 'AND (c.created_at, c.id) > ($3::timestamptz, $4::uuid)' : ''}
        ORDER BY c.created_at, c.id LIMIT $2`,
      after ? [taskId, limit + 1, after.createdAt, after.id] : [taskId, limit + 1],
    );
    return rows.map((row) => ({ ...toComment(row), createdKey: row['created_key'] as string }));
  }

  async find(id: string): Promise<CommentRecord | undefined> {
    const rows: Record<string, unknown>[] = await this.db.query(`SELECT ${COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = $1`, [id]);
    return rows[0] ? toComment(rows[0]) : undefined;
  }

  /** undefined when the task went away meanwhile (its foreign key refuses the row). With its `comment.created` live event. */
  async insert(taskId: string, authorId: string, body: string): Promise<CommentRecord | undefined> {
    return this.writeWithEvent('comment.created', authorId, (db) =>
      db.query(
        `WITH c AS (INSERT INTO comments (task_id, author_id, body) SELECT id, $2, $3 FROM tasks WHERE id = $1 RETURNING *)
         SELECT ${COLUMNS} FROM c JOIN users u ON u.id = c.author_id`,
        [taskId, authorId, body],
      ),
    );
  }

  async update(actorId: string, id: string, body: string): Promise<CommentRecord | undefined> {
    return this.writeWithEvent('comment.updated', actorId, (db) =>
      db.query(
        `WITH c AS (UPDATE comments SET body = $2, updated_at = now() WHERE id = $1 RETURNING *)
         SELECT ${COLUMNS} FROM c JOIN users u ON u.id = c.author_id`,
        [id, body],
      ),
    );
  }

  async delete(actorId: string, id: string): Promise<boolean> {
    const deleted = await this.writeWithEvent('comment.deleted', actorId, (db) =>
      db.query(
        `WITH c AS (DELETE FROM comments WHERE id = $1 RETURNING *)
         SELECT ${COLUMNS} FROM c JOIN users u ON u.id = c.author_id`,
        [id],
      ),
    );
    return deleted !== undefined;
  }

  /** The write and its live event in one transaction; nothing is recorded when no row changed. */
  private writeWithEvent(
    type: 'comment.created' | 'comment.updated' | 'comment.deleted',
    actorId: string,
    write: (db: EntityManager) => Promise<Record<string, unknown>[]>,
  ): Promise<CommentRecord | undefined> {
    return this.events.transaction(async (db) => {
      const [row] = await write(db);
      if (!row) return undefined;
      const comment = toComment(row);
      await this.events.write(db, [commentEvent(type, actorId, row['project_id'] as string, comment)]);
      return comment;
    });
  }
}

function toComment(row: Record<string, unknown>): CommentRecord {
  return {
    id: row['id'] as string,
    taskId: row['task_id'] as string,
    authorId: row['author_id'] as string,
    authorUsername: row['author_username'] as string,
    body: row['body'] as string,
    createdAt: row['created_at'] as Date,
    updatedAt: row['updated_at'] as Date,
  };
}
