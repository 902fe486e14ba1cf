import { HttpErrorResponse } from '@angular/common/http';
import { describeHttpError, fieldErrorsOf } from './http-errors';

describe('http errors', () => {
  it('reads field errors from problem+json', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Invalid', instance: '/api/users', errors: [{ field: 'email', message: 'email must be an email' }] },
    });
    expect(fieldErrorsOf(error)).toEqual([{ field: 'email', message: 'email must be an email' }]);
    expect(describeHttpError(error)).toBe('Invalid');
  });

  it('explains a network failure and a server error', () => {
    expect(describeHttpError(new HttpErrorResponse({ status: 0 }))).toMatch(/Cannot reach the server/);
    expect(describeHttpError(new HttpErrorResponse({ status: 502 }))).toMatch(/server had a problem/);
  });
});
