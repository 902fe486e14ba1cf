import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { CurrentUser, Public, type AuthenticatedUser } from '@taskflow/api-core';
import type { FastifyReply } from 'fastify';
import { ConfirmEmailDto } from './dto/confirm-email.dto';
import { RegisterUserDto } from './dto/register-user.dto';
import { CurrentUserResponse, UserResponse } from './dto/user.response';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Public()
  @Post()
  @ApiCreatedResponse({ type: UserResponse, description: 'Registered; a confirmation email is on its way.' })
  @ApiConflictResponse({ description: 'The username or email is taken (case-insensitive).' })
  async register(
    @Body() body: RegisterUserDto,
    @Ip() clientAddress: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponse> {
    const user = await this.users.register(body, clientAddress);
    reply.header('location', `/api/users/${user.id}`);
    return user;
  }

  @Get('me')
  @ApiOkResponse({ type: CurrentUserResponse })
  me(@CurrentUser() user: AuthenticatedUser): Promise<CurrentUserResponse> {
    return this.users.profile(user.id);
  }

  @Post('me/confirmation-email')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'A new confirmation email is queued (the links of earlier ones keep working).' })
  @ApiConflictResponse({ description: 'The email address is already confirmed.' })
  @ApiTooManyRequestsResponse({ description: 'More than 3 requests this hour (RATE_LIMIT_CONFIRMATION_EMAILS); see Retry-After.' })
  resendConfirmation(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.users.resendConfirmation(user.id);
  }

  @Post('me/confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'The email address is confirmed.' })
  confirm(@CurrentUser() user: AuthenticatedUser, @Body() body: ConfirmEmailDto): Promise<void> {
    return this.users.confirmEmail(user.id, body.token);
  }
}
