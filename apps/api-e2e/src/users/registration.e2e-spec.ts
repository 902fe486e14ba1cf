import { HttpClient, registerUser, startTestApp, uniqueUsername, type TestApp } from '@taskflow/api-testing';
import { AccountEmails } from '@taskflow/api-users';
import type { FieldError, ProblemDetails, User } from '@taskflow/shared-contracts';

const PASSWORD = 'correct horse battery staple';

describe('users: POST /api/users', () => {
  let testApp: TestApp;
  let http: HttpClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(() => testApp.close());
  afterEach(() => jest.restoreAllMocks());

  const register = (json: unknown) => http.post<User & ProblemDetails>('/api/users', { json });
  const fresh = () => {
    const username = uniqueUsername();
    return { username, email: `${username}@example.com`, password: PASSWORD };
  };

  function expectValidationProblem(response: { status: number; headers: Headers; body: unknown }, fields: string[]): FieldError[] {
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = response.body as ProblemDetails;
    expect(body).toMatchObject({ status: 400, title: 'Bad Request', instance: '/api/users' });
    expect(typeof body.type).toBe('string');
    expect(typeof body.detail).toBe('string');
    const errors = body.errors ?? [];
    expect([...new Set(errors.map((e) => e.field))].sort()).toEqual([...fields].sort());
    for (const error of errors) expect(error.message.length).toBeGreaterThan(0);
    return errors;
  }

  it('answers 201 with the user and a Location, and never the password or its hash', async () => {
    const input = fresh();
    const response = await register(input);
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('location')).toBe(`/api/users/${response.body.id}`);
    expect(Object.keys(response.body).sort()).toEqual(['createdAt', 'email', 'emailVerified', 'id', 'username']);
    expect(response.body).toMatchObject({ username: input.username, email: input.email, emailVerified: false });
    expect(response.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Date(response.body.createdAt).toISOString()).toBe(response.body.createdAt);
    expect(Math.abs(Date.parse(response.body.createdAt) - Date.now())).toBeLessThan(60_000);
    expect(response.text).not.toContain(PASSWORD);
    expect(response.text).not.toMatch(/argon2|password/i);
  });

  it('accepts the edges of every rule', async () => {
    const shortest = `a${uniqueUsername('').slice(-2)}`;
    expect((await register({ username: shortest, email: `${uniqueUsername()}@example.com`, password: 'x'.repeat(8) })).status).toBe(201);
    const longest = uniqueUsername('U.-').padEnd(32, '_');
    expect((await register({ username: longest, email: `${uniqueUsername()}@example.com`, password: 'p'.repeat(128) })).status).toBe(201);
    // "any characters": spaces, quotes, non-Latin letters and emoji all make a password.
    expect((await register({ ...fresh(), password: ' pässwörd "with" 🔑 ' })).status).toBe(201);
  });

  it('counts password length in characters, not UTF-16 code units', async () => {
    // Five emoji are five characters (ten code units): too short.
    expectValidationProblem(await register({ ...fresh(), password: '🔑🔑🔑🔑🔑' }), ['password']);
    // 128 emoji are 128 characters: allowed.
    expect((await register({ ...fresh(), password: '🔑'.repeat(128) })).status).toBe(201);
  });

  it.each([
    ['username too short', { username: 'ab' }, 'username'],
    ['username too long', { username: 'a'.repeat(33) }, 'username'],
    ['username with a space', { username: 'ada lovelace' }, 'username'],
    ['username with @', { username: 'ada@home' }, 'username'],
    ['username with a non-ASCII letter', { username: 'adä_l' }, 'username'],
    ['username not a string', { username: 12345 }, 'username'],
    ['missing username', { username: undefined }, 'username'],
    ['bad email', { email: 'not-an-email' }, 'email'],
    ['email without domain', { email: 'ada@' }, 'email'],
    ['missing email', { email: undefined }, 'email'],
    ['password of 7', { password: 'x'.repeat(7) }, 'password'],
    ['password of 129', { password: 'x'.repeat(129) }, 'password'],
    ['password not a string', { password: 12345678 }, 'password'],
    ['missing password', { password: undefined }, 'password'],
  ])('answers 400 naming the field for %s', async (_, override, field) => {
    expectValidationProblem(await register({ ...fresh(), ...override }), [field]);
  });

  it('lists every failed field at once', async () => {
    expectValidationProblem(await register({ username: 'x', email: 'nope', password: 'short' }), ['username', 'email', 'password']);
  });

  it.each(['id', 'emailVerified', 'createdAt', 'isAdmin', 'passwordHash'])('refuses the unknown property %s with 400', async (property) => {
    expectValidationProblem(await register({ ...fresh(), [property]: property === 'emailVerified' ? true : 'x' }), [property]);
  });

  it('refuses a JSON body that is not an object', async () => {
    const response = await register([fresh()]);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 409 when the username is taken, in any case', async () => {
    const { username } = await registerUser(http, { username: uniqueUsername('Taken') });
    for (const variant of [username, username.toLowerCase(), username.toUpperCase()]) {
      const response = await register({ ...fresh(), username: variant });
      expect(response.status).toBe(409);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 409, title: 'Conflict', instance: '/api/users' });
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'username' })]);
    }
  });

  it('answers 409 when the email is taken, in any case', async () => {
    const email = `${uniqueUsername('Mail')}@Example.com`;
    await registerUser(http, { email });
    for (const variant of [email, email.toLowerCase(), email.toUpperCase()]) {
      const response = await register({ ...fresh(), email: variant });
      expect(response.status).toBe(409);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
    }
  });

  it('lets exactly one of two concurrent registrations of one name in different cases win', async () => {
    const base = uniqueUsername('race');
    const responses = await Promise.all([
      register({ username: base.toLowerCase(), email: `${base}-1@example.com`, password: PASSWORD }),
      register({ username: base.toUpperCase(), email: `${base}-2@example.com`, password: PASSWORD }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('lets exactly one of several concurrent registrations of one email win', async () => {
    const email = `${uniqueUsername('same')}@example.com`;
    const responses = await Promise.all(
      [email, email.toUpperCase(), email, email.toUpperCase()].map((variant) => register({ username: uniqueUsername(), email: variant, password: PASSWORD })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
  });

  it('hands a confirmation link for the web app to the mailer', async () => {
    const send = jest.spyOn(testApp.app.get(AccountEmails), 'sendConfirmation');
    const input = fresh();
    const response = await register(input);
    expect(response.status).toBe(201);
    expect(send).toHaveBeenCalledTimes(1);
    const email = send.mock.calls[0]![0];
    expect(email).toMatchObject({ userId: response.body.id, username: input.username, email: input.email });
    expect(email.link).toMatch(/^http:\/\/localhost:4200\/confirm\?token=[^&]+$/);
  });

  it('leaves no account when its confirmation email cannot be queued, so a retry registers cleanly', async () => {
    const send = jest.spyOn(testApp.app.get(AccountEmails), 'sendConfirmation').mockRejectedValueOnce(new Error('outbox insert failed'));
    const input = fresh();
    const failed = await register(input);
    expect(failed.status).toBe(500);
    const login = () => http.post('/api/token', { form: { grant_type: 'password', username: input.username, password: PASSWORD } });
    expect((await login()).status).toBe(400);
    send.mockRestore();
    expect((await register(input)).status).toBe(201);
    expect((await login()).status).toBe(200);
  });
});
