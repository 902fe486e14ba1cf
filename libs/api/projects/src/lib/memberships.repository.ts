import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { preparedQuery } from '@taskflow/api-database';
import type { ProjectRole } from '@taskflow/shared-contracts';
import type { DataSource } from 'typeorm';

export interface Membership {
  projectId: string;
  role: ProjectRole;
  /** The user's own private Inbox. */
  isDefault: boolean;
}

/** The question every request asks: which projects is this user in, and as what. */
@Injectable()
export class MembershipsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async of(userId: string): Promise<Membership[]> {
    const rows: {
      project_id: string;
      role: ProjectRole;
      is_default: boolean;
    }[] = await preparedQuery(
      this.db,
      `SELECT m.project_id, m.role, coalesce(p.default_for = m.user_id, false) AS is_default
         FROM project_members m JOIN projects p ON p.id = m.project_id
        WHERE m.user_id = $1 ORDER BY m.project_id`,
      [userId],
    );
    return rows.map((row) => ({
      projectId: row.project_id,
      role: row.role,
      isDefault: row.is_default,
    }));
  }

  async isMember(projectId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await preparedQuery(
      this.db,
      'SELECT 1 FROM project_members WHERE project_id = $1 AND user_id = $2',
      [projectId, userId],
    );
    return rows.length > 0;
  }

  /** The project a resource of another feature lives in, or undefined when there is no such resource. */
  async projectOfTask(taskId: string): Promise<string | undefined> {
    const rows: { project_id: string }[] = await preparedQuery(
      this.db,
      'SELECT project_id FROM tasks WHERE id = $1',
      [taskId],
    );
    return rows[0]?.project_id;
  }

  async projectOfComment(
    commentId: string,
  ): Promise<{ projectId: string; authorId: string } | undefined> {
    const rows: { project_id: string; author_id: string }[] =
      await this.db.query(
        'SELECT t.project_id, c.author_id FROM comments c JOIN tasks t ON t.id = c.task_id WHERE c.id = $1',
        [commentId],
      );
    return rows[0]
      ? { projectId: rows[0].project_id, authorId: rows[0].author_id }
      : undefined;
  }
}
