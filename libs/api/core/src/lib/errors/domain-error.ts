/**
 * What went wrong, in the domain's words. Services throw these; the one exception filter
 * decides what each means over HTTP, so no service imports an HTTP exception.
 */
export enum ErrorCode {
  NotFound = 'not_found',
  Forbidden = 'forbidden',
  Conflict = 'conflict',
  PreconditionFailed = 'precondition_failed',
  InvalidInput = 'invalid_input',
  Unauthenticated = 'unauthenticated',
  RateLimited = 'rate_limited',
  /** A dependency the feature needs is down: the rest of the API keeps working. */
  Unavailable = 'unavailable',
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { field?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError(ErrorCode.NotFound, `${what} was not found.`);
