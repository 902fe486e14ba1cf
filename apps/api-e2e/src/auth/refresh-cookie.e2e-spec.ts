import { HttpClient, registerUser, startTestApp, type TestApp } from '@taskflow/api-testing';
import type { OAuthError, TokenResponse } from '@taskflow/shared-contracts';

const COOKIE_MODE = { 'x-refresh-cookie': '1' };

describe('auth: cookie mode (X-Refresh-Cookie: 1)', () => {
  let testApp: TestApp;
  let http: HttpClient;

  beforeAll(async () => {
    testApp = await startTestApp({ REFRESH_TOKEN_EXPIRE_DAYS: '3' });
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(() => testApp.close());

  const me = (accessToken: string) => http.get('/api/users/me', { token: accessToken });

  /** The tf_refresh Set-Cookie line and its attributes. */
  function refreshCookie(headers: Headers): { value: string; attributes: string[]; line: string } {
    const lines = headers.getSetCookie().filter((line) => line.startsWith('tf_refresh='));
    expect(lines).toHaveLength(1);
    const [pair, ...attributes] = lines[0]!.split(';').map((part) => part.trim());
    return { value: pair!.slice('tf_refresh='.length), attributes: attributes.map((a) => a.toLowerCase()), line: lines[0]! };
  }

  async function cookieLogin() {
    const { username, password } = await registerUser(http);
    const response = await http.post<TokenResponse>('/api/token', { form: { grant_type: 'password', username, password }, headers: COOKIE_MODE });
    expect(response.status).toBe(200);
    return { response, cookie: refreshCookie(response.headers), username, password };
  }

  const refreshWithCookie = (cookie: string, headers: Record<string, string> = COOKIE_MODE) =>
    http.post<TokenResponse & OAuthError>('/api/token', { form: { grant_type: 'refresh_token' }, headers: { ...headers, cookie: `other=1; tf_refresh=${cookie}` } });

  it('sets the refresh token as an HttpOnly, SameSite=Strict cookie on /api/token and leaves it out of the body', async () => {
    const { response, cookie } = await cookieLogin();
    expect(Object.keys(response.body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(cookie.value.length).toBeGreaterThanOrEqual(32);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/api/token', `max-age=${3 * 24 * 60 * 60}`]));
    // Plain http on a loopback address: not Secure, or a browser in development would drop it.
    expect(cookie.attributes).not.toContain('secure');
    expect((await me(response.body.access_token)).status).toBe(200);
  });

  it('refreshes from the cookie and rotates it; the old cookie value is then spent', async () => {
    const { cookie } = await cookieLogin();
    const refreshed = await refreshWithCookie(cookie.value);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBeUndefined();
    const next = refreshCookie(refreshed.headers);
    expect(next.value).not.toBe(cookie.value);
    expect((await me(refreshed.body.access_token)).status).toBe(200);
    // Presenting the spent one again is reuse: invalid_grant and the session ends.
    expect((await refreshWithCookie(cookie.value)).body.error).toBe('invalid_grant');
    expect((await me(refreshed.body.access_token)).status).toBe(401);
  });

  it('refuses a refresh without the header even when the cookie is there', async () => {
    const { cookie } = await cookieLogin();
    const refused = await refreshWithCookie(cookie.value, {});
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_request');
    expect(refused.headers.getSetCookie()).toEqual([]);
    // The cookie was not spent by the refused request.
    expect((await refreshWithCookie(cookie.value)).status).toBe(200);
  });

  it('answers invalid_request in cookie mode when there is no cookie and no refresh_token', async () => {
    const response = await http.post<OAuthError>('/api/token', { form: { grant_type: 'refresh_token' }, headers: COOKIE_MODE });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_request');
  });

  it('revokes the cookie’s session and clears the cookie', async () => {
    const { response, cookie } = await cookieLogin();
    const revoked = await http.post('/api/token/revoke', { form: {}, headers: { ...COOKIE_MODE, cookie: `tf_refresh=${cookie.value}` } });
    expect(revoked.status).toBe(200);
    const cleared = refreshCookie(revoked.headers);
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toEqual(expect.arrayContaining(['max-age=0', 'path=/api/token', 'httponly', 'samesite=strict']));
    expect((await me(response.body.access_token)).status).toBe(401);
    expect((await refreshWithCookie(cookie.value)).body.error).toBe('invalid_grant');
  });

  it('changes nothing without the header: the pair in the body, no cookie; revoke leaves the cookie’s session alone', async () => {
    const { username, password } = await registerUser(http);
    const plain = await http.post<TokenResponse>('/api/token', { form: { grant_type: 'password', username, password } });
    expect(typeof plain.body.refresh_token).toBe('string');
    expect(plain.headers.getSetCookie()).toEqual([]);

    const { response, cookie } = await cookieLogin();
    const revoked = await http.post('/api/token/revoke', { form: {}, headers: { cookie: `tf_refresh=${cookie.value}` } });
    expect(revoked.status).toBe(200);
    expect(revoked.headers.getSetCookie()).toEqual([]);
    expect((await me(response.body.access_token)).status).toBe(200);
  });

  it('prefers an explicit refresh_token over the cookie', async () => {
    const { username, password } = await registerUser(http);
    const pair = (await http.post<TokenResponse>('/api/token', { form: { grant_type: 'password', username, password } })).body;
    const response = await http.post<TokenResponse>('/api/token', {
      form: { grant_type: 'refresh_token', refresh_token: pair.refresh_token },
      headers: { ...COOKIE_MODE, cookie: 'tf_refresh=not-a-token' },
    });
    expect(response.status).toBe(200);
    expect(refreshCookie(response.headers).value).not.toBe('not-a-token');
  });
});
