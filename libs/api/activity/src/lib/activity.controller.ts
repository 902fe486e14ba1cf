import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError, ErrorCode } from '@taskflow/api-core';
import { Grant, RequireProjectRole, type ProjectGrant } from '@taskflow/api-projects';
import { toActivityEventResponse } from './activity-event.mapper';
import { ActivityService } from './activity.service';
import { ActivityListResponse, ProjectActivityListResponse } from './dto/activity-list.response';
import { ProjectActivityQueryDto } from './dto/project-activity.query';
import { decodeTimelineCursor, encodeTimelineCursor } from './timeline-cursor';

/** A malformed id is the client's mistake: 400 naming the field, in the same shape as every validation error. */
const idPipe = new ParseUUIDPipe({
  exceptionFactory: () => new DomainError(ErrorCode.InvalidInput, 'id must be a UUID', { field: 'id' }),
});

@ApiTags('tasks')
@Controller('tasks')
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  @Get(':id/activity')
  @RequireProjectRole('viewer', 'task')
  @ApiOperation({
    summary: "The task's activity, newest first.",
    description:
      "Roles: viewer, editor or owner of the task's project. " +
      'Events are kept in MongoDB (or the embedded store) and relayed there from a transactional outbox; events not relayed yet are ' +
      'included, so a write shows here at once. While the activity store is unreachable, only those not-yet-relayed events are listed.',
  })
  @ApiOkResponse({ type: ActivityListResponse })
  @ApiBadRequestResponse({ description: 'The id is not a UUID.' })
  async list(@Param('id', idPipe) id: string): Promise<ActivityListResponse> {
    return { items: (await this.activity.timeline(id.toLowerCase())).map(toActivityEventResponse) };
  }
}

@ApiTags('projects')
@Controller('projects')
export class ProjectActivityController {
  constructor(private readonly activity: ActivityService) {}

  @Get(':id/activity')
  @RequireProjectRole('viewer', 'project')
  @ApiOperation({
    summary: "The project's activity, newest first, paged.",
    description: "Roles: viewer, editor or owner. The task events of the whole project, including those of tasks since deleted and of tasks moved in or out.",
  })
  @ApiOkResponse({ type: ProjectActivityListResponse })
  @ApiBadRequestResponse({ description: 'A malformed id, limit or cursor.' })
  async list(@Param('id', idPipe) _id: string, @Grant() grant: ProjectGrant, @Query() query: ProjectActivityQueryDto): Promise<ProjectActivityListResponse> {
    const position = query.cursor === undefined ? undefined : decodeTimelineCursor(query.cursor);
    const page = await this.activity.projectTimeline(grant.projectId, query.limit ?? 50, position);
    return { items: page.events.map(toActivityEventResponse), nextCursor: page.next ? encodeTimelineCursor(page.next) : null };
  }
}
