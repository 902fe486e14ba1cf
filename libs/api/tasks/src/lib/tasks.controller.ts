import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, Patch, Post, Query, Res, type PipeTransform } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, DomainError, ErrorCode, etag, parseIfMatch, type AuthenticatedUser } from '@taskflow/api-core';
import { Grant, RequireProjectRole, ROLE_RULES, TargetGrant, type ProjectGrant } from '@taskflow/api-projects';
import type { FastifyReply } from 'fastify';
import { CreateTaskDto } from './dto/create-task.dto';
import { ListTasksQueryDto } from './dto/list-tasks.query';
import { TaskListResponse } from './dto/task-list.response';
import { TaskResponse } from './dto/task.response';
import { UpdateTaskDto } from './dto/update-task.dto';

import { TasksService } from './tasks.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id is the client's mistake (400), never a driver error (500). */
class TaskIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new DomainError(ErrorCode.InvalidInput, 'id must be a UUID', { field: 'id' });
    return value.toLowerCase();
  }
}

const wantsFresh = (cacheControl: string | undefined) => /\bno-cache\b/i.test(cacheControl ?? '');

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({
    summary: 'The tasks of every project you are a member of, filtered, sorted and paged with an opaque keyset cursor.',
    description: `Any role. \`projectId\` and \`assignee\` narrow it; ids of projects you are not in match nothing. Roles: ${ROLE_RULES}`,
  })
  @ApiOkResponse({ type: TaskListResponse })
  @ApiBadRequestResponse({ description: 'A parameter is unknown, out of range or malformed, or the cursor was not made for this query.' })
  @ApiHeader({ name: 'Cache-Control', required: false, description: '`no-cache` reads from the database, skipping the cache.' })
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: ListTasksQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('cache-control') cacheControl?: string,
  ): Promise<string> {
    const json = await this.tasks.list(user.id, query, wantsFresh(cacheControl));
    // Fastify sends a string with a JSON content type as it is, without serializing it again.
    reply.type('application/json; charset=utf-8');
    return json;
  }

  @Post()
  @RequireProjectRole('editor', 'body')
  @ApiOperation({
    summary: 'Create a task.',
    description: "Role: editor or owner in `projectId` (absent: your default project). A project you are not in is 404; a viewer gets 403.",
  })
  // Swagger UI would otherwise fill in every field, made-up project and assignee ids included, so
  // "Try it out" as it comes would answer 404; the examples name only fields that work for anyone.
  @ApiBody({
    type: CreateTaskDto,
    examples: {
      inbox: { summary: 'A task in your default project', value: { title: 'Buy milk', priority: 'high', dueDate: '2026-12-24', tags: ['errands'] } },
      project: { summary: 'A task in a project (an id from GET /api/projects)', value: { title: 'Draft the plan', projectId: '<project id>', assigneeId: null } },
    },
  })
  @ApiCreatedResponse({ type: TaskResponse, description: 'Created; `Location` names it and `ETag` is W/"1".' })
  @ApiBadRequestResponse({ description: 'Invalid or unknown fields (including server-owned ones such as id or version).' })
  async create(@Grant() grant: ProjectGrant, @Body() body: CreateTaskDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TaskResponse> {
    const task = await this.tasks.create(grant, body);
    reply.header('location', `/api/tasks/${task.id}`).header('etag', etag(task.version));
    return task;
  }

  @Get(':id')
  @RequireProjectRole('viewer', 'task')
  @ApiOperation({ summary: 'One task.', description: "Roles: viewer, editor or owner of the task's project." })
  @ApiOkResponse({ type: TaskResponse, description: '`ETag` carries the version.' })
  async get(
    @Grant() grant: ProjectGrant,
    @Param('id', TaskIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('cache-control') cacheControl?: string,
  ): Promise<TaskResponse> {
    const task = await this.tasks.get(grant, id, wantsFresh(cacheControl));
    reply.header('etag', etag(task.version));
    return task;
  }

  @Patch(':id')
  @RequireProjectRole('editor', 'task', { bodyProject: true })
  @ApiOperation({
    summary: 'Change some fields of a task, or move it to another project.',
    description:
      "Role: editor or owner of the task's project, and of the target project for a move (`projectId`). " +
      'The assignee must be a member of the project the task ends up in (400 on assigneeId). ' +
      'Only the fields given change; `dueDate: null` clears the due date. A body that changes nothing (empty, or the current values) ' +
      'answers 200 with the task as it is: the version does not grow and no activity is recorded.',
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The ETag last seen (W/"<version>"); 412 when the task has a newer version. A value that is not an entity tag gets 400.',
  })
  @ApiOkResponse({ type: TaskResponse, description: 'The task after the change; `ETag` carries the new version.' })
  @ApiBadRequestResponse({ description: 'Invalid or unknown fields, or a malformed If-Match.' })
  @ApiPreconditionFailedResponse({ description: 'If-Match names an older version.' })
  async update(
    @Grant() grant: ProjectGrant,
    @TargetGrant() target: ProjectGrant | undefined,
    @Param('id', TaskIdPipe) id: string,
    @Body() body: UpdateTaskDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TaskResponse> {
    const task = await this.tasks.update(grant, target, id, body, parseIfMatch(ifMatch));
    reply.header('etag', etag(task.version));
    return task;
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireProjectRole('editor', 'task')
  @ApiOperation({ summary: 'Delete a task and its comments.', description: "Role: editor or owner of the task's project." })
  @ApiNoContentResponse({ description: 'Deleted.' })
  remove(@Grant() grant: ProjectGrant, @Param('id', TaskIdPipe) id: string): Promise<void> {
    return this.tasks.remove(grant, id);
  }
}
