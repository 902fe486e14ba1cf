import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  TASK_LIST_DEFAULT_LIMIT,
  TASK_LIST_MAX_LIMIT,
  TASK_PRIORITIES,
  TASK_SORT_FIELDS,
  TASK_STATUSES,
  TASK_TAG_MAX_LENGTH,
  type TaskListQuery,
} from '@taskflow/shared-contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { SORT_PATTERN } from '../task-sort';
import { IsCalendarDate } from './calendar-date';

const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const UUID_LIST = new RegExp(`^${UUID_PATTERN}(,${UUID_PATTERN})*$`);
const ASSIGNEE = new RegExp(`^(me|none|${UUID_PATTERN})$`);

const commaList = (values: readonly string[]) => new RegExp(`^(${values.join('|')})(,(${values.join('|')}))*$`);

/** Every parameter is checked; an unknown one is refused by the global pipe (400 naming it). */
export class ListTasksQueryDto implements TaskListQuery {
  @ApiPropertyOptional({ description: `Comma-separated, any of: ${TASK_STATUSES.join(', ')}.`, example: 'todo,in_progress' })
  @IsOptional()
  @IsString()
  @Matches(commaList(TASK_STATUSES), { message: `status must be a comma-separated list of ${TASK_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ description: `Comma-separated, any of: ${TASK_PRIORITIES.join(', ')}.`, example: 'high,urgent' })
  @IsOptional()
  @IsString()
  @Matches(commaList(TASK_PRIORITIES), { message: `priority must be a comma-separated list of ${TASK_PRIORITIES.join(', ')}` })
  priority?: string;

  @ApiPropertyOptional({ description: 'Tasks carrying this tag (compared lower-case and trimmed).', maxLength: TASK_TAG_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @Length(1, TASK_TAG_MAX_LENGTH)
  tag?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive substring of the title or the description.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Tasks due strictly before this day (tasks without a due date are left out).' })
  @IsOptional()
  @IsCalendarDate()
  dueBefore?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Tasks due strictly after this day (tasks without a due date are left out).' })
  @IsOptional()
  @IsCalendarDate()
  dueAfter?: string;

  @ApiPropertyOptional({
    description: 'Comma-separated project ids; only tasks of these projects. Ids of projects you are not a member of match nothing.',
    example: '0b5e0f8e-7a51-4c52-9f0e-3a1b2c3d4e5f',
  })
  @IsOptional()
  @IsString()
  @MaxLength(3_700)
  @Matches(UUID_LIST, { message: 'projectId must be a comma-separated list of UUIDs' })
  projectId?: string;

  @ApiPropertyOptional({ description: '`me` (assigned to you), `none` (unassigned), or a user id.', example: 'me' })
  @IsOptional()
  @IsString()
  @Matches(ASSIGNEE, { message: 'assignee must be me, none or a user id (UUID)' })
  assignee?: string;

  @ApiPropertyOptional({
    description:
      `Comma-separated fields out of ${TASK_SORT_FIELDS.join(', ')}, each with an optional leading "-" for descending, each at most once. ` +
      'Priority sorts by rank (low < medium < high < urgent); title case-insensitively; position is the board order; tasks without a due date come last in either direction. ' +
      'Ties are broken by id, in the direction of the last field.',
    default: '-createdAt',
    example: 'priority,-dueDate',
  })
  @IsOptional()
  @IsString()
  @Matches(SORT_PATTERN, { message: `sort must be a comma-separated list of ${TASK_SORT_FIELDS.join(', ')}, each optionally prefixed with "-"` })
  sort?: string;

  @ApiPropertyOptional({ default: TASK_LIST_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(TASK_LIST_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque: the `nextCursor` of the previous page, with the same filters and sort. Any other value gets 400.' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  cursor?: string;
}
