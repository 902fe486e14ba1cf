import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, Patch, Post, Query, Res, type PipeTransform } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, DomainError, ErrorCode, type AuthenticatedUser } from '@taskflow/api-core';
import type { FastifyReply } from 'fastify';
import { CreateTaskDto } from './dto/create-task.dto';
import { ListTasksQueryDto } from './dto/list-tasks.query';
import { TaskListResponse } from './dto/task-list.response';
import { TaskResponse } from './dto/task.response';
import { UpdateTaskDto } from './dto/update-task.dto';
import { etag, parseIfMatch } from './if-match';
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
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: "The caller's tasks, filtered, sorted and paged with an opaque keyset cursor." })
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
  @ApiCreatedResponse({ type: TaskResponse, description: 'Created; `Location` names it and `ETag` is W/"1".' })
  @ApiBadRequestResponse({ description: 'Invalid or unknown fields (including server-owned ones such as id or version).' })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateTaskDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TaskResponse> {
    const task = await this.tasks.create(user.id, body);
    reply.header('location', `/api/tasks/${task.id}`).header('etag', etag(task.version));
    return task;
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskResponse, description: '`ETag` carries the version.' })
  @ApiNotFoundResponse({ description: 'No such task, or not yours.' })
  async get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', TaskIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('cache-control') cacheControl?: string,
  ): Promise<TaskResponse> {
    const task = await this.tasks.get(user.id, id, wantsFresh(cacheControl));
    reply.header('etag', etag(task.version));
    return task;
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change some fields of a task.',
    description:
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
  @ApiNotFoundResponse({ description: 'No such task, or not yours.' })
  @ApiPreconditionFailedResponse({ description: 'If-Match names an older version.' })
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', TaskIdPipe) id: string,
    @Body() body: UpdateTaskDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TaskResponse> {
    const task = await this.tasks.update(user.id, id, body, parseIfMatch(ifMatch));
    reply.header('etag', etag(task.version));
    return task;
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ description: 'No such task, or not yours.' })
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id', TaskIdPipe) id: string): Promise<void> {
    return this.tasks.remove(user.id, id);
  }
}
