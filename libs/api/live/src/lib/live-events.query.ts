import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class LiveEventsQueryDto {
  @ApiPropertyOptional({
    description: 'The id of the last event received, for clients that cannot set the `Last-Event-ID` header. Unknown, too old or malformed: the stream starts with `reset`.',
    example: '1764600000000-0',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  lastEventId?: string;
}
