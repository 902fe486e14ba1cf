import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { PasswordGrantUser } from '../strategies/local.strategy';

/** The user `PasswordGrantGuard` authenticated; undefined for any other grant. */
export const AuthenticatedByPassword = createParamDecorator(
  (_: unknown, context: ExecutionContext): PasswordGrantUser | undefined => context.switchToHttp().getRequest<{ user?: PasswordGrantUser }>().user,
);
