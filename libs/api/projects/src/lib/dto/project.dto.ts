import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  PROJECT_DESCRIPTION_MAX_LENGTH,
  PROJECT_NAME_MAX_LENGTH,
  PROJECT_ROLES,
  type CreateProjectRequest,
  type Project,
  type ProjectList,
  type ProjectRole,
} from '@taskflow/shared-contracts';
import { Transform } from 'class-transformer';
import { IsString, Length, MaxLength, ValidateIf } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateProjectDto implements CreateProjectRequest {
  @ApiProperty({ description: 'Trimmed; blank is invalid.', example: 'Website relaunch' })
  @Transform(trim)
  @IsString()
  @Length(1, PROJECT_NAME_MAX_LENGTH, { message: `name must be 1 to ${PROJECT_NAME_MAX_LENGTH} characters after trimming` })
  name!: string;

  @ApiPropertyOptional({ default: '' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MaxLength(PROJECT_DESCRIPTION_MAX_LENGTH)
  description?: string;
}

/** Every field optional; `null` is refused (neither column is nullable). */
export class UpdateProjectDto extends PartialType(CreateProjectDto, { skipNullProperties: false }) {}

export class ProjectResponse implements Project {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: PROJECT_ROLES, description: "The caller's own role." }) role!: ProjectRole;
  @ApiProperty({ description: "The caller's private default project (Inbox): it cannot be shared or deleted." }) isDefault!: boolean;
  @ApiProperty() memberCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ description: 'Starts at 1, grows by one on every change; the ETag is W/"<version>".' }) version!: number;
}

export class ProjectListResponse implements ProjectList {
  @ApiProperty({ type: [ProjectResponse], description: 'The default project first, then by name (case-insensitive), ties by id.' })
  items!: ProjectResponse[];
}
