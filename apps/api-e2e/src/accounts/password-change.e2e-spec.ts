import { createUser, HttpClient, login, startTestApp, type TestApp } from '@taskflow/api-testing';
import type { ProblemDetails } from '@taskflow/shared-contracts';

const NEW_PASSWORD = 'a brand new passphrase';

describe('accounts: PATCH /api/users/me/password', () => {
  let testApp: TestApp;
  let http: HttpClient;

  beforeAll(async () => {
    testApp = await startTestApp({ RATE_LIMIT_LOGIN_FAILURES: '3' });
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(() => testApp.close());

  const change = (token: string, json: unknown) => http.patch<ProblemDetails>('/api/users/me/password', { token, json });
  const me = (token: string) => http.get('/api/users/me', { token });

  it('answers 204, keeps this session and revokes every other one at once', async () => {
    const user = await createUser(http);
    const other = await login(http, user.username, user.password);
    const response = await change(user.accessToken, { currentPassword: user.password, newPassword: NEW_PASSWORD });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect((await me(user.accessToken)).status).toBe(200);
    expect((await me(other.access_token)).status).toBe(401);
    expect((await http.post('/api/token', { form: { grant_type: 'refresh_token', refresh_token: other.refresh_token } })).status).toBe(400);
    // This session's refresh token still works, and only the new password logs in.
    expect((await http.post('/api/token', { form: { grant_type: 'refresh_token', refresh_token: user.refreshToken } })).status).toBe(200);
    await expect(login(http, user.username, user.password)).rejects.toThrow(/400/);
    await login(http, user.username, NEW_PASSWORD);
  });

  it('answers 400 with a field error on currentPassword when it is wrong, and keeps the old password', async () => {
    const user = await createUser(http);
    const response = await change(user.accessToken, { currentPassword: 'not the password', newPassword: NEW_PASSWORD });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    await login(http, user.username, user.password);
  });

  it('counts a wrong currentPassword toward the failed-login limit', async () => {
    const user = await createUser(http);
    for (let i = 0; i < 3; i++) expect((await change(user.accessToken, { currentPassword: `wrong ${i}`, newPassword: NEW_PASSWORD })).status).toBe(400);
    // The account is now locked: logins and further changes alike, the right password too.
    const locked = await http.post('/api/token', { form: { grant_type: 'password', username: user.username, password: user.password } });
    expect(locked.status).toBe(429);
    const again = await change(user.accessToken, { currentPassword: user.password, newPassword: NEW_PASSWORD });
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it.each([
    ['a short new password', { currentPassword: 'whatever it is', newPassword: 'short' }, 'newPassword'],
    ['no current password', { newPassword: NEW_PASSWORD }, 'currentPassword'],
    ['an unknown property', { currentPassword: 'x', newPassword: NEW_PASSWORD, username: 'root' }, 'username'],
  ])('answers 400 for %s', async (_, json, field) => {
    const user = await createUser(http);
    const response = await change(user.accessToken, json);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('answers 401 without a bearer token', async () => {
    expect((await http.patch('/api/users/me/password', { json: { currentPassword: 'a', newPassword: NEW_PASSWORD } })).status).toBe(401);
  });
});
