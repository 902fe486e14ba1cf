import { createUser, HttpClient, openEventStream, startTestApp, type TestApp, type TestUser } from '@taskflow/api-testing';

/** Port 1 on loopback: nothing listens there, so every connection attempt is refused at once. */
const CLOSED_PORT_URL = 'redis://127.0.0.1:1';

/**
 * With REDIS_URL set, the replay log is a Redis Stream shared by the replicas. While Redis is
 * unreachable no stream can promise to carry every change, so none opens: a 503 the client's
 * reconnect honours, and the rest of the API goes on (rate limits and cache fall back in process).
 */
describe('live updates: Redis unreachable', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let user: TestUser;

  beforeAll(async () => {
    testApp = await startTestApp({ REDIS_URL: CLOSED_PORT_URL });
    http = new HttpClient(testApp.baseUrl);
    user = await createUser(http);
  });
  afterAll(() => testApp?.close());

  it('answers 503 problem+json with Retry-After instead of a stream, and tasks still work', async () => {
    const stream = await openEventStream(testApp.baseUrl, user.accessToken);
    expect(stream.status).toBe(503);
    expect(stream.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(stream.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.parse(stream.text ?? '{}')).toMatchObject({ status: 503 });
    expect((await http.post('/api/tasks', { token: user.accessToken, json: { title: 'without Redis' } })).status).toBe(201);
  });
});
