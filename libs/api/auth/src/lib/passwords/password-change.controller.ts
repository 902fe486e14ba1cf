import { Body, Controller, HttpCode, HttpStatus, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNoContentResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@taskflow/api-core';
import { ChangePasswordDto } from './dto/change-password.dto';
import { PasswordChangeService } from './password-change.service';

@ApiTags('users')
@Controller('users/me/password')
export class PasswordChangeController {
  constructor(private readonly passwords: PasswordChangeService) {}

  @Patch()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Changed; every other session of the user is revoked (this one stays signed in).' })
  @ApiBadRequestResponse({ description: 'Validation; a wrong `currentPassword` is a field error on it and counts as a failed login.' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins for this account (the login lock); see Retry-After.' })
  change(@CurrentUser() user: AuthenticatedUser, @Body() body: ChangePasswordDto): Promise<void> {
    return this.passwords.change(user, body.currentPassword, body.newPassword);
  }
}
