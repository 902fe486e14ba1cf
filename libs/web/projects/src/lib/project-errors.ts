import { HttpErrorResponse } from '@angular/common/http';
import { describeHttpError } from '@taskflow/web-ui';

export const VIEWER_MESSAGE = 'You can view this project but not change it.';

/**
 * A refused project or task write in words: 403 is a role question, not a generic failure
 * (409 and the rest keep the API's own problem detail).
 */
export function describeProjectError(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 403) return VIEWER_MESSAGE;
    if (error.status === 404) return 'This project no longer exists, or you are no longer a member of it.';
  }
  return describeHttpError(error);
}
