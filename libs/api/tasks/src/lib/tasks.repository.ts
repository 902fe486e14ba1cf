import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ISO_TIMESTAMPS, preparedQuery } from '@taskflow/api-database';
import { OutboxWriter } from '@taskflow/api-events';
import type { DataSource, EntityManager } from 'typeorm';
import type { TaskEntity } from './task.entity';
import { planUpdate, type TaskPatch } from './task-changes';
import { taskChanged, taskDeleted } from './task-live-events';
import { TASK_COLUMNS, taskJsonSql, toTaskEntity, toTaskResponseFromRow } from './task.mapper';
import type { TaskResponse } from './dto/task.response';
import {
  keysetPredicate,
  orderBy,
  sortKeyColumns,
  type SortKey,
  type SortValue,
} from './task-sort';
import type { CursorPosition } from './task-cursor';

export interface NewTask {
  projectId: string;
  title: string;
  description: string;
  status: string;
  priority: number;
  dueDate: string | null;
  tags: string[];
  assigneeId: string | null;
  /** undefined: after the project's last task. */
  position?: number;
}

export interface TaskFilters {
  /** The projects to list (already narrowed to the caller's memberships). */
  projectIds: string[];
  statuses?: string[];
  priorities?: number[];
  tag?: string;
  q?: string;
  dueBefore?: string;
  dueAfter?: string;
  /** A user id, or null for unassigned. */
  assignee?: string | null;
}

export interface TaskPage {
  /** As GET returns them: the list is read straight into that shape (toTaskResponseFromRow). */
  tasks: TaskResponse[];
  total: number;
  /** Where the next page starts, or undefined when this page is the last. */
  next?: CursorPosition;
}

/** Who made a change: recorded with its event. */
export interface Actor {
  id: string;
}

export type UpdateOutcome =
  | { outcome: 'updated' | 'unchanged'; task: TaskEntity; from: TaskEntity }
  | { outcome: 'not_found' | 'stale' | 'contended' }
  | { outcome: 'rejected'; current: TaskEntity; next: TaskEntity };

/** Losing this many races in a row means a hot row; the client is told to retry rather than wait on. */
const MAX_UPDATE_ATTEMPTS = 20;
/** Positions closer than this are renumbered (see renumberIfCrowded). */
export const MIN_POSITION_GAP = 1e-6;
export const POSITION_STEP = 1024;

const UTC_ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * Raw SQL through TypeORM's DataSource: each write is one statement or one short transaction,
 * and each records its domain event (OutboxWriter, api-events) atomically with the change (the
 * transactional outbox). The activity log and the live streams consume those events; this
 * library names none of their tables.
 */
@Injectable()
export class TasksRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: OutboxWriter,
  ) {}

  /**
   * One statement, one round trip (a prepared one): the task (after the project's last, unless
   * placed) and its `task.created` event, the task rendered in SQL as GET
   * returns it (`taskJsonSql`). The hot write path, so not a transaction of several statements.
   */
  async insert(
    actor: Actor,
    task: NewTask,
    createdChanges: Record<string, unknown>,
  ): Promise<TaskEntity> {
    const rows: Record<string, unknown>[] = await preparedQuery(
      this.db,
      `WITH t AS (
         INSERT INTO tasks (owner_id, project_id, title, description, status, priority, due_date, tags, assignee_id, position, completed_at)
         VALUES ($1, $9, $2, $3, $4::text, $5, $6::date, $7::text[], $10::uuid,
                 coalesce($11::float8, (SELECT max(position) FROM tasks WHERE project_id = $9) + ${POSITION_STEP}, ${POSITION_STEP}),
                 CASE WHEN $4::text = 'done' THEN now() END)
         RETURNING *
       ), c AS (
         SELECT t.*, $8::jsonb || jsonb_build_object('position', jsonb_build_object('from', null, 'to', t.position))
                  || CASE WHEN t.completed_at IS NULL THEN '{}'::jsonb
                  ELSE jsonb_build_object('completedAt', jsonb_build_object('from', null, 'to', to_char(t.completed_at AT TIME ZONE 'UTC', ${UTC_ISO}))) END AS changes,
                ${this.events.actorUsernameSql('$1')} AS actor_username
         FROM t
       ), l AS (
         ${this.events.insertSql(
           `SELECT 'task.created', c.id, c.project_id, NULL::uuid, NULL::uuid, c.owner_id, $1::uuid, c.actor_username, c.created_at,
                   jsonb_build_object('projectId', c.project_id, 'taskId', c.id, 'version', c.version, 'changes', c.changes,
                     'actor', jsonb_build_object('id', $1::uuid, 'username', c.actor_username), 'task', ${taskJsonSql('c')})
              FROM c`,
         )}
       )
       SELECT ${TASK_COLUMNS} FROM t`,
      [
        actor.id,
        task.title,
        task.description,
        task.status,
        task.priority,
        task.dueDate,
        task.tags,
        JSON.stringify(createdChanges),
        task.projectId,
        task.assigneeId,
        task.position ?? null,
      ],
    );
    this.events.committed();
    return toTaskEntity(onlyRow(rows));
  }

  async find(id: string): Promise<TaskEntity | undefined> {
    const rows: Record<string, unknown>[] = await preparedQuery(
      this.db,
      `SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = $1`,
      [id],
    );
    return rows[0] ? toTaskEntity(rows[0]) : undefined;
  }

  /**
   * Compare-and-set: read the task, work out the change, then write it with its `task.updated`
   * event in one statement that only applies while the version is still the one read. A writer
   * that loses a race reads again and re-decides, so nothing is lost without If-Match, a stale
   * If-Match fails, and the version grows by exactly one per change. `accept` sees the planned
   * change (the assignee and move rules) before it is written; false rejects it.
   */
  async update(
    actor: Actor,
    id: string,
    expectedVersions: number[] | undefined,
    patch: TaskPatch,
    accept: (current: TaskEntity, next: TaskEntity) => Promise<boolean>,
  ): Promise<UpdateOutcome> {
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const read: Record<string, unknown>[] = await this.db.query(
        `SELECT ${TASK_COLUMNS}, now()::timestamptz(3) AS now FROM tasks t WHERE t.id = $1`,
        [id],
      );
      if (!read[0]) return { outcome: 'not_found' };
      const current = toTaskEntity(read[0]);
      if (expectedVersions && !expectedVersions.includes(current.version))
        return { outcome: 'stale' };
      const now = read[0]['now'] as Date;
      const { next, changes } = planUpdate(current, patch, now);
      if (Object.keys(changes).length === 0)
        return { outcome: 'unchanged', task: current, from: current };
      if (!(await accept(current, next)))
        return { outcome: 'rejected', current, next };

      // The change and its event in one statement (see insert).
      const rows: Record<string, unknown>[] = await this.db.query(
        `WITH t AS (
           UPDATE tasks SET title = $3, description = $4, status = $5, priority = $6, due_date = $7::date, tags = $8::text[],
                  completed_at = $9, updated_at = $10, project_id = $13, assignee_id = $14::uuid, position = $15, version = version + 1
           WHERE id = $1 AND version = $2
           RETURNING *
         ), a AS (
           SELECT ${this.events.actorUsernameSql('$12')} AS username
         ), l AS (
           ${this.events.insertSql(
             `SELECT 'task.updated', t.id, t.project_id, NULLIF($16::uuid, t.project_id), NULL::uuid, t.owner_id, $12::uuid, a.username, $10::timestamptz,
                     jsonb_build_object('projectId', t.project_id, 'taskId', t.id, 'version', t.version, 'changes', $11::jsonb,
                       'actor', jsonb_build_object('id', $12::uuid, 'username', a.username), 'task', ${taskJsonSql('t')})
                FROM t, a`,
           )}
         )
         SELECT ${TASK_COLUMNS} FROM t`,
        [
          id,
          current.version,
          next.title,
          next.description,
          next.status,
          next.priority,
          next.dueDate,
          next.tags,
          next.completedAt,
          now,
          JSON.stringify(changes),
          actor.id,
          next.projectId,
          next.assigneeId,
          next.position,
          current.projectId,
        ],
      );
      if (rows[0]) {
        this.events.committed();
        return {
          outcome: 'updated',
          task: toTaskEntity(rows[0]),
          from: current,
        };
      }
    }
    return { outcome: 'contended' };
  }

  /** One transaction: the row goes and its `task.deleted` events are recorded, or neither. */
  async delete(actor: Actor, id: string): Promise<TaskEntity | undefined> {
    return this.events.transaction(async (db) => {
      const rows: Record<string, unknown>[] = await db.query(
        `WITH t AS (DELETE FROM tasks WHERE id = $1 RETURNING *) SELECT ${TASK_COLUMNS} FROM t`,
        [id],
      );
      const deleted = rows[0] ? toTaskEntity(rows[0]) : undefined;
      if (deleted)
        await this.events.write(db, [taskDeleted(actor.id, deleted)]);
      return deleted;
    });
  }

  /**
   * When the member leaves: their tasks in the project become unassigned, each with a new
   * version and a `task.updated` event by the actor, in the caller's transaction.
   */
  async unassign(
    db: EntityManager,
    projectId: string,
    userId: string,
    actorId: string,
  ): Promise<void> {
    const rows: Record<string, unknown>[] = await db.query(
      `WITH t AS (
         UPDATE tasks SET assignee_id = NULL, version = version + 1, updated_at = now()
         WHERE project_id = $1 AND assignee_id = $2
         RETURNING *
       )
       SELECT ${TASK_COLUMNS} FROM t ORDER BY t.id`,
      [projectId, userId],
    );
    await this.events.write(
      db,
      rows.map((row) =>
        taskChanged('task.updated', actorId, toTaskEntity(row), {
          assigneeId: { from: userId, to: null },
        }),
      ),
    );
  }

  /**
   * Keeps the board order representable: when the task at `position` has a neighbour in its
   * column (same project and status) closer than MIN_POSITION_GAP, that column is renumbered 1024
   * apart in the same order (ties by id). Each task that moves gets a new version and a
   * `task.updated` event. Only the column: positions of different columns never meet on a board,
   * and renumbering the whole project on every cross-column tie bumped every task's version, so
   * other members' next saves failed If-Match. Two index probes when nothing is crowded; the
   * renumbering itself is one statement.
   */
  async renumberIfCrowded(
    actor: Actor,
    projectId: string,
    taskId: string,
    status: string,
    position: number,
  ): Promise<boolean> {
    const [gaps]: { below: number | null; above: number | null }[] =
      await this.db.query(
        `SELECT (SELECT $3::float8 - t.position FROM tasks t WHERE t.project_id = $1 AND t.status = $4::text AND (t.position, t.id) < ($3::float8, $2::uuid)
                ORDER BY t.position DESC, t.id DESC LIMIT 1) AS below,
              (SELECT t.position - $3::float8 FROM tasks t WHERE t.project_id = $1 AND t.status = $4::text AND (t.position, t.id) > ($3::float8, $2::uuid)
                ORDER BY t.position, t.id LIMIT 1) AS above`,
        [projectId, taskId, position, status],
      );
    const crowded = [gaps?.below, gaps?.above].some(
      (gap) =>
        gap !== null && gap !== undefined && Number(gap) < MIN_POSITION_GAP,
    );
    if (!crowded) return false;
    // One renumbering of a project at a time: two at once would lock its rows in different orders.
    await this.events.transaction(async (db) => {
      await db.query(
        `SELECT pg_advisory_xact_lock(hashtextextended($1::text, 15))`,
        [projectId],
      );
      const moved: Record<string, unknown>[] = await db.query(
        `WITH ordered AS (
         SELECT id, position AS old, (row_number() OVER (ORDER BY position, id)) * ${POSITION_STEP}::float8 AS renumbered
         FROM tasks WHERE project_id = $1 AND status = $2::text
       ), t AS (
         UPDATE tasks SET position = o.renumbered, version = version + 1, updated_at = now()
         FROM ordered o WHERE tasks.id = o.id AND tasks.position <> o.renumbered
         RETURNING tasks.*, o.old
       )
       SELECT ${TASK_COLUMNS}, t.old FROM t ORDER BY t.position`,
        [projectId, status],
      );
      // One task.updated per task moved, each with its new version: clients apply them like any change.
      await this.events.write(
        db,
        moved.map((row) => {
          const task = toTaskEntity(row);
          return taskChanged('task.updated', actor.id, task, {
            position: { from: Number(row['old']), to: task.position },
          });
        }),
      );
    });
    return true;
  }

  /** One page (keyset, limit + 1 rows to know whether another follows) and the count, side by side. */
  async list(
    filters: TaskFilters,
    sort: SortKey[],
    after: CursorPosition | undefined,
    limit: number,
  ): Promise<TaskPage> {
    if (filters.projectIds.length === 0) return { tasks: [], total: 0 };
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // Planned once per connection (a named statement whose generic plan PostgreSQL keeps), which
    // takes estimates that do not depend on the values: in `auto` mode a statement is planned
    // again on every execution while its custom plans look cheaper than the generic one, and
    // planning cost more than executing. So each predicate appears once (the project one, repeated
    // under a second parameter, skewed the generic estimate), arrays are read through an InitPlan
    // (see opaqueArray) and the page size, a validated integer, is part of the text.
    const single = filters.projectIds.length === 1;
    const projects = single
      ? param(filters.projectIds[0])
      : opaqueArray(param(filters.projectIds), 'uuid');
    const inProjects = single
      ? `t.project_id = ${projects}::uuid`
      : `t.project_id = ANY(${projects})`;
    const where = [inProjects, ...filterConditions(filters, param)];
    // The cursor's values are opaque to the planner too: a custom plan that saw them estimated the
    // range more cheaply than the generic plan could, so every page after the first was planned
    // again on every execution (tasks-list.plans.db.spec.ts caught it: 20 projects, page two).
    const keyset = after
      ? [keysetPredicate(sort, after.values, after.id, (value, type) => opaqueValue(param(value), type))]
      : [];
    const order = orderBy(sort);
    if (!Number.isSafeInteger(limit) || limit < 1)
      throw new Error(`Not a page size: ${limit}`);
    const pageSize = String(limit + 1);
    // One project: one index range in sort order. Several: the first page-size rows of each
    // project, each an index range of its own, merged; so a page never sorts every task of every
    // project, whatever their number. The outer query orders by the same expressions, on the
    // same column names the inner one selects (TASK_COLUMNS keeps them).
    const pageSql = single
      ? `SELECT ${TASK_COLUMNS}, ${sortKeyColumns(sort)} FROM tasks t
            WHERE ${[...where, ...keyset].join(' AND ')} ORDER BY ${order} LIMIT ${pageSize}`
      : `SELECT t.* FROM unnest(${projects}) AS project(id)
             CROSS JOIN LATERAL (
               SELECT ${TASK_COLUMNS}, ${sortKeyColumns(sort)} FROM tasks t
                WHERE ${['t.project_id = project.id', ...where.slice(1), ...keyset].join(' AND ')} ORDER BY ${order} LIMIT ${pageSize}
             ) t
            ORDER BY ${order} LIMIT ${pageSize}`;
    // The page and the total in one statement: one round trip and one plan instead of two. The
    // count row always exists; an empty page leaves a single row whose task columns are null.
    // Timestamps come as ISO text (sort keys included), as the response and the cursor carry them.
    const rows: Record<string, unknown>[] = await preparedQuery(
      this.db,
      `SELECT p.*, c.total
         FROM (SELECT count(*)::int AS total FROM tasks t WHERE ${where.join(' AND ')}) c
         LEFT JOIN LATERAL (
           SELECT t.*, row_number() OVER (ORDER BY ${order}) AS row_order FROM (${pageSql}) t
         ) p ON true
        ORDER BY p.row_order`,
      params,
      ISO_TIMESTAMPS,
    );
    const total = (rows[0]?.['total'] as number | undefined) ?? 0;
    const found = rows.filter((row) => row['id'] !== null);

    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return {
      tasks: page.map(toTaskResponseFromRow),
      total,
      next:
        found.length > limit && last
          ? {
              values: sort.map((_, i) => sortValue(last[`k${i}`])),
              id: last['id'] as string,
            }
          : undefined,
    };
  }
}

function filterConditions(
  filters: TaskFilters,
  param: (value: unknown) => string,
): string[] {
  const where: string[] = [];
  if (filters.statuses)
    where.push(
      `t.status = ANY(${opaqueArray(param(filters.statuses), 'text')})`,
    );
  if (filters.priorities)
    where.push(
      `t.priority = ANY(${opaqueArray(param(filters.priorities), 'smallint')})`,
    );
  if (filters.tag !== undefined)
    where.push(`t.tags @> ARRAY[${param(filters.tag)}::text]`);
  if (filters.q !== undefined) {
    const pattern = param(`%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(t.title ILIKE ${pattern} OR t.description ILIKE ${pattern})`);
  }
  if (filters.dueBefore)
    where.push(`t.due_date < ${param(filters.dueBefore)}::date`);
  if (filters.dueAfter)
    where.push(`t.due_date > ${param(filters.dueAfter)}::date`);
  if (filters.assignee === null) where.push('t.assignee_id IS NULL');
  else if (filters.assignee !== undefined)
    where.push(`t.assignee_id = ${param(filters.assignee)}::uuid`);
  return where;
}

/** A single value the planner does not look into, for the reason opaqueArray gives. */
function opaqueValue(placeholder: string, type: string): string {
  return `(SELECT ${placeholder}::${type})`;
}

/**
 * An array parameter the planner does not look into, in a custom plan as in the generic one (it
 * is computed by an InitPlan at execution), so both estimate it alike (10 elements) and the
 * prepared statement keeps its generic plan instead of being planned again for each array. An
 * index range still uses it (`= ANY($0)`); the outer cast makes `ANY` take an array, not a subquery.
 */
function opaqueArray(
  placeholder: string,
  type: 'uuid' | 'text' | 'smallint',
): string {
  return `${opaqueValue(placeholder, `${type}[]`)}::${type}[]`;
}

function sortValue(value: unknown): SortValue {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : String(value);
}

/** For statements that return exactly one row unless the database broke a promise. */
function onlyRow(rows: Record<string, unknown>[]): Record<string, unknown> {
  const [row] = rows;
  if (!row) throw new Error('Expected a row back from a write');
  return row;
}
