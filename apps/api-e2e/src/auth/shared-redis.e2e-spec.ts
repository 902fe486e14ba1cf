import { dropRedisKeys, HttpClient, registerUser, startTestApp, type TestApp } from '@taskflow/api-testing';
import { randomBytes } from 'node:crypto';

const redisUrl = process.env['REDIS_URL'];
// Only meaningful with a real Redis; without REDIS_URL each process counts for itself by design.
const describeWithRedis = redisUrl ? describe : describe.skip;

describeWithRedis('auth: two API instances share rate-limit counters through Redis', () => {
  const prefix = `taskflow-test:shared-${randomBytes(4).toString('hex')}:`;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_LOGIN_FAILURES: '2', RATE_LIMIT_REGISTRATIONS: '3', TRUSTED_PROXIES: '127.0.0.1' };
    first = await startTestApp(env);
    second = await startTestApp(env);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    if (redisUrl) await dropRedisKeys(redisUrl, prefix);
  });

  it('locks a username on instance B after the failures made on instance A', async () => {
    const a = new HttpClient(first.baseUrl);
    const b = new HttpClient(second.baseUrl);
    const { username, password } = await registerUser(a);
    const attempt = (http: HttpClient, guess: string) => http.post('/api/token', { form: { grant_type: 'password', username, password: guess } });

    expect((await attempt(a, 'wrong one')).status).toBe(400);
    expect((await attempt(a, 'wrong two')).status).toBe(400);
    const locked = await attempt(b, password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await attempt(a, password)).status).toBe(429);
  });

  it('counts registrations of one client across both instances', async () => {
    const headers = { 'x-forwarded-for': '192.0.2.77' };
    const register = (http: HttpClient) => {
      const username = `shared_${randomBytes(5).toString('hex')}`;
      return http.post('/api/users', { json: { username, email: `${username}@example.com`, password: 'correct horse battery staple' }, headers });
    };
    const a = new HttpClient(first.baseUrl);
    const b = new HttpClient(second.baseUrl);
    expect((await register(a)).status).toBe(201);
    expect((await register(b)).status).toBe(201);
    expect((await register(a)).status).toBe(201);
    expect((await register(b)).status).toBe(429);
  });
});
