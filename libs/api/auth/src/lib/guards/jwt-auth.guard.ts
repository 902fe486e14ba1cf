import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { assertSafeRequestInput, DomainError, ErrorCode, IS_PUBLIC, type AuthenticatedUser } from '@taskflow/api-core';
import type { FastifyRequest } from 'fastify';
import { ActiveSessions } from '../active-sessions';
import { bearerToken, bearerTokenText } from '../strategies/bearer-token';
import { VerifiedTokens } from '../verified-tokens';

const unauthenticated = () => new DomainError(ErrorCode.Unauthenticated, 'A valid bearer token is required.');

/** The OAuth endpoints answer as RFC 6749 says, not with problem+json. */
const OAUTH_ROUTES = new Set(['/api/token', '/api/token/revoke']);

/**
 * Global guard: every route needs a valid bearer token unless marked `@Public()`. passport-jwt
 * verifies a token the first time it is seen; after that it is recognised until it expires, and
 * only its session is checked.
 *
 * Once the caller is settled it also checks the request's input against the global limits and
 * text rule (`assertSafeRequestInput`). Here, because this is the first code of every route to
 * run: before the route guards (the password grant reads the form), the validation pipe and the
 * handler, yet after authentication, so a stranger's bad body is a 401 like any other.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly verified: VerifiedTokens,
    private readonly sessions: ActiveSessions,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
    const allowed = isPublic || (await this.authenticate(context, request));
    if (allowed) assertSafeRequestInput(request, { oauth: OAUTH_ROUTES.has(request.routeOptions.url ?? '') });
    return allowed;
  }

  private async authenticate(context: ExecutionContext, request: FastifyRequest & { user?: AuthenticatedUser }): Promise<boolean> {
    // Only a token bearerToken accepted (crit header and all) and passport-jwt verified is ever
    // remembered, so a remembered one is found by its text alone.
    const text = bearerTokenText(request as never);
    const known = text ? this.verified.find(text) : undefined;
    if (known) {
      if (!(await this.sessions.isActive(known.id, known.sessionId))) throw unauthenticated();
      request.user = known;
      return true;
    }
    const token = bearerToken(request as never);
    const allowed = (await super.canActivate(context)) as boolean;
    if (allowed && token && request.user) this.verified.remember(token, request.user);
    return allowed;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error && !(error instanceof Error && error.name === 'JsonWebTokenError')) throw error;
    if (!user) throw unauthenticated();
    return user;
  }
}
