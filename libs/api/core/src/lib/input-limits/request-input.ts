import { OAuthError } from '../errors/oauth-error';
import { ValidationProblem } from '../errors/validation-problem';
import { RefusedBody } from './body-parsers';
import { inspectInput, type InputViolation } from './inspect-input';

export interface RequestInput {
  body?: unknown;
  query?: unknown;
  params?: unknown;
}

/**
 * The one check of a request's input against the limits and the text rule, for bodies (JSON and
 * forms), query parameters and path parameters alike. Fields are named as the validation pipe
 * names them (`title`, `tags.2`, `q`), so a client cannot tell which of the two refused it.
 * OAuth routes answer `invalid_request` (RFC 6749 §5.2) instead of a problem.
 */
export function assertSafeRequestInput(request: RequestInput, options: { oauth?: boolean } = {}): void {
  const violation = firstViolation(request);
  if (!violation) return;
  if (options.oauth) throw new OAuthError('invalid_request', `${violation.field}: ${violation.message}.`);
  throw new ValidationProblem([violation]);
}

function firstViolation(request: RequestInput): InputViolation | undefined {
  if (request.body instanceof RefusedBody) return { field: 'body', message: request.body.message };
  for (const [part, value] of [
    ['body', request.body],
    ['query', request.query],
    ['params', request.params],
  ] as const) {
    const found = inspectInput(value);
    if (found) return { field: found.field || part, message: found.message };
  }
  return undefined;
}
