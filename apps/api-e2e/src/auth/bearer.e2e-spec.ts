import { createUser, HttpClient, startTestApp, type TestApp, type TestUser } from '@taskflow/api-testing';
import type { ProblemDetails, User } from '@taskflow/shared-contracts';
import * as jwt from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import { DataSource } from 'typeorm';

/** The SECRET_KEY startTestApp gives the API. */
const SECRET = 'test-secret-key-that-is-long-enough-for-hs256-0123456789';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('auth: bearer tokens on GET /api/users/me', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let alice: TestUser;
  let claims: { sub: string; sid: string; iat: number; exp: number };

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
    alice = await createUser(http);
    claims = jwt.decode(alice.accessToken) as typeof claims;
  });
  afterAll(() => testApp.close());

  const me = (headers: Record<string, string>) => http.get<User & ProblemDetails>('/api/users/me', { headers });

  async function expect401(headers: Record<string, string>): Promise<void> {
    const response = await me(headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized', instance: '/api/users/me' });
    expect(typeof response.body.detail).toBe('string');
    expect(response.text).not.toMatch(/JsonWebTokenError|TokenExpiredError|at .*\.js|stack/i);
  }

  it('answers 200 with the user for a good token', async () => {
    const response = await http.get<User>('/api/users/me', { token: alice.accessToken });
    expect(response.status).toBe(200);
    // v2: /me adds the default project.
    expect(response.body).toEqual({ ...alice.user, defaultProjectId: expect.any(String) });
    expect(Object.keys(response.body).sort()).toEqual(['createdAt', 'defaultProjectId', 'email', 'emailVerified', 'id', 'username']);
  });

  it('accepts the scheme name in any case', async () => {
    expect((await me({ authorization: `bearer ${alice.accessToken}` })).status).toBe(200);
  });

  it('answers 401 without a token', () => expect401({}));

  it.each([
    ['an empty Bearer', 'Bearer '],
    ['garbage', 'Bearer not-a-jwt'],
    ['three garbage parts', 'Bearer a.b.c'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('answers 401 for a malformed header: %s', (_, value) => expect401({ authorization: value }));

  it('answers 401 for the raw token without the Bearer scheme', () => expect401({ authorization: alice.accessToken }));

  it('answers 401 for a tampered payload (someone else’s sub, the old signature)', async () => {
    const bob = await createUser(http);
    const bobClaims = jwt.decode(bob.accessToken) as typeof claims;
    const [header, , signature] = alice.accessToken.split('.');
    await expect401({ authorization: `Bearer ${header}.${b64({ ...claims, sub: bobClaims.sub, sid: bobClaims.sid })}.${signature}` });
  });

  it('answers 401 for a tampered signature', async () => {
    const [header, payload, signature] = alice.accessToken.split('.');
    const flipped = (signature![0] === 'A' ? 'B' : 'A') + signature!.slice(1);
    await expect401({ authorization: `Bearer ${header}.${payload}.${flipped}` });
  });

  it('answers 401 for a token signed with another key', () =>
    expect401({ authorization: `Bearer ${jwt.sign({ sub: claims.sub, sid: claims.sid }, 'another-secret-key-that-is-also-long-enough-0123', { algorithm: 'HS256' })}` }));

  it('answers 401 for an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = jwt.sign({ sub: claims.sub, sid: claims.sid, iat: now - 3600, exp: now - 60 }, SECRET, { algorithm: 'HS256' });
    await expect401({ authorization: `Bearer ${expired}` });
  });

  it('answers 401 once a token it has already accepted expires', async () => {
    // Accepted tokens are remembered, so the second use is served from memory: it must still expire.
    const now = Math.floor(Date.now() / 1000);
    const shortLived = jwt.sign({ sub: claims.sub, sid: claims.sid, iat: now, exp: now + 2 }, SECRET, { algorithm: 'HS256' });
    expect((await me({ authorization: `Bearer ${shortLived}` })).status).toBe(200);
    expect((await me({ authorization: `Bearer ${shortLived}` })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, (now + 2) * 1000 - Date.now() + 50));
    await expect401({ authorization: `Bearer ${shortLived}` });
  });

  it('answers 200 for a token we sign the same way, so the 401s above are about the one thing changed', async () => {
    const good = jwt.sign({ sub: claims.sub, sid: claims.sid }, SECRET, { algorithm: 'HS256', expiresIn: 60 });
    expect((await me({ authorization: `Bearer ${good}` })).status).toBe(200);
  });

  it('answers 401 for alg: none, with or without a trailing dot', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: claims.sub, sid: claims.sid, exp: claims.exp })}`;
    await expect401({ authorization: `Bearer ${unsigned}.` });
    await expect401({ authorization: `Bearer ${unsigned}` });
  });

  it('answers 401 for an HS512 token signed with the right secret', () =>
    expect401({ authorization: `Bearer ${jwt.sign({ sub: claims.sub, sid: claims.sid }, SECRET, { algorithm: 'HS512', expiresIn: 60 })}` }));

  it('answers 401 for an HS384 token signed with the right secret', () =>
    expect401({ authorization: `Bearer ${jwt.sign({ sub: claims.sub, sid: claims.sid }, SECRET, { algorithm: 'HS384', expiresIn: 60 })}` }));

  it('answers 401 for an RS256 token', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await expect401({ authorization: `Bearer ${jwt.sign({ sub: claims.sub, sid: claims.sid }, privateKey, { algorithm: 'RS256', expiresIn: 60 })}` });
  });

  it('answers 401 for a well-signed token without a session id or with ids that are not UUIDs', async () => {
    await expect401({ authorization: `Bearer ${jwt.sign({ sub: claims.sub }, SECRET, { algorithm: 'HS256', expiresIn: 60 })}` });
    await expect401({ authorization: `Bearer ${jwt.sign({ sub: 'admin', sid: 'x' }, SECRET, { algorithm: 'HS256', expiresIn: 60 })}` });
    await expect401({ authorization: `Bearer ${jwt.sign({ sub: claims.sub, sid: '00000000-0000-4000-8000-000000000000' }, SECRET, { algorithm: 'HS256', expiresIn: 60 })}` });
  });

  it('answers 401 for a token whose user no longer exists', async () => {
    const doomed = await createUser(http);
    expect((await http.get('/api/users/me', { token: doomed.accessToken })).status).toBe(200);
    await testApp.app.get(DataSource).query('DELETE FROM users WHERE id = $1', [doomed.user.id]);
    await expect401({ authorization: `Bearer ${doomed.accessToken}` });
  });

  it('keeps the token endpoint and registration public', async () => {
    expect((await http.post('/api/token', { form: { grant_type: 'password', username: alice.username, password: alice.password } })).status).toBe(200);
  });
});
