import { ApiProperty } from '@nestjs/swagger';
import { ACTIVITY_TYPES, type ActivityActor, type ActivityEvent, type ActivityType, type FieldChange } from '@taskflow/shared-contracts';

export class ActivityActorResponse implements ActivityActor {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The username at the time of the change.' }) username!: string;
}

export class ActivityEventResponse implements ActivityEvent {
  @ApiProperty({ format: 'uuid', description: 'The event id; the same id is the MongoDB document `_id`.' }) id!: string;
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ enum: ACTIVITY_TYPES }) type!: ActivityType;
  @ApiProperty({ type: ActivityActorResponse, description: 'The user whose request made the change.' }) actor!: ActivityActorResponse;
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { from: { nullable: true, description: 'Value before (any JSON type)' }, to: { nullable: true, description: 'Value after (any JSON type)' } },
      required: ['from', 'to'],
    },
    description:
      'Each changed field (API field names, e.g. `priority`) mapped to `{ from, to }`. For `task.created` `from` is null; for `task.deleted` the map is empty. A move holds `projectId`; an (un)assignment `assigneeId`.',
    example: { priority: { from: 'medium', to: 'high' } },
  })
  changes!: Record<string, FieldChange>;
  @ApiProperty({ format: 'date-time', description: 'When the change committed (UTC).' }) at!: string;
}
