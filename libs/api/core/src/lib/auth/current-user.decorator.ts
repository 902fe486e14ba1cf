import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/**
 * The caller, as the bearer-token guard found them: a live session of this user. Only ids: a
 * profile read here could be stale, so whoever needs one reads it fresh.
 */
export interface AuthenticatedUser {
  id: string;
  /** The login session (refresh-token family) the access token belongs to. */
  sessionId: string;
}

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedUser => {
  const request = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>();
  if (!request.user) throw new Error('CurrentUser used on a route without the bearer-token guard');
  return request.user;
});
