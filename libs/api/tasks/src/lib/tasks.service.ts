import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { authConfig, type AuthConfig } from '@taskflow/api-config';
import { DomainError, ErrorCode, notFound } from '@taskflow/api-core';
import {
  ProjectAccess,
  ProjectHooks,
  type ProjectGrant,
} from '@taskflow/api-projects';
import {
  TASK_LIST_DEFAULT_LIMIT,
  type TaskPriority,
} from '@taskflow/shared-contracts';
import type { CreateTaskDto } from './dto/create-task.dto';
import type { ListTasksQueryDto } from './dto/list-tasks.query';
import type { TaskListResponse } from './dto/task-list.response';
import type { TaskResponse } from './dto/task.response';
import type { UpdateTaskDto } from './dto/update-task.dto';
import type { TaskEntity } from './task.entity';
import { TaskCursorCodec } from './task-cursor';
import { TasksCache } from './tasks-cache';
import { priorityRank, toTaskResponse } from './task.mapper';
import { canonicalSort, parseSort } from './task-sort';
import { TasksRepository, type TaskFilters } from './tasks.repository';

/**
 * Tasks in projects. Who may do what was settled by ProjectAccess before a method runs (the
 * grant of the task's project, and of the target project for a move); the rules left here are
 * the task's own: assignees are members, positions stay ordered. Reads are cached under the
 * generations of the caller's projects; every write bumps its projects' generations before
 * answering, so every member reads it at once.
 */
@Injectable()
export class TasksService implements OnModuleInit {
  private readonly cursors: TaskCursorCodec;

  constructor(
    private readonly tasks: TasksRepository,
    private readonly cache: TasksCache,
    private readonly access: ProjectAccess,
    private readonly hooks: ProjectHooks,
    @Inject(authConfig.KEY) auth: AuthConfig,
  ) {
    this.cursors = new TaskCursorCodec(auth.secretKey);
  }

  onModuleInit(): void {
    // A member who leaves keeps no assignment in the project.
    this.hooks.onMemberLeaving((db, change) =>
      this.tasks.unassign(db, change.projectId, change.userId, change.actorId),
    );
  }

  async create(
    grant: ProjectGrant,
    input: CreateTaskDto,
  ): Promise<TaskResponse> {
    const assigneeId = input.assigneeId ?? null;
    if (assigneeId !== null)
      await this.requireAssignable(grant.projectId, assigneeId);
    const task = {
      projectId: grant.projectId,
      title: input.title,
      description: input.description ?? '',
      status: input.status ?? 'todo',
      priority: priorityRank(input.priority ?? 'medium'),
      dueDate: input.dueDate ?? null,
      tags: input.tags ?? [],
      assigneeId,
      position: input.position,
    };
    // Every initial field that has a value, as a change from nothing (position and completedAt are added in SQL).
    const changes: Record<string, { from: null; to: unknown }> = {};
    const initial = {
      ...task,
      priority: input.priority ?? 'medium',
      position: null,
    };
    for (const [field, value] of Object.entries(initial))
      if (value !== null && value !== undefined)
        changes[field] = { from: null, to: value };
    const actor = { id: grant.userId };
    let created = await this.tasks.insert(actor, task, changes);
    // A default position is 1024 past the last; only a chosen one can crowd a neighbour.
    if (
      input.position !== undefined &&
      (await this.tasks.renumberIfCrowded(
        actor,
        created.projectId,
        created.id,
        created.status,
        created.position,
      ))
    )
      created = await this.reread(created.id);
    await this.access.projectsChanged([created.projectId]);
    return toTaskResponse(created);
  }

  /** `fresh` skips the cache (a request with `Cache-Control: no-cache`). */
  async get(
    grant: ProjectGrant,
    id: string,
    fresh = false,
  ): Promise<TaskResponse> {
    return this.cache.through(
      fresh,
      grant.userId,
      `task:${id}`,
      async () => {
        const task = await this.tasks.find(id);
        if (!task) throw notFound('Task');
        return toTaskResponse(task);
      },
    );
  }

  /** The page as JSON text (a TaskListResponse): a cached page is sent as it is stored. */
  async list(
    userId: string,
    query: ListTasksQueryDto,
    fresh = false,
  ): Promise<string> {
    const sort = parseSort(query.sort);
    if ('duplicate' in sort) {
      throw new DomainError(
        ErrorCode.InvalidInput,
        `sort names ${sort.duplicate} more than once`,
        { field: 'sort' },
      );
    }
    const filters = toFilters(query, userId);
    // Bound to the caller too: a cursor handed to another user is refused rather than reinterpreted.
    const fingerprint = JSON.stringify([userId, canonicalSort(sort), filters]);
    const after =
      query.cursor === undefined
        ? undefined
        : this.cursors.decode(query.cursor, fingerprint);
    if (
      query.cursor !== undefined &&
      (!after || after.values.length !== sort.length)
    ) {
      throw new DomainError(
        ErrorCode.InvalidInput,
        'cursor is not a cursor this server made for this query (same filters and sort)',
        { field: 'cursor' },
      );
    }
    const limit = query.limit ?? TASK_LIST_DEFAULT_LIMIT;
    return this.cache.json(
      fresh,
      userId,
      `list:${fingerprint}:${query.cursor ?? ''}:${limit}`,
      async (): Promise<TaskListResponse> => {
        const member = (await this.access.memberships(userId)).map(
          (membership) => membership.projectId,
        );
        // Ids of projects the caller is not in match nothing, exactly like ids of no project.
        const projectIds = filters.projectIds
          ? filters.projectIds.filter((id) => member.includes(id))
          : member;
        const page = await this.tasks.list(
          { ...filters, projectIds },
          sort,
          after,
          limit,
        );
        return {
          items: page.tasks,
          total: page.total,
          nextCursor: page.next
            ? this.cursors.encode(page.next, fingerprint)
            : null,
        };
      },
    );
  }

  /**
   * Applies the fields given. A patch that changes nothing (an empty body, or the values the task
   * already has) answers the task as it is: no new version, no event. A move (`projectId`) was
   * granted in both projects; the assignee must be a member of the project the task ends up in.
   */
  async update(
    grant: ProjectGrant,
    target: ProjectGrant | undefined,
    id: string,
    input: UpdateTaskDto,
    expectedVersions?: number[],
  ): Promise<TaskResponse> {
    const actor = { id: grant.userId };
    let refusal: DomainError | undefined;
    const result = await this.tasks.update(
      actor,
      id,
      expectedVersions,
      {
        title: input.title,
        description: input.description,
        status: input.status,
        priority:
          input.priority === undefined
            ? undefined
            : priorityRank(input.priority),
        dueDate: input.dueDate,
        tags: input.tags,
        projectId: input.projectId?.toLowerCase(),
        assigneeId:
          input.assigneeId === undefined
            ? undefined
            : (input.assigneeId?.toLowerCase() ?? null),
        position: input.position,
      },
      async (current, next) => {
        // The guard granted the project the task was in when it ran; a task moved since then needs the grant again.
        if (
          current.projectId !== grant.projectId ||
          (next.projectId !== current.projectId &&
            next.projectId !== target?.projectId)
        ) {
          refusal = notFound('Task');
          return false;
        }
        if (
          next.assigneeId !== null &&
          (next.assigneeId !== current.assigneeId ||
            next.projectId !== current.projectId)
        ) {
          if (!(await this.access.isMember(next.projectId, next.assigneeId))) {
            refusal = new DomainError(
              ErrorCode.InvalidInput,
              input.assigneeId === undefined
                ? 'The assignee is not a member of the project the task moves to; set assigneeId (null included) in the same request.'
                : "assigneeId must be a member of the task's project.",
              { field: 'assigneeId' },
            );
            return false;
          }
        }
        return true;
      },
    );
    switch (result.outcome) {
      case 'not_found':
        throw notFound('Task');
      case 'rejected':
        throw refusal ?? notFound('Task');
      case 'stale':
        throw new DomainError(
          ErrorCode.PreconditionFailed,
          'The task has changed since the version in If-Match; fetch it again and retry.',
        );
      case 'contended':
        throw new DomainError(
          ErrorCode.Conflict,
          'The task is being changed by many writers at once; retry.',
        );
      case 'unchanged':
        return toTaskResponse(result.task);
      case 'updated': {
        let task = result.task;
        // A task that lands in another column (or project) at its old number can meet a neighbour too.
        if (result.from.position !== task.position || result.from.status !== task.status || result.from.projectId !== task.projectId) {
          if (
            await this.tasks.renumberIfCrowded(
              actor,
              task.projectId,
              task.id,
              task.status,
              task.position,
            )
          )
            task = await this.reread(task.id);
        }
        await this.access.projectsChanged([
          result.from.projectId,
          task.projectId,
        ]);
        return toTaskResponse(task);
      }
    }
  }

  async remove(grant: ProjectGrant, id: string): Promise<void> {
    const deleted = await this.tasks.delete({ id: grant.userId }, id);
    if (!deleted) throw notFound('Task');
    await this.access.projectsChanged([deleted.projectId]);
  }

  private async requireAssignable(
    projectId: string,
    userId: string,
  ): Promise<void> {
    if (!(await this.access.isMember(projectId, userId))) {
      throw new DomainError(
        ErrorCode.InvalidInput,
        "assigneeId must be a member of the task's project.",
        { field: 'assigneeId' },
      );
    }
  }

  private async reread(id: string): Promise<TaskEntity> {
    const task = await this.tasks.find(id);
    if (!task) throw notFound('Task');
    return task;
  }
}

/** Normalised so that equal queries compare equal (the cursor is bound to them). */
function toFilters(
  query: ListTasksQueryDto,
  userId: string,
): Omit<TaskFilters, 'projectIds'> & { projectIds?: string[] } {
  const list = (value: string | undefined) =>
    value === undefined ? undefined : [...new Set(value.split(','))].sort();
  return {
    projectIds: list(query.projectId?.toLowerCase()),
    statuses: list(query.status),
    priorities: list(query.priority)?.map((name) =>
      priorityRank(name as TaskPriority),
    ),
    tag: query.tag?.trim().toLowerCase(),
    q: query.q,
    dueBefore: query.dueBefore,
    dueAfter: query.dueAfter,
    assignee:
      query.assignee === undefined
        ? undefined
        : query.assignee === 'none'
          ? null
          : query.assignee === 'me'
            ? userId
            : query.assignee.toLowerCase(),
  };
}
