import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { describeLoginError } from './login-page';

describe('describeLoginError', () => {
  it('explains a wrong password', () => {
    expect(describeLoginError(new HttpErrorResponse({ status: 400, error: { error: 'invalid_grant', error_description: 'x' } }))).toBe(
      'Wrong username or password.',
    );
  });

  it('explains the rate limit with the wait', () => {
    const error = new HttpErrorResponse({ status: 429, headers: new HttpHeaders({ 'Retry-After': '600' }) });
    expect(describeLoginError(error)).toBe('Too many attempts. Try again in 10 minutes.');
  });
});
