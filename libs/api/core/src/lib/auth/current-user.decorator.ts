import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** The caller, as the bearer-token guard found them: a user row that still exists, in a live session. */
export interface AuthenticatedUser {
  id: string;
  username: string;
  email: string;
  emailVerified: boolean;
  createdAt: Date;
  /** The login session (refresh-token family) the access token belongs to. */
  sessionId: string;
}

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedUser => {
  const request = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>();
  if (!request.user) throw new Error('CurrentUser used on a route without the bearer-token guard');
  return request.user;
});
