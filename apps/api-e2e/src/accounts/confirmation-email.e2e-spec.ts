import { createUser, HttpClient, startTestApp, type TestApp } from '@taskflow/api-testing';
import type { ProblemDetails } from '@taskflow/shared-contracts';
import type { OutgoingEmail } from '@taskflow/api-mail';
import { captureEmails, emailTo, linkToken } from './account-helpers';

describe('accounts: POST /api/users/me/confirmation-email', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let sent: OutgoingEmail[];

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(() => testApp.close());
  beforeEach(() => {
    sent = captureEmails(testApp);
  });
  afterEach(() => jest.restoreAllMocks());

  const resend = (token?: string) => http.post<ProblemDetails>('/api/users/me/confirmation-email', { token });

  it('answers 202 and queues a new confirmation email whose link confirms the address', async () => {
    const user = await createUser(http);
    const email = user.user.email;
    const before = sent.filter((e) => e.to === email).length;
    const response = await resend(user.accessToken);
    expect(response.status).toBe(202);
    expect(sent.filter((e) => e.to === email && e.kind === 'account-confirmation')).toHaveLength(before + 1);
    const token = linkToken(sent[sent.length - 1]!, '/confirm');
    expect((await http.post('/api/users/me/confirm', { token: user.accessToken, json: { token } })).status).toBe(204);
    expect((await http.get<{ emailVerified: boolean }>('/api/users/me', { token: user.accessToken })).body.emailVerified).toBe(true);
  });

  it('answers 409 once the address is confirmed', async () => {
    const user = await createUser(http);
    const token = linkToken(await emailTo(sent, user.user.email, 'account-confirmation'), '/confirm');
    await http.post('/api/users/me/confirm', { token: user.accessToken, json: { token } });
    const response = await resend(user.accessToken);
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 409, instance: '/api/users/me/confirmation-email' });
  });

  it('answers 429 with Retry-After above 3 requests an hour, per user', async () => {
    const user = await createUser(http);
    for (let i = 0; i < 3; i++) expect((await resend(user.accessToken)).status).toBe(202);
    const refused = await resend(user.accessToken);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // Another user is not held back by the first one's count.
    expect((await resend((await createUser(http)).accessToken)).status).toBe(202);
  });

  it('answers 401 without a bearer token', async () => {
    expect((await resend()).status).toBe(401);
  });
});
