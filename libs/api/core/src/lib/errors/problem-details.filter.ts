import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, type FieldError, type ProblemDetails } from '@taskflow/shared-contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAX_LISTED_FIELD_ERRORS } from '../input-limits/input-limits';
import { DomainError, ErrorCode } from './domain-error';
import { OAuthError } from './oauth-error';
import { ValidationProblem } from './validation-problem';

export interface Problem {
  status: number;
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The one place where every error becomes an HTTP answer (RFC 9457 problem details). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    this.respond(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }

  /** Also called directly for the errors Fastify raises before any route exists (see framework-errors.ts). */
  respond(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
    if (exception instanceof OAuthError) {
      this.sendOAuth(reply, exception);
      return;
    }
    const problem = this.toProblem(exception);
    const requestId = String(request.id);
    if (problem.status >= 500) {
      this.logger.error({ err: loggable(exception), requestId }, 'Unhandled error');
    }
    const body = problemBody(problem, request.url, requestId);
    reply.status(problem.status).headers({ ...problem.headers, 'content-type': PROBLEM_CONTENT_TYPE }).send(body);
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof ValidationProblem) {
      return { status: 400, detail: 'The request is not valid.', errors: exception.errors };
    }
    if (exception instanceof DomainError) return fromDomain(exception);
    if (exception instanceof HttpException) return fromHttp(exception);
    const fastifyStatus = fastifyErrorStatus(exception);
    if (fastifyStatus) return { status: fastifyStatus, detail: fastifyDetail(fastifyStatus) };
    return { status: 500, detail: 'Something went wrong on our side. Quote the request id if you report it.' };
  }

  private sendOAuth(reply: FastifyReply, error: OAuthError): void {
    const headers: Record<string, string> = { 'cache-control': 'no-store', pragma: 'no-cache' };
    if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
    reply
      .status(error.status)
      .headers(headers)
      .send({ error: error.error, error_description: error.description });
  }
}

function fromDomain(error: DomainError): Problem {
  switch (error.code) {
    case ErrorCode.NotFound:
      return { status: 404, detail: error.message };
    case ErrorCode.Forbidden:
      return { status: 403, detail: error.message };
    case ErrorCode.Conflict:
      return { status: 409, detail: error.message, errors: fieldErrors(error) };
    case ErrorCode.PreconditionFailed:
      return { status: 412, detail: error.message };
    case ErrorCode.InvalidInput:
      return { status: 400, detail: error.message, errors: fieldErrors(error) };
    case ErrorCode.Unauthenticated:
      return { status: 401, detail: error.message, headers: { 'www-authenticate': 'Bearer' } };
    case ErrorCode.RateLimited:
      return {
        status: 429,
        detail: error.message,
        headers: { 'retry-after': String(error.details.retryAfterSeconds ?? 60) },
      };
    case ErrorCode.Unavailable:
      return { status: 503, detail: error.message, headers: { 'retry-after': String(error.details.retryAfterSeconds ?? 5) } };
    default:
      return assertNever(error.code);
  }
}

/** The RFC 9457 body for a problem; shared with the socket-level error handler, which has no request object. */
export function problemBody(problem: Omit<Problem, 'headers'>, url: string, requestId: string): ProblemDetails {
  return {
    type: problem.status >= 500 ? 'about:blank' : `https://taskflow.dev/problems/${problem.status}`,
    title: TITLES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.detail,
    instance: (url.split('?')[0] ?? url).slice(0, 2048),
    ...listed(problem.errors),
    ...(problem.status >= 500 ? { requestId } : {}),
  };
}

/** The first field errors and how many more: a body with thousands of bad fields must not answer with megabytes. */
function listed(errors: FieldError[] | undefined): { errors?: FieldError[]; errorsOmitted?: number } {
  if (!errors) return {};
  if (errors.length <= MAX_LISTED_FIELD_ERRORS) return { errors };
  return { errors: errors.slice(0, MAX_LISTED_FIELD_ERRORS), errorsOmitted: errors.length - MAX_LISTED_FIELD_ERRORS };
}

function fieldErrors(error: DomainError): FieldError[] | undefined {
  return error.details.field ? [{ field: error.details.field, message: error.message }] : undefined;
}

function fromHttp(exception: HttpException): Problem {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
  const detail = status >= 500 ? 'Something went wrong on our side.' : Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
  const headers: Record<string, string> | undefined =
    status === HttpStatus.UNAUTHORIZED ? { 'www-authenticate': 'Bearer' } : undefined;
  return { status, detail: status === 401 ? 'A valid bearer token is required.' : detail, headers };
}

/** Fastify's own errors (body too large, bad JSON, bad media type) carry a statusCode and an FST_ code. */
function fastifyErrorStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { statusCode, code } = exception as { statusCode?: unknown; code?: unknown };
  if (typeof code !== 'string' || !code.startsWith('FST_') || typeof statusCode !== 'number') return undefined;
  return statusCode >= 400 && statusCode < 500 ? statusCode : undefined;
}

function fastifyDetail(status: number): string {
  switch (status) {
    case 413:
      return 'The request body is larger than 1 MiB.';
    case 415:
      return 'This route takes application/json.';
    case 400:
      return 'The request body is not valid JSON.';
    default:
      return TITLES[status] ?? 'The request could not be processed.';
  }
}

/**
 * What of an unexpected error goes to the log: name, message, stack and driver code. Never the
 * query parameters or the driver's full error, which can hold password hashes and token hashes.
 */
function loggable(exception: unknown): Record<string, unknown> {
  if (!(exception instanceof Error)) return { message: String(exception) };
  const { code } = exception as { code?: unknown };
  const driverCode = (exception as { driverError?: { code?: unknown } }).driverError?.code;
  return { name: exception.name, message: exception.message, stack: exception.stack, code: code ?? driverCode };
}

function assertNever(value: never): never {
  throw new Error(`Unmapped error code: ${String(value)}`);
}
