import { HttpClient, startTestApp, uniqueUsername, type TestApp } from '@taskflow/api-testing';
import type { TokenResponse } from '@taskflow/shared-contracts';

/**
 * Captures what the app writes to stdout. Installed before the app is built: pino then sees a
 * wrapped process.stdout.write and logs through it instead of opening file descriptor 1 itself.
 */
function captureStdout(): { text: () => string; stop: () => void } {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write');
  spy.mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    // Still swallowed here, not echoed: jest's output stays readable.
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write);
  return { text: () => chunks.join(''), stop: () => spy.mockRestore() };
}

describe('auth: logs never carry credentials', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let capture: ReturnType<typeof captureStdout>;

  beforeAll(async () => {
    capture = captureStdout();
    testApp = await startTestApp({ LOG_LEVEL: 'trace' });
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(async () => {
    await testApp?.close();
    capture.stop();
  });

  it('logs requests with their id but without Authorization, passwords or tokens', async () => {
    const username = uniqueUsername('logged');
    const password = 'very secret password 42';
    const requestId = `log-test-${Date.now()}`;
    const headers = { 'x-request-id': requestId };

    expect((await http.post('/api/users', { json: { username, email: `${username}@example.com`, password }, headers })).status).toBe(201);
    const login = await http.post<TokenResponse>('/api/token', { form: { grant_type: 'password', username, password }, headers });
    expect(login.status).toBe(200);
    const failed = await http.post('/api/token', { json: { grant_type: 'password', username, password: `${password}-wrong` }, headers });
    expect(failed.status).toBe(400);
    expect((await http.get('/api/users/me', { token: login.body.access_token, headers })).status).toBe(200);
    const refreshed = await http.post<TokenResponse>('/api/token', { form: { grant_type: 'refresh_token', refresh_token: login.body.refresh_token }, headers });
    expect(refreshed.status).toBe(200);
    // A reused refresh token and a query string with secrets in it go through the error paths too.
    expect((await http.post('/api/token', { form: { grant_type: 'refresh_token', refresh_token: login.body.refresh_token }, headers })).status).toBe(400);
    expect((await http.get(`/api/users/me?access_token=${refreshed.body.access_token}&password=${encodeURIComponent(password)}`, { headers })).status).toBe(401);
    expect((await http.post('/api/token/revoke', { form: { token: refreshed.body.refresh_token }, headers })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const log = capture.text();
    const lines = log.split('\n').filter((line) => line.startsWith('{'));
    expect(lines.length).toBeGreaterThan(5);
    // Every request of this test is in the log under its id.
    const ours = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => JSON.stringify(entry).includes(requestId));
    expect(ours.length).toBeGreaterThanOrEqual(8);

    const secrets = [
      password,
      encodeURIComponent(password),
      login.body.access_token,
      login.body.access_token.split('.')[2]!,
      login.body.refresh_token,
      refreshed.body.access_token,
      refreshed.body.refresh_token,
    ];
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/authorization"\s*:\s*"Bearer/i);
    expect(log).not.toMatch(/\$argon2id\$/);
  });
});
