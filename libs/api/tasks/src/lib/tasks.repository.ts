import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { TaskEntity } from './task.entity';
import { planUpdate, type TaskPatch } from './task-changes';
import { TASK_COLUMNS, toTaskEntity } from './task.mapper';
import { keysetPredicate, orderBy, sortKeyColumns, type SortKey, type SortValue } from './task-sort';
import type { CursorPosition } from './task-cursor';

export interface NewTask {
  title: string;
  description: string;
  status: string;
  priority: number;
  dueDate: string | null;
  tags: string[];
}

export interface TaskFilters {
  statuses?: string[];
  priorities?: number[];
  tag?: string;
  q?: string;
  dueBefore?: string;
  dueAfter?: string;
}

export interface TaskPage {
  tasks: TaskEntity[];
  total: number;
  /** Where the next page starts, or undefined when this page is the last. */
  next?: CursorPosition;
}

export type UpdateOutcome = { outcome: 'updated' | 'unchanged'; task: TaskEntity } | { outcome: 'not_found' | 'stale' | 'contended' };

/** Losing this many races in a row means a hot row; the client is told to retry rather than wait on. */
const MAX_UPDATE_ATTEMPTS = 20;

const UTC_ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * Raw SQL through TypeORM's DataSource: each write is one statement or one short transaction,
 * and each writes its activity_outbox row atomically with the change (the transactional outbox).
 */
@Injectable()
export class TasksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One statement, one round trip: the task and its `task.created` event. */
  async insert(ownerId: string, task: NewTask, createdChanges: Record<string, unknown>): Promise<TaskEntity> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `WITH t AS (
         INSERT INTO tasks (owner_id, title, description, status, priority, due_date, tags, completed_at)
         VALUES ($1, $2, $3, $4::text, $5, $6::date, $7::text[], CASE WHEN $4::text = 'done' THEN now() END)
         RETURNING *
       ), e AS (
         INSERT INTO activity_outbox (task_id, owner_id, type, changes, occurred_at)
         SELECT id, owner_id, 'task.created',
                $8::jsonb || CASE WHEN completed_at IS NULL THEN '{}'::jsonb
                  ELSE jsonb_build_object('completedAt', jsonb_build_object('from', null, 'to', to_char(completed_at AT TIME ZONE 'UTC', ${UTC_ISO}))) END,
                created_at
         FROM t
       )
       SELECT ${TASK_COLUMNS} FROM t`,
      [ownerId, task.title, task.description, task.status, task.priority, task.dueDate, task.tags, JSON.stringify(createdChanges)],
    );
    return toTaskEntity(onlyRow(rows));
  }

  async findOwned(ownerId: string, id: string): Promise<TaskEntity | undefined> {
    const rows: Record<string, unknown>[] = await this.db.query(`SELECT ${TASK_COLUMNS} FROM tasks t WHERE t.id = $1 AND t.owner_id = $2`, [id, ownerId]);
    return rows[0] ? toTaskEntity(rows[0]) : undefined;
  }

  /**
   * Compare-and-set: read the task, work out the change, then write it with its `task.updated`
   * event in one statement that only applies while the version is still the one read. A writer
   * that loses a race reads again and re-decides, so nothing is lost without If-Match, a stale
   * If-Match fails, and the version grows by exactly one per change. No interactive transaction
   * holds a connection (or a row lock) between round trips.
   */
  async update(ownerId: string, id: string, expectedVersions: number[] | undefined, patch: TaskPatch): Promise<UpdateOutcome> {
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const read: Record<string, unknown>[] = await this.db.query(
        `SELECT ${TASK_COLUMNS}, now()::timestamptz(3) AS now FROM tasks t WHERE t.id = $1 AND t.owner_id = $2`,
        [id, ownerId],
      );
      if (!read[0]) return { outcome: 'not_found' };
      const current = toTaskEntity(read[0]);
      if (expectedVersions && !expectedVersions.includes(current.version)) return { outcome: 'stale' };
      const now = read[0]['now'] as Date;
      const { next, changes } = planUpdate(current, patch, now);
      if (Object.keys(changes).length === 0) return { outcome: 'unchanged', task: current };

      const rows: Record<string, unknown>[] = await this.db.query(
        `WITH t AS (
           UPDATE tasks SET title = $4, description = $5, status = $6, priority = $7, due_date = $8::date, tags = $9::text[],
                  completed_at = $10, updated_at = $11, version = version + 1
           WHERE id = $1 AND owner_id = $2 AND version = $3
           RETURNING *
         ), e AS (
           INSERT INTO activity_outbox (task_id, owner_id, type, changes, occurred_at)
           SELECT id, owner_id, 'task.updated', $12::jsonb, $11 FROM t
         )
         SELECT ${TASK_COLUMNS} FROM t`,
        [id, ownerId, current.version, next.title, next.description, next.status, next.priority, next.dueDate, next.tags, next.completedAt, now, JSON.stringify(changes)],
      );
      if (rows[0]) return { outcome: 'updated', task: toTaskEntity(rows[0]) };
    }
    return { outcome: 'contended' };
  }

  /** One statement: the row goes and its `task.deleted` event is recorded, or neither. */
  async delete(ownerId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH t AS (
         DELETE FROM tasks WHERE id = $1 AND owner_id = $2 RETURNING id, owner_id
       ), e AS (
         INSERT INTO activity_outbox (task_id, owner_id, type, changes) SELECT id, owner_id, 'task.deleted', '{}'::jsonb FROM t
       )
       SELECT id FROM t`,
      [id, ownerId],
    );
    return rows.length > 0;
  }

  /** One page (keyset, limit + 1 rows to know whether another follows) and the count, side by side. */
  async list(ownerId: string, filters: TaskFilters, sort: SortKey[], after: CursorPosition | undefined, limit: number): Promise<TaskPage> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = filterConditions(ownerId, filters, param);
    const pageWhere = after ? [...where, keysetPredicate(sort, after.values, after.id, param)] : where;
    // The page and the total in one statement: one round trip and one plan instead of two. The
    // count row always exists; an empty page leaves a single row whose task columns are null.
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT p.*, c.total
         FROM (SELECT count(*)::int AS total FROM tasks t WHERE ${where.join(' AND ')}) c
         LEFT JOIN LATERAL (
           SELECT ${TASK_COLUMNS}, ${sortKeyColumns(sort)}, row_number() OVER (ORDER BY ${orderBy(sort)}) AS position
             FROM tasks t WHERE ${pageWhere.join(' AND ')} ORDER BY ${orderBy(sort)} LIMIT ${param(limit + 1)}
         ) p ON true
        ORDER BY p.position`,
      params,
    );
    const total = (rows[0]?.['total'] as number | undefined) ?? 0;
    const found = rows.filter((row) => row['id'] !== null);

    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return {
      tasks: page.map(toTaskEntity),
      total,
      next: found.length > limit && last ? { values: sort.map((_, i) => sortValue(last[`k${i}`])), id: last['id'] as string } : undefined,
    };
  }
}

function filterConditions(ownerId: string, filters: TaskFilters, param: (value: unknown) => string): string[] {
  const where = [`t.owner_id = ${param(ownerId)}`];
  if (filters.statuses) where.push(`t.status = ANY(${param(filters.statuses)}::text[])`);
  if (filters.priorities) where.push(`t.priority = ANY(${param(filters.priorities)}::smallint[])`);
  if (filters.tag !== undefined) where.push(`t.tags @> ARRAY[${param(filters.tag)}::text]`);
  if (filters.q !== undefined) {
    const pattern = param(`%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(t.title ILIKE ${pattern} OR t.description ILIKE ${pattern})`);
  }
  if (filters.dueBefore) where.push(`t.due_date < ${param(filters.dueBefore)}::date`);
  if (filters.dueAfter) where.push(`t.due_date > ${param(filters.dueAfter)}::date`);
  return where;
}

function sortValue(value: unknown): SortValue {
  if (value instanceof Date) return value.toISOString();
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : String(value);
}

/** For statements that return exactly one row unless the database broke a promise. */
function onlyRow(rows: Record<string, unknown>[]): Record<string, unknown> {
  const [row] = rows;
  if (!row) throw new Error('Expected a row back from a write');
  return row;
}
