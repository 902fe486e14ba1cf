import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ProjectRole } from '@taskflow/shared-contracts';
import { OutboxWriter } from '@taskflow/api-events';
import type { DataSource, EntityManager } from 'typeorm';
import type { MemberRecord, ProjectRecord } from './project.entity';
import { memberEvent, projectEvent } from './project-live-events';

/** The columns of a project as seen by the member `$1`, from `projects p` joined with their `project_members m`. */
const PROJECT_COLUMNS = `p.id, p.name, p.description, m.role, coalesce(p.default_for = m.user_id, false) AS is_default,
  (SELECT count(*)::int FROM project_members c WHERE c.project_id = p.id) AS member_count, p.created_at, p.updated_at, p.version`;

export type ProjectUpdate =
  | { outcome: 'updated' | 'unchanged'; project: ProjectRecord }
  | { outcome: 'stale' }
  | { outcome: 'contended' };
export type RoleChange =
  | { outcome: 'changed'; member: MemberRecord }
  | { outcome: 'not_member' | 'last_owner' };

/** Losing this many races in a row means a hot row; the client is told to retry rather than wait on (as for tasks). */
const MAX_UPDATE_ATTEMPTS = 20;

@Injectable()
export class ProjectsRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: OutboxWriter,
  ) {}

  /** The default project first, then by name (case-insensitive), ties by id. */
  async listFor(userId: string): Promise<ProjectRecord[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT ${PROJECT_COLUMNS} FROM project_members m JOIN projects p ON p.id = m.project_id
        WHERE m.user_id = $1
        ORDER BY coalesce(p.default_for = m.user_id, false) DESC, lower(p.name) COLLATE "C", p.id`,
      [userId],
    );
    return rows.map(toProject);
  }

  async findFor(
    userId: string,
    projectId: string,
    db: DataSource | EntityManager = this.db,
  ): Promise<ProjectRecord | undefined> {
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT ${PROJECT_COLUMNS} FROM project_members m JOIN projects p ON p.id = m.project_id WHERE m.user_id = $1 AND p.id = $2`,
      [userId, projectId],
    );
    return rows[0] ? toProject(rows[0]) : undefined;
  }

  /** The project and its owner's membership in one statement, with the owner's `member.added`. */
  async insert(
    userId: string,
    name: string,
    description: string,
  ): Promise<ProjectRecord> {
    return this.events.transaction(async (db) => {
      const rows: Record<string, unknown>[] = await db.query(
        `WITH p AS (INSERT INTO projects (name, description) VALUES ($2, $3) RETURNING *),
            m AS (INSERT INTO project_members (project_id, user_id, role, added_at) SELECT id, $1, 'owner', created_at FROM p RETURNING *)
       SELECT p.id, p.name, p.description, m.role, false AS is_default, 1 AS member_count, p.created_at, p.updated_at, p.version
         FROM p JOIN m ON m.project_id = p.id`,
        [userId, name, description],
      );
      const project = toProject(rows[0] as Record<string, unknown>);
      // The creator joins it: their open streams follow it from now on.
      await this.events.write(db, [
        memberEvent('member.added', userId, project.id, userId, 'owner'),
      ]);
      return project;
    });
  }

  /** Compare-and-set on the version, like tasks; a patch that changes nothing writes nothing. */
  async update(
    userId: string,
    projectId: string,
    expected: number[] | undefined,
    patch: { name?: string; description?: string },
  ): Promise<ProjectUpdate | undefined> {
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const current = await this.findFor(userId, projectId);
      if (!current) return undefined;
      if (expected && !expected.includes(current.version))
        return { outcome: 'stale' };
      const name = patch.name ?? current.name;
      const description = patch.description ?? current.description;
      if (name === current.name && description === current.description)
        return { outcome: 'unchanged', project: current };
      const project = await this.events.transaction(async (db) => {
        const [, count]: [unknown, number] = await db.query(
          `UPDATE projects SET name = $3, description = $4, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`,
          [projectId, current.version, name, description],
        );
        const updated =
          count === 1 ? await this.findFor(userId, projectId, db) : undefined;
        if (updated)
          await this.events.write(db, [
            projectEvent('project.updated', userId, projectId, updated),
          ]);
        return updated;
      });
      if (project) return { outcome: 'updated', project };
    }
    return { outcome: 'contended' };
  }

  /** Deletes a non-default project (its tasks and their comments go with it); the member ids it had. */
  async delete(
    actorId: string,
    projectId: string,
  ): Promise<string[] | undefined> {
    return this.events.transaction(async (db) => {
      const rows: { user_id: string }[] = await db.query(
        `WITH members AS (SELECT user_id FROM project_members WHERE project_id = $1),
              gone AS (DELETE FROM projects WHERE id = $1 AND default_for IS NULL RETURNING id)
         SELECT user_id FROM members WHERE EXISTS (SELECT 1 FROM gone)`,
        [projectId],
      );
      if (rows.length === 0) return undefined;
      await this.events.write(db, [
        projectEvent('project.deleted', actorId, projectId),
      ]);
      return rows.map((row) => row.user_id);
    });
  }

  async isDefault(projectId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      'SELECT 1 FROM projects WHERE id = $1 AND default_for IS NOT NULL',
      [projectId],
    );
    return rows.length > 0;
  }

  /** By username (case-insensitive), ties by id. */
  async members(projectId: string): Promise<MemberRecord[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT m.user_id, u.username, m.role, m.added_at FROM project_members m JOIN users u ON u.id = m.user_id
        WHERE m.project_id = $1 ORDER BY lower(u.username) COLLATE "C", u.id`,
      [projectId],
    );
    return rows.map(toMember);
  }

  async member(
    projectId: string,
    userId: string,
  ): Promise<MemberRecord | undefined> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT m.user_id, u.username, m.role, m.added_at FROM project_members m JOIN users u ON u.id = m.user_id
        WHERE m.project_id = $1 AND m.user_id = $2`,
      [projectId, userId],
    );
    return rows[0] ? toMember(rows[0]) : undefined;
  }

  async userIdByUsername(username: string): Promise<string | undefined> {
    const rows: { id: string }[] = await this.db.query(
      'SELECT id FROM users WHERE lower(username) = lower($1)',
      [username],
    );
    return rows[0]?.id;
  }

  /** undefined when already a member: the primary key decides, not a prior read. */
  async addMember(
    actorId: string,
    projectId: string,
    userId: string,
    role: ProjectRole,
  ): Promise<MemberRecord | undefined> {
    return this.events.transaction(async (db) => {
      const rows: Record<string, unknown>[] = await db.query(
        `WITH m AS (INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING *)
         SELECT m.user_id, u.username, m.role, m.added_at FROM m JOIN users u ON u.id = m.user_id`,
        [projectId, userId, role],
      );
      if (!rows[0]) return undefined;
      await this.events.write(db, [
        memberEvent('member.added', actorId, projectId, userId, role),
      ]);
      return toMember(rows[0]);
    });
  }

  /**
   * Changes a role, refusing to leave the project without an owner. The project's member rows
   * are locked first, so two owners demoting each other at once cannot both succeed.
   */
  async changeRole(
    actorId: string,
    projectId: string,
    userId: string,
    role: ProjectRole,
  ): Promise<RoleChange> {
    return this.events.transaction(async (db) => {
      const owners = await lockOwners(db, projectId);
      const current = await this.memberIn(db, projectId, userId);
      if (!current) return { outcome: 'not_member' };
      if (current.role === 'owner' && role !== 'owner' && owners.length === 1)
        return { outcome: 'last_owner' };
      await db.query(
        'UPDATE project_members SET role = $3 WHERE project_id = $1 AND user_id = $2',
        [projectId, userId, role],
      );
      if (current.role !== role)
        await this.events.write(db, [
          memberEvent('member.updated', actorId, projectId, userId, role),
        ]);
      return { outcome: 'changed', member: { ...current, role } };
    });
  }

  /** Removes a member, and (through `leaving`, in the same transaction) what other features keep about them there. */
  async removeMember(
    actorId: string,
    projectId: string,
    userId: string,
    leaving: (db: EntityManager) => Promise<void>,
  ): Promise<'removed' | 'not_member' | 'last_owner'> {
    return this.events.transaction(async (db) => {
      const owners = await lockOwners(db, projectId);
      const current = await this.memberIn(db, projectId, userId);
      if (!current) return 'not_member';
      if (current.role === 'owner' && owners.length === 1) return 'last_owner';
      await db.query(
        'DELETE FROM project_members WHERE project_id = $1 AND user_id = $2',
        [projectId, userId],
      );
      await leaving(db);
      // After what leaving changed (their tasks unassigned), so the member sees those before losing the project.
      await this.events.write(db, [
        memberEvent('member.removed', actorId, projectId, userId),
      ]);
      return 'removed';
    });
  }

  private async memberIn(
    db: EntityManager,
    projectId: string,
    userId: string,
  ): Promise<MemberRecord | undefined> {
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT m.user_id, u.username, m.role, m.added_at FROM project_members m JOIN users u ON u.id = m.user_id
        WHERE m.project_id = $1 AND m.user_id = $2`,
      [projectId, userId],
    );
    return rows[0] ? toMember(rows[0]) : undefined;
  }
}

async function lockOwners(
  db: EntityManager,
  projectId: string,
): Promise<string[]> {
  const rows: { user_id: string; role: string }[] = await db.query(
    'SELECT user_id, role FROM project_members WHERE project_id = $1 ORDER BY user_id FOR UPDATE',
    [projectId],
  );
  return rows.filter((row) => row.role === 'owner').map((row) => row.user_id);
}

function toProject(row: Record<string, unknown>): ProjectRecord {
  return {
    id: row['id'] as string,
    name: row['name'] as string,
    description: row['description'] as string,
    role: row['role'] as ProjectRole,
    isDefault: Boolean(row['is_default']),
    memberCount: Number(row['member_count']),
    createdAt: row['created_at'] as Date,
    updatedAt: row['updated_at'] as Date,
    version: Number(row['version']),
  };
}

function toMember(row: Record<string, unknown>): MemberRecord {
  return {
    userId: row['user_id'] as string,
    username: row['username'] as string,
    role: row['role'] as ProjectRole,
    addedAt: row['added_at'] as Date,
  };
}
