import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMMENT_BODY_MAX_LENGTH, COMMENT_LIST_DEFAULT_LIMIT, COMMENT_LIST_MAX_LIMIT, type Comment, type CommentList, type CommentRequest, type UserRef } from '@taskflow/shared-contracts';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CommentDto implements CommentRequest {
  @ApiProperty({ description: 'Plain text, trimmed; blank is invalid. A client that renders Markdown sanitises it.' })
  @Transform(trim)
  @IsString()
  @Length(1, COMMENT_BODY_MAX_LENGTH, { message: `body must be 1 to ${COMMENT_BODY_MAX_LENGTH} characters after trimming` })
  body!: string;
}

export class ListCommentsQueryDto {
  @ApiPropertyOptional({ default: COMMENT_LIST_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(COMMENT_LIST_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque: the `nextCursor` of the previous page. Any other value gets 400.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class CommentAuthorResponse implements UserRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
}

export class CommentResponse implements Comment {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ type: CommentAuthorResponse }) author!: CommentAuthorResponse;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CommentListResponse implements CommentList {
  @ApiProperty({ type: [CommentResponse], description: 'Oldest first.' }) items!: CommentResponse[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' }) nextCursor!: string | null;
}
