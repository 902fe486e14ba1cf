import { HttpErrorResponse } from '@angular/common/http';
import type { FieldError, ProblemDetails } from '@taskflow/shared-contracts';

/** The problem+json body of an error response, when the server sent one. */
export function problemOf(error: unknown): ProblemDetails | null {
  if (error instanceof HttpErrorResponse && error.error && typeof error.error === 'object' && 'status' in error.error) {
    return error.error as ProblemDetails;
  }
  return null;
}

export function fieldErrorsOf(error: unknown): FieldError[] {
  return problemOf(error)?.errors ?? [];
}

/** A sentence a person can read, for any failed request. */
export function describeHttpError(error: unknown, fallback = 'Something went wrong. Please try again.'): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) {
      return 'Cannot reach the server. Check your connection and try again.';
    }
    const problem = problemOf(error);
    if (problem?.detail) {
      return problem.detail;
    }
    if (problem?.title) {
      return problem.title;
    }
    if (error.status >= 500) {
      return 'The server had a problem. Please try again in a moment.';
    }
  }
  return fallback;
}
