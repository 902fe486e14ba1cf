import { createUser, HttpClient, startTestApp, type TestApp, type TestUser } from '@taskflow/api-testing';
import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { rawRequest } from './raw-http';

const SECRET = 'test-secret-key-that-is-long-enough-for-hs256-0123456789';

/** The same claims, signed with the app's key under another JWS header. */
function resign(token: string, header: Record<string, unknown>): string {
  const encoded = Buffer.from(JSON.stringify(header)).toString('base64url');
  const payload = token.split('.')[1];
  const signature = createHmac('sha256', SECRET).update(`${encoded}.${payload}`).digest('base64url');
  return `${encoded}.${payload}.${signature}`;
}

describe('hostile input: headers and encodings', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let user: TestUser;

  beforeAll(async () => {
    testApp = await startTestApp({ SECRET_KEY: SECRET });
    http = new HttpClient(testApp.baseUrl);
    user = await createUser(http);
  });
  afterAll(() => testApp.close());

  const task = JSON.stringify({ title: 'encoded' });

  it.each(['gzip', 'deflate', 'br', 'x-custom'])('refuses a body with Content-Encoding %s with a 415 problem', async (encoding) => {
    const body = encoding === 'gzip' ? gzipSync(task) : Buffer.from(task);
    const response = await rawRequest(testApp.baseUrl, {
      method: 'POST',
      path: '/api/tasks',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding, authorization: `Bearer ${user.accessToken}` },
      body,
    });
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(response.text)).toMatchObject({ status: 415, detail: expect.stringContaining('Content-Encoding') });
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('takes Content-Encoding identity and a UTF-8 charset, spelled any way', async () => {
    for (const type of ['application/json; charset=utf-8', 'application/json;charset="UTF-8"', 'application/json; charset=utf8']) {
      const response = await rawRequest(testApp.baseUrl, {
        method: 'POST',
        path: '/api/tasks',
        headers: { 'content-type': type, 'content-encoding': 'identity', authorization: `Bearer ${user.accessToken}` },
        body: task,
      });
      expect(response.status).toBe(201);
    }
  });

  it.each(['iso-8859-1', 'utf-16', 'us-ascii', 'windows-1252'])('refuses a JSON body declared as charset %s with 415', async (charset) => {
    const response = await rawRequest(testApp.baseUrl, {
      method: 'POST',
      path: '/api/tasks',
      headers: { 'content-type': `application/json; charset=${charset}`, authorization: `Bearer ${user.accessToken}` },
      body: task,
    });
    expect(response.status).toBe(415);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a form declared in another charset on the token endpoint', async () => {
    const response = await rawRequest(testApp.baseUrl, {
      method: 'POST',
      path: '/api/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=iso-8859-1' },
      body: `grant_type=password&username=${user.username}&password=x`,
    });
    expect(response.status).toBe(415);
  });

  it('accepts exactly "Bearer <token>", the scheme in any case', async () => {
    for (const authorization of [`Bearer ${user.accessToken}`, `bearer ${user.accessToken}`, `BEARER ${user.accessToken}`]) {
      expect((await http.get('/api/users/me', { headers: { authorization } })).status).toBe(200);
    }
  });

  it.each([
    ['two tokens', (token: string) => `Bearer ${token} ${token}`],
    ['a token and junk', (token: string) => `Bearer ${token} x`],
    ['two credentials', (token: string) => `Bearer ${token}, Bearer ${token}`],
    ['another scheme first', (token: string) => `Basic dXNlcjpwYXNz, Bearer ${token}`],
    ['no scheme', (token: string) => token],
    ['the scheme alone', () => 'Bearer'],
    ['a scheme glued to the token', (token: string) => `Bearer${token}`],
    ['a token with a comma', (token: string) => `Bearer ${token},`],
    ['Basic', () => 'Basic dXNlcjpwYXNz'],
  ])('answers 401 to an Authorization header with %s', async (_name, header) => {
    const response = await http.get('/api/users/me', { headers: { authorization: header(user.accessToken) } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a JWT whose header carries crit, though its signature is good', async () => {
    const plain = resign(user.accessToken, { alg: 'HS256', typ: 'JWT' });
    expect((await http.get('/api/users/me', { token: plain })).status).toBe(200);
    for (const crit of [['exp'], ['b64'], [], 'x']) {
      const critical = resign(user.accessToken, { alg: 'HS256', typ: 'JWT', crit, b64: true });
      const response = await http.get('/api/users/me', { token: critical });
      expect(response.status).toBe(401);
    }
  });

  it('refuses a JWT whose header is not a JSON object', async () => {
    const [, payload, signature] = user.accessToken.split('.');
    for (const header of ['bnVsbA', 'W10', 'e30x', '']) {
      expect((await http.get('/api/users/me', { token: `${header}.${payload}.${signature}` })).status).toBe(401);
    }
  });
});
