import { ApiProperty } from '@nestjs/swagger';
import type { ActivityList } from '@taskflow/shared-contracts';
import { ActivityEventResponse } from './activity-event.response';

export class ActivityListResponse implements ActivityList {
  @ApiProperty({ type: [ActivityEventResponse], description: 'Newest first; at most the 200 most recent events.' })
  items!: ActivityEventResponse[];
}
