import { Inject, Injectable } from '@nestjs/common';
import { authConfig, type AuthConfig } from '@taskflow/api-config';
import { DomainError, ErrorCode, notFound } from '@taskflow/api-core';
import { TASK_LIST_DEFAULT_LIMIT, type TaskPriority } from '@taskflow/shared-contracts';
import type { CreateTaskDto } from './dto/create-task.dto';
import type { ListTasksQueryDto } from './dto/list-tasks.query';
import type { TaskListResponse } from './dto/task-list.response';
import type { TaskResponse } from './dto/task.response';
import type { UpdateTaskDto } from './dto/update-task.dto';
import { TaskCursorCodec } from './task-cursor';
import { TasksCache } from './tasks-cache';
import { priorityRank, toTaskResponse } from './task.mapper';
import { canonicalSort, parseSort } from './task-sort';
import { TasksRepository, type TaskFilters } from './tasks.repository';

/**
 * Tasks of one owner. Reads are served through the per-user cache; every write invalidates it
 * before answering, so a client always reads its own writes.
 * Another owner's task is reported exactly like a missing one.
 */
@Injectable()
export class TasksService {
  private readonly cursors: TaskCursorCodec;

  constructor(
    private readonly tasks: TasksRepository,
    private readonly cache: TasksCache,
    @Inject(authConfig.KEY) auth: AuthConfig,
  ) {
    this.cursors = new TaskCursorCodec(auth.secretKey);
  }

  async create(ownerId: string, input: CreateTaskDto): Promise<TaskResponse> {
    const task = {
      title: input.title,
      description: input.description ?? '',
      status: input.status ?? 'todo',
      priority: priorityRank(input.priority ?? 'medium'),
      dueDate: input.dueDate ?? null,
      tags: input.tags ?? [],
    };
    // Every initial field that has a value, as a change from nothing (completedAt is added in SQL).
    const changes: Record<string, { from: null; to: unknown }> = {};
    const initial = { ...task, priority: input.priority ?? 'medium' };
    for (const [field, value] of Object.entries(initial)) if (value !== null) changes[field] = { from: null, to: value };
    const created = toTaskResponse(await this.tasks.insert(ownerId, task, changes));
    await this.cache.invalidate(ownerId);
    return created;
  }

  /** `fresh` skips the cache (a request with `Cache-Control: no-cache`). */
  get(ownerId: string, id: string, fresh = false): Promise<TaskResponse> {
    return this.cache.through(ownerId, `task:${id}`, async () => {
      const task = await this.tasks.findOwned(ownerId, id);
      if (!task) throw notFound('Task');
      return toTaskResponse(task);
    }, fresh);
  }

  /** The page as JSON text (a TaskListResponse): a cached page is sent as it is stored. */
  async list(ownerId: string, query: ListTasksQueryDto, fresh = false): Promise<string> {
    const sort = parseSort(query.sort);
    if ('duplicate' in sort) {
      throw new DomainError(ErrorCode.InvalidInput, `sort names ${sort.duplicate} more than once`, { field: 'sort' });
    }
    const filters = toFilters(query);
    // Bound to the caller too: a cursor handed to another user is refused rather than reinterpreted.
    const fingerprint = JSON.stringify([ownerId, canonicalSort(sort), filters]);
    const after = query.cursor === undefined ? undefined : this.cursors.decode(query.cursor, fingerprint);
    if (query.cursor !== undefined && (!after || after.values.length !== sort.length)) {
      throw new DomainError(ErrorCode.InvalidInput, 'cursor is not a cursor this server made for this query (same filters and sort)', { field: 'cursor' });
    }
    const limit = query.limit ?? TASK_LIST_DEFAULT_LIMIT;
    return this.cache.json(ownerId, `list:${fingerprint}:${query.cursor ?? ''}:${limit}`, async (): Promise<TaskListResponse> => {
      const page = await this.tasks.list(ownerId, filters, sort, after, limit);
      return {
        items: page.tasks.map(toTaskResponse),
        total: page.total,
        nextCursor: page.next ? this.cursors.encode(page.next, fingerprint) : null,
      };
    }, fresh);
  }

  /**
   * Applies the fields given. A patch that changes nothing (an empty body, or the values the task
   * already has) answers the task as it is: no new version, no event.
   */
  async update(ownerId: string, id: string, input: UpdateTaskDto, expectedVersions?: number[]): Promise<TaskResponse> {
    const result = await this.tasks.update(ownerId, id, expectedVersions, {
      title: input.title,
      description: input.description,
      status: input.status,
      priority: input.priority === undefined ? undefined : priorityRank(input.priority),
      dueDate: input.dueDate,
      tags: input.tags,
    });
    switch (result.outcome) {
      case 'not_found':
        throw notFound('Task');
      case 'stale':
        throw new DomainError(ErrorCode.PreconditionFailed, 'The task has changed since the version in If-Match; fetch it again and retry.');
      case 'contended':
        throw new DomainError(ErrorCode.Conflict, 'The task is being changed by many writers at once; retry.');
      default:
        await this.cache.invalidate(ownerId);
        return toTaskResponse(result.task);
    }
  }

  async remove(ownerId: string, id: string): Promise<void> {
    if (!(await this.tasks.delete(ownerId, id))) throw notFound('Task');
    await this.cache.invalidate(ownerId);
  }
}

/** Normalised so that equal queries compare equal (the cursor is bound to them). */
function toFilters(query: ListTasksQueryDto): TaskFilters {
  const list = (value: string | undefined) => (value === undefined ? undefined : [...new Set(value.split(','))].sort());
  return {
    statuses: list(query.status),
    priorities: list(query.priority)?.map((name) => priorityRank(name as TaskPriority)),
    tag: query.tag?.trim().toLowerCase(),
    q: query.q,
    dueBefore: query.dueBefore,
    dueAfter: query.dueAfter,
  };
}
