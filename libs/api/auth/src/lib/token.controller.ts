import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Public } from '@taskflow/api-core';
import { REFRESH_COOKIE_HEADER, type CookieTokenResponse, type TokenResponse } from '@taskflow/shared-contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RevokeRequestDto, TokenRequestDto } from './dto/token-request.dto';
import { TokenResponseDoc } from './dto/token.response';
import { AuthenticatedByPassword } from './guards/password-grant-user.decorator';
import { PasswordGrantGuard } from './guards/password-grant.guard';
import { TokenRateLimitGuard } from './guards/token-rate-limit.guard';
import { OAuthValidationInterceptor } from './oauth-validation.interceptor';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie, wantsRefreshCookie } from './refresh-cookie';
import type { PasswordGrantUser } from './strategies/local.strategy';
import { TokensService } from './tokens.service';

const FORM_AND_JSON = ['application/x-www-form-urlencoded', 'application/json'];
/** A token longer than any we issue is simply unknown (RFC 7009: not an error). */
const MAX_TOKEN_LENGTH = 4096;

const CookieModeHeader = () =>
  ApiHeader({
    name: REFRESH_COOKIE_HEADER,
    required: false,
    enum: ['1'],
    description: 'Cookie mode (the web app): the refresh token travels in the HttpOnly `tf_refresh` cookie, not in the body.',
  });

/** The OAuth2 token endpoint (RFC 6749 §4.3, §6) and revocation (RFC 7009). */
@ApiTags('auth')
@Public()
@UseInterceptors(OAuthValidationInterceptor)
@Controller('token')
export class TokenController {
  constructor(private readonly tokens: TokensService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  // The address's rate limit first, then passport-local for a password grant.
  @UseGuards(TokenRateLimitGuard, PasswordGrantGuard)
  @ApiConsumes(...FORM_AND_JSON)
  @ApiBody({ type: TokenRequestDto })
  @CookieModeHeader()
  @ApiOkResponse({ type: TokenResponseDoc, description: 'In cookie mode `refresh_token` is left out of the body and set as the `tf_refresh` cookie.' })
  @ApiBadRequestResponse({ description: '`{ error, error_description }` as in RFC 6749 §5.2.' })
  @ApiTooManyRequestsResponse({ description: 'Rate limited; see Retry-After.' })
  async token(
    @Body() body: TokenRequestDto,
    @AuthenticatedByPassword() byPassword: PasswordGrantUser | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponse | CookieTokenResponse> {
    reply.headers({ 'cache-control': 'no-store', pragma: 'no-cache' });
    if (!wantsRefreshCookie(request)) return this.tokens.grant(body, byPassword);
    const { refresh_token, ...pair } = await this.tokens.grant(body, byPassword, readRefreshCookie(request));
    setRefreshCookie(request, reply, refresh_token, this.tokens.refreshTokenTtlSeconds);
    return pair;
  }

  @Post('revoke')
  @HttpCode(HttpStatus.OK)
  @UseGuards(TokenRateLimitGuard)
  @ApiConsumes(...FORM_AND_JSON)
  @ApiBody({ type: RevokeRequestDto })
  @CookieModeHeader()
  @ApiOkResponse({ description: 'Revoked, or the token was unknown (RFC 7009 §2.2). In cookie mode without `token`, the cookie’s session ends and the cookie is cleared.' })
  async revoke(
    @Body() body: RevokeRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    reply.header('cache-control', 'no-store');
    let token = body.token;
    if (!token && wantsRefreshCookie(request)) {
      token = readRefreshCookie(request);
      clearRefreshCookie(request, reply);
    }
    if (token && token.length <= MAX_TOKEN_LENGTH) await this.tokens.revoke(token);
  }
}
