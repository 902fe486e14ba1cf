import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiNoContentResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Public } from '@taskflow/api-core';
import { ConfirmPasswordResetDto, RequestPasswordResetDto } from './dto/password-reset.dto';
import { PasswordResetRateLimitGuard } from './password-reset-rate-limit.guard';
import { PasswordResetsService, RESET_LINK_MINUTES } from './password-resets.service';

@ApiTags('users')
@Public()
@Controller('password-resets')
export class PasswordResetsController {
  constructor(private readonly resets: PasswordResetsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(PasswordResetRateLimitGuard)
  @ApiAcceptedResponse({
    description: `The same empty answer whether or not the address has an account; if it has, a link to /reset-password, valid ${RESET_LINK_MINUTES} minutes and usable once, is emailed.`,
  })
  @ApiBadRequestResponse({ description: 'Not a valid email address.' })
  @ApiTooManyRequestsResponse({ description: 'More than 5 requests this hour for this address or from this client, invalid ones included; see Retry-After.' })
  request(@Body() body: RequestPasswordResetDto): void {
    this.resets.request(body.email);
  }

  @Post('confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The password is changed; every link of the user is spent and every session revoked.' })
  @ApiBadRequestResponse({ description: 'A bad, expired or used token (field `token`), or an invalid password (which does not spend the token).' })
  confirm(@Body() body: ConfirmPasswordResetDto): Promise<void> {
    return this.resets.confirm(body.token, body.password);
  }
}
