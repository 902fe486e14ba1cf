import { ApiProperty } from '@nestjs/swagger';
import {
  EMAIL_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordResetConfirmRequest,
  type PasswordResetRequest,
} from '@taskflow/shared-contracts';
import { IsEmail, IsNotEmpty, IsString, Length, MaxLength } from 'class-validator';

export class RequestPasswordResetDto implements PasswordResetRequest {
  @ApiProperty({ example: 'ada@example.com', format: 'email' })
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH)
  @IsEmail({}, { message: 'email must be a valid email address' })
  email!: string;
}

export class ConfirmPasswordResetDto implements PasswordResetConfirmRequest {
  @ApiProperty({ description: 'The token from the reset link.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  token!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password!: string;
}
