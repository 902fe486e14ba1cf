import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@taskflow/api-core';
import { RequireProjectRole, UuidParamPipe } from '@taskflow/api-projects';
import type { FastifyReply } from 'fastify';
import { CommentsService } from './comments.service';
import { CommentDto, CommentListResponse, CommentResponse, ListCommentsQueryDto } from './dto/comment.dto';

@ApiTags('comments')
@Controller('tasks/:id/comments')
export class TaskCommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get()
  @RequireProjectRole('viewer', 'task')
  @ApiOperation({ summary: "A task's comments, oldest first, paged.", description: "Roles: viewer, editor or owner of the task's project." })
  @ApiOkResponse({ type: CommentListResponse })
  @ApiBadRequestResponse({ description: 'A malformed id, limit or cursor.' })
  list(@Param('id', UuidParamPipe) taskId: string, @Query() query: ListCommentsQueryDto): Promise<CommentListResponse> {
    return this.comments.list(taskId, query.limit, query.cursor);
  }

  @Post()
  @RequireProjectRole('viewer', 'task')
  @ApiOperation({ summary: 'Comment on a task.', description: "Roles: any member of the task's project (viewers too)." })
  @ApiCreatedResponse({ type: CommentResponse, description: 'Created; `Location` is /api/comments/:id.' })
  @ApiBadRequestResponse({ description: 'A blank, too long or unknown field.' })
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', UuidParamPipe) taskId: string,
    @Body() body: CommentDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommentResponse> {
    const comment = await this.comments.create(taskId, user.id, body.body);
    reply.header('location', `/api/comments/${comment.id}`);
    return comment;
  }
}

@ApiTags('comments')
@Controller('comments')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get(':id')
  @RequireProjectRole('viewer', 'comment')
  @ApiOperation({ summary: 'One comment.', description: "Roles: viewer, editor or owner of the task's project." })
  @ApiOkResponse({ type: CommentResponse })
  get(@Param('id', UuidParamPipe) id: string): Promise<CommentResponse> {
    return this.comments.get(id);
  }

  @Patch(':id')
  @RequireProjectRole('viewer', 'comment', { authorRule: 'author' })
  @ApiOperation({ summary: 'Edit a comment.', description: 'Its author only, whatever their role (403 for anyone else).' })
  @ApiOkResponse({ type: CommentResponse })
  @ApiBadRequestResponse({ description: 'A blank, too long or unknown field.' })
  update(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParamPipe) id: string, @Body() body: CommentDto): Promise<CommentResponse> {
    return this.comments.update(user.id, id, body.body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireProjectRole('viewer', 'comment', { authorRule: 'author-or-owner' })
  @ApiOperation({ summary: 'Delete a comment.', description: 'Its author, or an owner of the project (403 for anyone else).' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  remove(@CurrentUser() user: AuthenticatedUser, @Param('id', UuidParamPipe) id: string): Promise<void> {
    return this.comments.remove(user.id, id);
  }
}
