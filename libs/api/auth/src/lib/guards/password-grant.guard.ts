import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { OAuthError } from '@taskflow/api-core';
import { parseTokenRequest } from '../token-request';

/**
 * Runs passport-local only for the password grant; other grants pass through to the handler.
 * Malformed requests are refused here with OAuth errors before any credential is looked at.
 */
@Injectable()
export class PasswordGrantGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ body?: unknown }>();
    if (parseTokenRequest(request.body).grantType !== 'password') return true;
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) throw new OAuthError('invalid_request', 'username and password are required.');
    return user;
  }
}
