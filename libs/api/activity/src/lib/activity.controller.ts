import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, DomainError, ErrorCode, type AuthenticatedUser } from '@taskflow/api-core';
import { toActivityEventResponse } from './activity-event.mapper';
import { ActivityService } from './activity.service';
import { ActivityListResponse } from './dto/activity-list.response';

/** A malformed id is the client's mistake: 400 naming the field, in the same shape as every validation error. */
const taskIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new DomainError(ErrorCode.InvalidInput, 'id must be a UUID', { field: 'id' }),
});

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  @Get(':id/activity')
  @ApiOperation({
    summary: "The task's activity, newest first.",
    description:
      'Events are kept in MongoDB (or the embedded store) and relayed there from a transactional outbox; events not relayed yet are ' +
      'included, so a write shows here at once. While the activity store is unreachable, only those not-yet-relayed events are listed.',
  })
  @ApiOkResponse({ type: ActivityListResponse })
  @ApiBadRequestResponse({ description: 'The id is not a UUID.' })
  @ApiNotFoundResponse({ description: 'No such task, or not yours.' })
  async list(@CurrentUser() user: AuthenticatedUser, @Param('id', taskIdPipe) id: string): Promise<ActivityListResponse> {
    return { items: (await this.activity.timeline(user.id, id.toLowerCase())).map(toActivityEventResponse) };
  }
}
