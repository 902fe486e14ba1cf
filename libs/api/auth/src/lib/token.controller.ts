import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Public } from '@taskflow/api-core';
import type { TokenResponse } from '@taskflow/shared-contracts';
import type { FastifyReply } from 'fastify';
import { RevokeRequestDoc, TokenRequestDoc } from './dto/token-request.doc';
import { TokenResponseDoc } from './dto/token.response';
import { PasswordGrantGuard } from './guards/password-grant.guard';
import { TokenRateLimitGuard } from './guards/token-rate-limit.guard';
import type { PasswordGrantUser } from './strategies/local.strategy';
import { parseTokenRequest } from './token-request';
import { TokensService } from './tokens.service';

const FORM_AND_JSON = ['application/x-www-form-urlencoded', 'application/json'];

/** The OAuth2 token endpoint (RFC 6749 §4.3, §6) and revocation (RFC 7009). */
@ApiTags('auth')
@Public()
@Controller('token')
export class TokenController {
  constructor(private readonly tokens: TokensService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @UseGuards(TokenRateLimitGuard, PasswordGrantGuard)
  @ApiConsumes(...FORM_AND_JSON)
  @ApiBody({ type: TokenRequestDoc })
  @ApiOkResponse({ type: TokenResponseDoc })
  @ApiBadRequestResponse({ description: '`{ error, error_description }` as in RFC 6749 §5.2.' })
  @ApiTooManyRequestsResponse({ description: 'Rate limited; see Retry-After.' })
  async token(
    @Body() body: Record<string, unknown>,
    @Req() request: { user?: PasswordGrantUser },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponse> {
    reply.headers({ 'cache-control': 'no-store', pragma: 'no-cache' });
    const grant = parseTokenRequest(body);
    if (grant.grantType === 'password') return this.tokens.startSession(request.user!.id);
    return this.tokens.refresh(grant.refreshToken);
  }

  @Post('revoke')
  @HttpCode(HttpStatus.OK)
  @UseGuards(TokenRateLimitGuard)
  @ApiConsumes(...FORM_AND_JSON)
  @ApiBody({ type: RevokeRequestDoc })
  @ApiOkResponse({ description: 'Revoked, or the token was unknown (RFC 7009 §2.2).' })
  async revoke(@Body() body: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    reply.header('cache-control', 'no-store');
    const token = body?.['token'];
    if (typeof token === 'string' && token.length > 0 && token.length <= 4096) await this.tokens.revoke(token);
  }
}
