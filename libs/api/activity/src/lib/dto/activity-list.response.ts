import { ApiProperty } from '@nestjs/swagger';
import type { ActivityList, ProjectActivityList } from '@taskflow/shared-contracts';
import { ActivityEventResponse } from './activity-event.response';

export class ActivityListResponse implements ActivityList {
  @ApiProperty({ type: [ActivityEventResponse], description: 'Newest first; at most the 200 most recent events.' })
  items!: ActivityEventResponse[];
}

export class ProjectActivityListResponse implements ProjectActivityList {
  @ApiProperty({ type: [ActivityEventResponse], description: 'Newest first; events of tasks since deleted included.' })
  items!: ActivityEventResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next (older) page; null on the last page.' })
  nextCursor!: string | null;
}
