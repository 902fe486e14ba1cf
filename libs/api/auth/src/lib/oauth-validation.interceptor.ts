import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { OAuthError, ValidationProblem } from '@taskflow/api-core';
import type { FastifyRequest } from 'fastify';
import { catchError, throwError, type Observable } from 'rxjs';
import { GRANT_TYPES } from './dto/token-request.dto';

/**
 * The token endpoints validate their DTOs through the global pipe like every route, but OAuth
 * clients (Swagger UI among them) parse `{ error, error_description }` (RFC 6749 §5.2). Pipes run
 * inside an interceptor's `next.handle()`, so a validation failure is translated here into an
 * `OAuthError`, which the one exception filter renders like every other error.
 */
@Injectable()
export class OAuthValidationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) =>
        throwError(() => (error instanceof ValidationProblem ? toOAuthError(error, context.switchToHttp().getRequest<FastifyRequest>()) : error)),
      ),
    );
  }
}

function toOAuthError(problem: ValidationProblem, request: FastifyRequest): OAuthError {
  const grantType = (request.body as { grant_type?: unknown } | undefined)?.grant_type;
  if (typeof grantType === 'string' && grantType !== '' && !(GRANT_TYPES as readonly string[]).includes(grantType)) {
    return new OAuthError('unsupported_grant_type', `grant_type "${grantType}" is not supported; use password or refresh_token.`);
  }
  const messages = problem.errors.map((error) => error.message);
  return new OAuthError('invalid_request', messages.length > 0 ? `${[...new Set(messages)].join('; ')}.` : 'The request body must be a form or a JSON object.');
}
