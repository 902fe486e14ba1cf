import { createUser, HttpClient, login, registerUser, startTestApp, uniqueUsername, type TestApp } from '@taskflow/api-testing';
import type { OAuthError, TokenResponse } from '@taskflow/shared-contracts';

const TTL_MINUTES = 7;

describe('auth: POST /api/token and /api/token/revoke', () => {
  let testApp: TestApp;
  let http: HttpClient;

  beforeAll(async () => {
    testApp = await startTestApp({ ACCESS_TOKEN_EXPIRE_MINUTES: String(TTL_MINUTES) });
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(() => testApp.close());

  const token = (fields: Record<string, string>) => http.post<TokenResponse & OAuthError>('/api/token', { form: fields });
  const me = (accessToken: string) => http.get('/api/users/me', { token: accessToken });

  function expectTokenPair(response: { status: number; headers: Headers; body: unknown }): TokenResponse {
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = response.body as TokenResponse;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(TTL_MINUTES * 60);
    expect(body.access_token.split('.')).toHaveLength(3);
    expect(typeof body.refresh_token).toBe('string');
    expect(body.refresh_token.length).toBeGreaterThanOrEqual(32);
    return body;
  }

  function expectOAuthError(response: { status: number; headers: Headers; body: unknown }, error: string): void {
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = response.body as OAuthError;
    expect(Object.keys(body).sort()).toEqual(['error', 'error_description']);
    expect(body.error).toBe(error);
    expect(typeof body.error_description).toBe('string');
    expect(body.error_description.length).toBeGreaterThan(0);
  }

  describe('password grant', () => {
    it('issues a bearer pair for a form request, with Cache-Control: no-store', async () => {
      const { username, password } = await registerUser(http);
      const pair = expectTokenPair(await token({ grant_type: 'password', username, password }));
      const response = await me(pair.access_token);
      expect(response.status).toBe(200);
      expect((response.body as { username: string }).username).toBe(username);
    });

    it('issues a pair for a JSON request too', async () => {
      const { username, password } = await registerUser(http);
      const response = await http.post('/api/token', { json: { grant_type: 'password', username, password } });
      expectTokenPair(response);
    });

    it('puts sub = user id and an exp of ACCESS_TOKEN_EXPIRE_MINUTES into an HS256 access token', async () => {
      const { user, username, password } = await registerUser(http);
      const before = Math.floor(Date.now() / 1000);
      const pair = expectTokenPair(await token({ grant_type: 'password', username, password }));
      const [header, payload] = pair.access_token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
      expect(header.alg).toBe('HS256');
      expect(payload.sub).toBe(user.id);
      expect(payload.exp - before).toBeGreaterThanOrEqual(TTL_MINUTES * 60 - 2);
      expect(payload.exp - before).toBeLessThanOrEqual(TTL_MINUTES * 60 + 2);
    });

    it('logs in with the username in any case', async () => {
      const { username, password } = await registerUser(http, { username: uniqueUsername('MiXeD') });
      expectTokenPair(await token({ grant_type: 'password', username: username.toUpperCase(), password }));
    });

    it('accepts and ignores the extra OAuth fields Swagger UI and other clients send', async () => {
      const { username, password } = await registerUser(http);
      expectTokenPair(await token({ grant_type: 'password', username, password, scope: '', client_id: 'swagger', client_secret: '' }));
      expectTokenPair(await token({ grant_type: 'password', username, password, scope: 'read write', client_id: 'web' }));
    });

    it('answers a wrong password and an unknown user identically with invalid_grant', async () => {
      const { username } = await registerUser(http);
      const wrong = await token({ grant_type: 'password', username, password: 'not the password at all' });
      const unknown = await token({ grant_type: 'password', username: uniqueUsername('ghost'), password: 'not the password at all' });
      expectOAuthError(wrong, 'invalid_grant');
      expectOAuthError(unknown, 'invalid_grant');
      expect(unknown.text).toBe(wrong.text);
      expect(unknown.headers.get('content-type')).toBe(wrong.headers.get('content-type'));
    });

    it('takes about as long for an unknown user as for a wrong password', async () => {
      const { username } = await registerUser(http);
      const timeOf = async (name: string) => {
        const started = process.hrtime.bigint();
        const response = await token({ grant_type: 'password', username: name, password: 'wrong password here' });
        expect(response.status).toBe(400);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const wrong: number[] = [];
      const unknown: number[] = [];
      // Interleaved, so a burst of load on this shared machine hits both sides alike.
      for (let i = 0; i < 7; i++) {
        wrong.push(await timeOf(username));
        unknown.push(await timeOf(uniqueUsername('ghost')));
      }
      const ratio = median(unknown) / median(wrong);
      // Without the decoy hash an unknown user answers in a few ms against ~30+ ms for argon2id.
      expect(ratio).toBeGreaterThan(1 / 3);
      expect(ratio).toBeLessThan(3);
    });

    it.each([
      ['no username', { grant_type: 'password', password: 'whatever password' }],
      ['no password', { grant_type: 'password', username: 'someone' }],
      ['an empty password', { grant_type: 'password', username: 'someone', password: '' }],
      ['no grant_type', { username: 'someone', password: 'whatever password' }],
      ['nothing at all', {}],
    ])('answers invalid_request for %s', async (_, fields) => {
      expectOAuthError(await token(fields as Record<string, string>), 'invalid_request');
    });

    it('answers invalid_request for an empty body and for a JSON array', async () => {
      expectOAuthError(await http.post('/api/token'), 'invalid_request');
      expectOAuthError(await http.post('/api/token', { json: [1, 2] }), 'invalid_request');
      expectOAuthError(await http.post('/api/token', { json: { grant_type: 'password', username: 'someone', password: 12345678 } }), 'invalid_request');
    });

    it('answers unsupported_grant_type for a grant it does not know', async () => {
      expectOAuthError(await token({ grant_type: 'client_credentials' }), 'unsupported_grant_type');
      expectOAuthError(await token({ grant_type: 'authorization_code', code: 'x' }), 'unsupported_grant_type');
    });

    it('refuses other body types with 415', async () => {
      const response = await http.post('/api/token', { body: 'grant_type=password', headers: { 'content-type': 'text/plain' } });
      expect(response.status).toBe(415);
    });
  });

  describe('refresh_token grant', () => {
    it('returns a new pair and spends the old refresh token', async () => {
      const user = await createUser(http);
      const next = expectTokenPair(await token({ grant_type: 'refresh_token', refresh_token: user.refreshToken }));
      expect(next.refresh_token).not.toBe(user.refreshToken);
      expect((await me(next.access_token)).status).toBe(200);
      // The new refresh token works once more (rotation is a chain, not a one-off).
      const third = expectTokenPair(await token({ grant_type: 'refresh_token', refresh_token: next.refresh_token }));
      expect((await me(third.access_token)).status).toBe(200);
    });

    it('accepts the refresh grant as JSON', async () => {
      const user = await createUser(http);
      expectTokenPair(await http.post('/api/token', { json: { grant_type: 'refresh_token', refresh_token: user.refreshToken } }));
    });

    it('treats a spent refresh token as theft: invalid_grant, and the whole family is revoked', async () => {
      const user = await createUser(http);
      const next = expectTokenPair(await token({ grant_type: 'refresh_token', refresh_token: user.refreshToken }));

      expectOAuthError(await token({ grant_type: 'refresh_token', refresh_token: user.refreshToken }), 'invalid_grant');

      // The successor issued to whoever refreshed first is dead too, and so are the family's access tokens.
      expectOAuthError(await token({ grant_type: 'refresh_token', refresh_token: next.refresh_token }), 'invalid_grant');
      expect((await me(next.access_token)).status).toBe(401);
      expect((await me(user.accessToken)).status).toBe(401);
    });

    it('leaves the user’s other sessions alone when one family is revoked', async () => {
      const user = await createUser(http);
      const other = await login(http, user.username, user.password);
      await token({ grant_type: 'refresh_token', refresh_token: user.refreshToken });
      await token({ grant_type: 'refresh_token', refresh_token: user.refreshToken });
      expect((await me(other.access_token)).status).toBe(200);
      expectTokenPair(await token({ grant_type: 'refresh_token', refresh_token: other.refresh_token }));
    });

    it('lets exactly one of two concurrent refreshes with the same token win', async () => {
      const user = await createUser(http);
      const results = await Promise.all([1, 2].map(() => token({ grant_type: 'refresh_token', refresh_token: user.refreshToken })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
    });

    it('answers invalid_grant for an unknown refresh token and invalid_request without one', async () => {
      expectOAuthError(await token({ grant_type: 'refresh_token', refresh_token: 'not-a-token-we-issued' }), 'invalid_grant');
      expectOAuthError(await token({ grant_type: 'refresh_token' }), 'invalid_request');
    });

    it('does not take an access token as a refresh token', async () => {
      const user = await createUser(http);
      expectOAuthError(await token({ grant_type: 'refresh_token', refresh_token: user.accessToken }), 'invalid_grant');
    });
  });

  describe('revocation (RFC 7009)', () => {
    const revoke = (fields: Record<string, string>) => http.post('/api/token/revoke', { form: fields });

    it('revokes by refresh token: 200, the refresh token is dead and the session’s access tokens get 401 at once', async () => {
      const user = await createUser(http);
      expect((await me(user.accessToken)).status).toBe(200);
      const response = await revoke({ token: user.refreshToken, token_type_hint: 'refresh_token' });
      expect(response.status).toBe(200);
      expectOAuthError(await token({ grant_type: 'refresh_token', refresh_token: user.refreshToken }), 'invalid_grant');
      expect((await me(user.accessToken)).status).toBe(401);
    });

    it('revokes by access token: 200, and the session ends', async () => {
      const user = await createUser(http);
      const response = await revoke({ token: user.accessToken });
      expect(response.status).toBe(200);
      expect((await me(user.accessToken)).status).toBe(401);
      expectOAuthError(await token({ grant_type: 'refresh_token', refresh_token: user.refreshToken }), 'invalid_grant');
    });

    it('accepts JSON as well as a form', async () => {
      const user = await createUser(http);
      expect((await http.post('/api/token/revoke', { json: { token: user.refreshToken } })).status).toBe(200);
      expect((await me(user.accessToken)).status).toBe(401);
    });

    it('answers 200 for garbage, an unknown token and a missing token, as RFC 7009 asks', async () => {
      expect((await revoke({ token: 'garbage' })).status).toBe(200);
      expect((await revoke({ token: 'a.b.c' })).status).toBe(200);
      expect((await revoke({ token: 'x'.repeat(5000) })).status).toBe(200);
      expect((await revoke({})).status).toBe(200);
    });

    it('keeps the user’s other sessions alive', async () => {
      const user = await createUser(http);
      const other = await login(http, user.username, user.password);
      await revoke({ token: user.refreshToken });
      expect((await me(other.access_token)).status).toBe(200);
    });
  });
});
