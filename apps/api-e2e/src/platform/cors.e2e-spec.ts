import { createUser, HttpClient, openEventStream, startTestApp, type TestApp } from '@taskflow/api-testing';

const ORIGIN = 'http://app.example.test';

describe('platform: CORS for the origins in CORS_ORIGINS', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ CORS_ORIGINS: ORIGIN });
  });
  afterAll(() => testApp.close());

  const preflight = (origin: string, headers: string) =>
    fetch(`${testApp.baseUrl}/api/token`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
    });

  it('lets a listed origin use cookie mode: the header is allowed and credentials are accepted', async () => {
    const response = await preflight(ORIGIN, 'x-refresh-cookie,content-type');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-refresh-cookie');
  });

  it('lets a listed origin open the live stream with Last-Event-ID, and the stream carries its CORS headers', async () => {
    const response = await fetch(`${testApp.baseUrl}/api/events`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,last-event-id' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('last-event-id');
    const user = await createUser(new HttpClient(testApp.baseUrl));
    const stream = await openEventStream(testApp.baseUrl, user.accessToken, { headers: { origin: ORIGIN } });
    expect(stream.status).toBe(200);
    // The stream is written past Fastify (hijacked): the CORS headers its hooks set must still go out.
    expect(stream.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    stream.close();
    await stream.ended;
  });

  it('gives an origin that is not listed no CORS permission', async () => {
    const response = await preflight('http://evil.example.test', 'x-refresh-cookie');
    // Without Access-Control-Allow-Origin the browser grants nothing, whatever else is sent.
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
