import { createUser, HttpClient, startTestApp, type TestApp, type TestUser } from '@taskflow/api-testing';
import { AccountEmails, EmailConfirmationTokens, type ConfirmationEmail } from '@taskflow/api-users';
import type { ProblemDetails, User } from '@taskflow/shared-contracts';

describe('users: GET /api/users/me and POST /api/users/me/confirm', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let sent: ConfirmationEmail[];

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(() => testApp.close());
  beforeEach(() => {
    sent = [];
    // Capture the link at the edge, where the mailer would take it.
    jest.spyOn(testApp.app.get(AccountEmails), 'sendConfirmation').mockImplementation(async (email) => {
      sent.push(email);
    });
  });
  afterEach(() => jest.restoreAllMocks());

  /** A fresh user, logged in, with the token from their confirmation link. */
  async function userWithLink(): Promise<TestUser & { confirmToken: string }> {
    const user = await createUser(http);
    const email = sent.find((e) => e.userId === user.user.id);
    expect(email).toBeDefined();
    const link = new URL(email!.link);
    expect(link.pathname).toBe('/confirm');
    return { ...user, confirmToken: link.searchParams.get('token')! };
  }

  const me = (token: string) => http.get<User>('/api/users/me', { token });
  const confirm = (token: string | undefined, json: unknown) => http.post<ProblemDetails>('/api/users/me/confirm', { token, json });

  function expect400(response: { status: number; headers: Headers; body: unknown }): void {
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, instance: '/api/users/me/confirm' });
  }

  it('GET /api/users/me answers 200 with the caller', async () => {
    const user = await createUser(http);
    const response = await me(user.accessToken);
    expect(response.status).toBe(200);
    // v2: and the default project made with the account.
    expect(response.body).toEqual({ ...user.user, defaultProjectId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(response.text).not.toMatch(/argon2|password/i);
  });

  it('confirms with the token from the link: 204, then emailVerified is true', async () => {
    const user = await userWithLink();
    expect((await me(user.accessToken)).body.emailVerified).toBe(false);
    const response = await confirm(user.accessToken, { token: user.confirmToken });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect((await me(user.accessToken)).body.emailVerified).toBe(true);
    // Confirming again is harmless.
    expect((await confirm(user.accessToken, { token: user.confirmToken })).status).toBe(204);
  });

  it('answers 400 for a bad token, and leaves the email unverified', async () => {
    const user = await userWithLink();
    for (const token of ['garbage', 'a.b.c', `${user.user.id}.9999999999.xyz`, '']) {
      expect400(await confirm(user.accessToken, { token }));
    }
    expect((await me(user.accessToken)).body.emailVerified).toBe(false);
  });

  it('answers 400 for a tampered token', async () => {
    const user = await userWithLink();
    const [id, expires, signature] = user.confirmToken.split('.');
    const flipped = (signature![0] === 'A' ? 'B' : 'A') + signature!.slice(1);
    expect400(await confirm(user.accessToken, { token: `${id}.${expires}.${flipped}` }));
    // A later expiry with the old signature is a forgery too.
    expect400(await confirm(user.accessToken, { token: `${id}.${Number(expires) + 1000}.${signature}` }));
    expect((await me(user.accessToken)).body.emailVerified).toBe(false);
  });

  it('answers 400 for an expired token', async () => {
    const user = await userWithLink();
    const fourDaysAgo = Date.now() - 4 * 24 * 60 * 60 * 1000;
    const expired = testApp.app.get(EmailConfirmationTokens).issue(user.user.id, fourDaysAgo);
    expect400(await confirm(user.accessToken, { token: expired }));
    expect((await me(user.accessToken)).body.emailVerified).toBe(false);
  });

  it('answers 400 for another user’s token, and confirms neither', async () => {
    const alice = await userWithLink();
    const bob = await userWithLink();
    expect400(await confirm(alice.accessToken, { token: bob.confirmToken }));
    expect((await me(alice.accessToken)).body.emailVerified).toBe(false);
    expect((await me(bob.accessToken)).body.emailVerified).toBe(false);
  });

  it('answers 400 for a missing token or an unknown property', async () => {
    const user = await userWithLink();
    expect400(await confirm(user.accessToken, {}));
    expect400(await confirm(user.accessToken, { token: user.confirmToken, emailVerified: true }));
    expect((await me(user.accessToken)).body.emailVerified).toBe(false);
  });

  it('answers 401 with WWW-Authenticate without a bearer token, even with a good confirmation token', async () => {
    const user = await userWithLink();
    const response = await confirm(undefined, { token: user.confirmToken });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect((await me(user.accessToken)).body.emailVerified).toBe(false);
  });
});
