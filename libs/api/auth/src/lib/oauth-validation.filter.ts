import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ValidationProblem } from '@taskflow/api-core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GRANT_TYPES } from './dto/token-request.dto';

/**
 * The token endpoints validate their DTOs through the global pipe like every route, but OAuth
 * clients (Swagger UI among them) parse `{ error, error_description }` (RFC 6749 §5.2), so their
 * validation failures are answered in that shape instead of problem+json.
 */
@Catch(ValidationProblem)
export class OAuthValidationFilter implements ExceptionFilter {
  catch(exception: ValidationProblem, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const grantType = (request.body as { grant_type?: unknown } | undefined)?.grant_type;
    const unsupported = typeof grantType === 'string' && grantType !== '' && !(GRANT_TYPES as readonly string[]).includes(grantType);
    const body = unsupported
      ? { error: 'unsupported_grant_type', error_description: `grant_type "${grantType}" is not supported; use password or refresh_token.` }
      : { error: 'invalid_request', error_description: describe(exception) };
    reply.status(400).headers({ 'cache-control': 'no-store', pragma: 'no-cache' }).send(body);
  }
}

function describe(exception: ValidationProblem): string {
  const messages = exception.errors.map((error) => error.message);
  return messages.length > 0 ? `${[...new Set(messages)].join('; ')}.` : 'The request body must be a form or a JSON object.';
}
