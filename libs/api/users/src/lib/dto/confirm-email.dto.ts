import { ApiProperty } from '@nestjs/swagger';
import type { ConfirmEmailRequest } from '@taskflow/shared-contracts';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ConfirmEmailDto implements ConfirmEmailRequest {
  @ApiProperty({ description: 'The token from the confirmation link.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  token!: string;
}
