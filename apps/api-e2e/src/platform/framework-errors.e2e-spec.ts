import { HttpClient, startTestApp, type TestApp } from '@taskflow/api-testing';
import { rawRequest, rawSocket } from '../hostile/raw-http';

/** Captures pino's lines (installed before the app is built, as in auth/logs.e2e-spec.ts). */
function captureStdout(): { lines: () => Record<string, unknown>[]; stop: () => void } {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write');
  spy.mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    (rest.find((arg) => typeof arg === 'function') as (() => void) | undefined)?.();
    return true;
  }) as typeof process.stdout.write);
  return {
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: () => spy.mockRestore(),
  };
}

describe('platform: every error, Fastify\'s own included, goes through the one filter', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let capture: ReturnType<typeof captureStdout>;

  beforeAll(async () => {
    capture = captureStdout();
    testApp = await startTestApp({ LOG_LEVEL: 'info' });
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(async () => {
    await testApp?.close();
    capture.stop();
  });

  const cases: [string, { method: string; path: string; headers?: Record<string, string>; body?: string }, number][] = [
    ['a malformed URL escape in the path', { method: 'GET', path: '/api/tasks/%E0%A4%A' }, 400],
    ['a lone % in the path', { method: 'GET', path: '/api/%' }, 400],
    ['an unknown route', { method: 'GET', path: '/api/nowhere/at/all' }, 404],
    ['an unrouted method', { method: 'PUT', path: '/api/users' }, 404],
    ['an unknown content type', { method: 'POST', path: '/api/users', headers: { 'content-type': 'text/plain' }, body: 'hello' }, 415],
    ['a malformed content type', { method: 'POST', path: '/api/users', headers: { 'content-type': '/;;;' }, body: '{}' }, 415],
    ['invalid JSON', { method: 'POST', path: '/api/users', headers: { 'content-type': 'application/json' }, body: '{"a":' }, 400],
    ['an empty JSON body', { method: 'POST', path: '/api/users', headers: { 'content-type': 'application/json', 'content-length': '0' } }, 400],
    ['a body over 1 MiB', { method: 'POST', path: '/api/users', headers: { 'content-type': 'application/json' }, body: `"${'x'.repeat(1024 * 1024 + 1)}"` }, 413],
    ['a gzip body', { method: 'POST', path: '/api/users', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: '{}' }, 415],
  ];

  it.each(cases)('answers %s with problem+json, the request id, the security headers and a log line', async (_name, request, status) => {
    const requestId = `fw-${status}-${Math.random().toString(36).slice(2)}`;
    const response = await rawRequest(testApp.baseUrl, { ...request, headers: { ...request.headers, 'x-request-id': requestId } });
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(response.text)).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    expect(response.text).not.toMatch(/FST_|statusCode|stack/);
    expect(response.headers['x-request-id']).toBe(requestId);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const logged = capture.lines().filter((line) => line['requestId'] === requestId);
    expect(logged).toEqual([expect.objectContaining({ res: { statusCode: status } })]);
  });

  it('answers a request that is not HTTP at all with a problem, a request id and the security headers', async () => {
    const answer = await rawSocket(testApp.baseUrl, 'NOT A REQUEST\r\n\r\n');
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(head.toLowerCase()).toMatch(/x-request-id: [0-9a-f-]{36}/);
    expect(head.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(JSON.parse(body)).toMatchObject({ status: 400 });
    const requestId = /x-request-id: ([0-9a-f-]{36})/i.exec(head)?.[1];
    expect(capture.lines().some((line) => line['requestId'] === requestId)).toBe(true);
  });

  it('answers headers over the size limit with a 431 problem', async () => {
    const answer = await rawSocket(testApp.baseUrl, `GET /api/health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer.toLowerCase()).toContain('application/problem+json');
  });

  it('still serves ordinary requests afterwards', async () => {
    expect((await http.get('/api/health/live')).status).toBe(200);
  });
});
