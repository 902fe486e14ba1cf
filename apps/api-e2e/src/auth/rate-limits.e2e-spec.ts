import { HttpClient, registerUser, startTestApp, uniqueUsername, type TestApp } from '@taskflow/api-testing';
import type { OAuthError, ProblemDetails } from '@taskflow/shared-contracts';

const from = (address: string) => ({ 'x-forwarded-for': address });
let octet = 10;
/** A client address no other test in this file has used (TEST-NET-3). */
const newClient = () => `203.0.113.${octet++}`;

describe('auth: rate limits', () => {
  describe('failed logins per username', () => {
    let testApp: TestApp;
    let http: HttpClient;

    beforeAll(async () => {
      testApp = await startTestApp({ RATE_LIMIT_LOGIN_FAILURES: '3', RATE_LIMIT_WINDOW_SECONDS: '600', TRUSTED_PROXIES: '127.0.0.1' });
      http = new HttpClient(testApp.baseUrl);
    });
    afterAll(() => testApp.close());

    const attempt = (username: string, password: string, client = newClient()) =>
      http.post<OAuthError>('/api/token', { form: { grant_type: 'password', username, password }, headers: from(client) });

    it('locks a username after N failures: 429 with Retry-After even for the right password', async () => {
      const { username, password } = await registerUser(http);
      for (let i = 0; i < 3; i++) {
        // Each guess from another address: the lock follows the account, not the client.
        expect((await attempt(username, `wrong guess ${i}`)).status).toBe(400);
      }
      for (const guess of ['wrong guess 4', password]) {
        const locked = await attempt(username, guess);
        expect(locked.status).toBe(429);
        const retryAfter = Number(locked.headers.get('retry-after'));
        expect(Number.isInteger(retryAfter)).toBe(true);
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(600);
        expect(locked.headers.get('cache-control')).toBe('no-store');
        expect(typeof locked.body.error).toBe('string');
        expect(typeof locked.body.error_description).toBe('string');
      }
      // The lock ignores the case of the name.
      expect((await attempt(username.toUpperCase(), password)).status).toBe(429);
    });

    it('does not count successful logins as failures', async () => {
      const { username, password } = await registerUser(http);
      for (let i = 0; i < 5; i++) expect((await attempt(username, password)).status).toBe(200);
    });

    it('leaves other usernames alone', async () => {
      const victim = await registerUser(http);
      const bystander = await registerUser(http);
      for (let i = 0; i < 4; i++) await attempt(victim.username, 'wrong guess');
      expect((await attempt(victim.username, victim.password)).status).toBe(429);
      expect((await attempt(bystander.username, bystander.password)).status).toBe(200);
    });

    it('locks unknown usernames the same way, so the lock does not reveal who exists', async () => {
      const ghost = uniqueUsername('ghost');
      for (let i = 0; i < 3; i++) expect((await attempt(ghost, 'wrong guess')).status).toBe(400);
      expect((await attempt(ghost, 'wrong guess')).status).toBe(429);
    });

    it('allows no more than N guesses from a parallel burst', async () => {
      const { username, password } = await registerUser(http);
      const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(username, `parallel guess ${i}`)));
      const statuses = burst.map((r) => r.status);
      expect(statuses.filter((s) => s === 400)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(9);
      expect((await attempt(username, password)).status).toBe(429);
    });
  });

  describe('token requests per client address, behind a trusted proxy', () => {
    let testApp: TestApp;
    let http: HttpClient;

    beforeAll(async () => {
      testApp = await startTestApp({ RATE_LIMIT_TOKEN_REQUESTS: '4', TRUSTED_PROXIES: '127.0.0.1' });
      http = new HttpClient(testApp.baseUrl);
    });
    afterAll(() => testApp.close());

    const tokenRequest = (client: string) =>
      http.post<OAuthError>('/api/token', { form: { grant_type: 'password', username: uniqueUsername('x'), password: 'whatever it is' }, headers: from(client) });

    it('answers 429 with Retry-After once a client has made N token requests', async () => {
      const client = newClient();
      for (let i = 0; i < 4; i++) expect((await tokenRequest(client)).status).toBe(400);
      const limited = await tokenRequest(client);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.headers.get('content-type')).toContain('application/json');
      expect(typeof limited.body.error).toBe('string');
      // Revocation counts against the same budget.
      expect((await http.post('/api/token/revoke', { form: { token: 'x' }, headers: from(client) })).status).toBe(429);
    });

    it('takes the client from X-Forwarded-For when a trusted proxy sends it', async () => {
      const limited = newClient();
      for (let i = 0; i < 5; i++) await tokenRequest(limited);
      expect((await tokenRequest(limited)).status).toBe(429);
      expect((await tokenRequest(newClient())).status).toBe(400);
      // The rightmost untrusted hop is the client: a prefix the client made up changes nothing.
      expect((await tokenRequest(`198.51.100.1, ${limited}`)).status).toBe(429);
    });
  });

  describe('registrations per client address, behind a trusted proxy', () => {
    let testApp: TestApp;
    let http: HttpClient;

    beforeAll(async () => {
      testApp = await startTestApp({ RATE_LIMIT_REGISTRATIONS: '2', TRUSTED_PROXIES: '127.0.0.1' });
      http = new HttpClient(testApp.baseUrl);
    });
    afterAll(() => testApp.close());

    const register = (client: string) => {
      const username = uniqueUsername();
      return http.post<ProblemDetails>('/api/users', {
        json: { username, email: `${username}@example.com`, password: 'correct horse battery staple' },
        headers: from(client),
      });
    };

    it('answers 429 problem+json with Retry-After after N registrations from one client', async () => {
      const client = newClient();
      expect((await register(client)).status).toBe(201);
      expect((await register(client)).status).toBe(201);
      const limited = await register(client);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.headers.get('content-type')).toContain('application/problem+json');
      expect(limited.body).toMatchObject({ status: 429, title: 'Too Many Requests', instance: '/api/users' });
      expect((await register(newClient())).status).toBe(201);
    });
  });

  describe('a forged X-Forwarded-For from an untrusted socket', () => {
    let testApp: TestApp;
    let http: HttpClient;

    beforeAll(async () => {
      // No TRUSTED_PROXIES: the loopback socket is the client, whatever the header says.
      testApp = await startTestApp({ RATE_LIMIT_TOKEN_REQUESTS: '3', RATE_LIMIT_REGISTRATIONS: '2', TRUSTED_PROXIES: '' });
      http = new HttpClient(testApp.baseUrl);
    });
    afterAll(() => testApp.close());

    it('never resets the token limit', async () => {
      const request = (headers: Record<string, string>) =>
        http.post('/api/token', { form: { grant_type: 'password', username: uniqueUsername('x'), password: 'whatever it is' }, headers });
      for (let i = 0; i < 3; i++) expect((await request(from(newClient()))).status).toBe(400);
      expect((await request({})).status).toBe(429);
      for (let i = 0; i < 3; i++) expect((await request(from(newClient()))).status).toBe(429);
    });

    it('never resets the registration limit', async () => {
      const register = (headers: Record<string, string>) => {
        const username = uniqueUsername();
        return http.post('/api/users', { json: { username, email: `${username}@example.com`, password: 'correct horse battery staple' }, headers });
      };
      expect((await register(from(newClient()))).status).toBe(201);
      expect((await register(from(newClient()))).status).toBe(201);
      expect((await register(from(newClient()))).status).toBe(429);
      expect((await register({})).status).toBe(429);
    });
  });
});
