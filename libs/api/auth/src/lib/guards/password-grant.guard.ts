import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { OAuthError } from '@taskflow/api-core';
import type { FastifyRequest } from 'fastify';
import type { PasswordGrantUser } from '../strategies/local.strategy';

/**
 * Runs passport-local on `/api/token` for the password grant only; a refresh grant passes through
 * untouched. Its failures are OAuth errors, which the one exception filter renders (RFC 6749 §5.2).
 */
@Injectable()
export class PasswordGrantGuard extends AuthGuard('local') {
  override canActivate(context: ExecutionContext): Promise<boolean> | boolean {
    const body = context.switchToHttp().getRequest<FastifyRequest>().body as { grant_type?: unknown } | undefined;
    if (body?.grant_type !== 'password') return true;
    return super.canActivate(context) as Promise<boolean>;
  }

  override handleRequest<TUser = PasswordGrantUser>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    // passport-local fails without calling the strategy when a field is missing.
    if (!user) throw new OAuthError('invalid_request', 'username and password are required.');
    return user;
  }
}
