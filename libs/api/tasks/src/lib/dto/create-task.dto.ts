import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  TASK_DESCRIPTION_MAX_LENGTH,
  TASK_PRIORITIES,
  TASK_STATUSES,
  TASK_TAG_MAX_LENGTH,
  TASK_TAGS_MAX,
  TASK_TITLE_MAX_LENGTH,
  type CreateTaskRequest,
  type TaskPriority,
  type TaskStatus,
} from '@taskflow/shared-contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { IsCalendarDate } from './calendar-date';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Trimmed, lower-cased, first occurrence kept; non-strings are left for the validators to refuse. */
const normaliseTags = ({ value }: { value: unknown }) => {
  if (!Array.isArray(value) || !value.every((tag) => typeof tag === 'string')) return value;
  return [...new Set((value as string[]).map((tag) => tag.trim().toLowerCase()))];
};

/** Present means non-null: `undefined` skips the rules, `null` fails them (the column is NOT NULL). */
const IfPresent = () => ValidateIf((_, value) => value !== undefined);

export class CreateTaskDto implements CreateTaskRequest {
  @ApiProperty({ description: 'Trimmed; blank is invalid.', example: 'Write the release notes' })
  @Transform(trim)
  @IsString()
  @Length(1, TASK_TITLE_MAX_LENGTH, { message: `title must be 1 to ${TASK_TITLE_MAX_LENGTH} characters after trimming` })
  title!: string;

  @ApiPropertyOptional({ default: '' })
  @IfPresent()
  @IsString()
  @MaxLength(TASK_DESCRIPTION_MAX_LENGTH)
  description?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES, default: 'todo' })
  @IfPresent()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: TASK_PRIORITIES, default: 'medium' })
  @IfPresent()
  @IsIn(TASK_PRIORITIES)
  priority?: TaskPriority;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2030-01-31', description: 'A calendar date, or null for none.' })
  @IsOptional()
  @IsCalendarDate()
  dueDate?: string | null;

  @ApiPropertyOptional({
    type: [String],
    maxItems: TASK_TAGS_MAX,
    description: `Up to ${TASK_TAGS_MAX} tags of 1–${TASK_TAG_MAX_LENGTH} characters; stored trimmed, lower-case and without duplicates.`,
    example: ['work', 'writing'],
  })
  @IfPresent()
  @Transform(normaliseTags)
  @IsArray()
  @ArrayMaxSize(TASK_TAGS_MAX)
  @IsString({ each: true })
  @Length(1, TASK_TAG_MAX_LENGTH, { each: true, message: `each tag must be 1 to ${TASK_TAG_MAX_LENGTH} characters after trimming` })
  tags?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: "The project to put the task in (editor or owner role needed); absent: the caller's default project." })
  @IfPresent()
  @IsUUID('all', { message: 'projectId must be a UUID' })
  projectId?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: "A member of the task's project, or null for nobody." })
  @IsOptional()
  @IsUUID('all', { message: 'assigneeId must be a UUID or null' })
  assigneeId?: string | null;

  @ApiPropertyOptional({ description: "Any finite number; absent on create: after the project's last task (its largest position + 1024, or 1024)." })
  @IfPresent()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'position must be a finite number' })
  position?: number;
}
