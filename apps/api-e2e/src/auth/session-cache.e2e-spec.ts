import { SESSION_CHANGED_CHANNEL } from '@taskflow/api-auth';
import { DatabaseNotifications, NOTIFICATIONS_APPLICATION_NAME } from '@taskflow/api-database';
import { createPrivateTestDatabase, createUser, databaseEnv, HttpClient, startTestApp, type TestApp, type TestDatabase, type TestUser } from '@taskflow/api-testing';
import { DataSource } from 'typeorm';

// The in-memory session cache is on only where PostgreSQL delivers NOTIFY to other connections (a
// server); on the embedded database every request asks the database, which the other suites cover.
const onServer = process.env['TASKFLOW_TEST_DATABASE'] === 'postgresql-server';
if (!onServer) console.log('session-cache.e2e-spec: skipped, it needs a PostgreSQL server (DATABASE_URL): PGlite does not deliver NOTIFY between connections');
const describeOnServer = onServer ? describe : describe.skip;

/** Polls until the request answers 401; how long that took, or Infinity after `withinMs`. */
async function msUntil401(http: HttpClient, token: string, withinMs = 2_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < withinMs) {
    if ((await http.get('/api/tasks', { token })).status === 401) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Infinity;
}

// Passport keeps strategies in one registry per process, so both in-process instances check
// bearer tokens with the strategy (and the session memory) of the last one built: `second`. That
// makes instance A a true stranger to B's memory, which only a NOTIFY can correct.
describeOnServer('auth: sessions remembered in memory end everywhere as soon as they end', () => {
  let first: TestApp;
  let second: TestApp;
  let a: HttpClient;
  let b: HttpClient;
  let sql: DataSource;
  let database: TestDatabase;

  beforeAll(async () => {
    // A database of their own: the test terminates the listening connections of every app on it.
    database = await createPrivateTestDatabase();
    first = await startTestApp(databaseEnv(database));
    second = await startTestApp(databaseEnv(database));
    a = new HttpClient(first.baseUrl);
    b = new HttpClient(second.baseUrl);
    sql = first.app.get(DataSource);
    await listenerUp();
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await database?.dispose();
  });

  const listeners = async (): Promise<number[]> =>
    (await sql.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [NOTIFICATIONS_APPLICATION_NAME])).map(
      (row: { pid: number }) => row.pid,
    );
  const listening = (app: TestApp) => app.app.get(DatabaseNotifications).isListening(SESSION_CHANGED_CHANNEL);
  async function listenerUp(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!listening(first) || !listening(second)) {
      if (Date.now() > deadline) throw new Error('the API processes did not start listening for notifications');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  /** Uses the session on instance B until B has had time to remember it. */
  async function warm(user: TestUser): Promise<void> {
    for (let i = 0; i < 3; i++) expect((await b.get('/api/tasks', { token: user.accessToken })).status).toBe(200);
  }

  it('refuses on instance B a session revoked through instance A', async () => {
    const user = await createUser(a);
    await warm(user);
    expect((await a.post('/api/token/revoke', { form: { token: user.refreshToken } })).status).toBe(200);
    expect(await msUntil401(b, user.accessToken)).toBeLessThan(1_000);
  });

  it('refuses at once on the instance that revoked it', async () => {
    const user = await createUser(b);
    await warm(user);
    expect((await b.post('/api/token/revoke', { form: { token: user.accessToken } })).status).toBe(200);
    expect((await b.get('/api/tasks', { token: user.accessToken })).status).toBe(401);
  });

  it('refuses the sessions of a user deleted in SQL, by anyone', async () => {
    const user = await createUser(a);
    await warm(user);
    await sql.query('DELETE FROM users WHERE id = $1', [user.user.id]);
    expect(await msUntil401(b, user.accessToken)).toBeLessThan(1_000);
  });

  it('falls back to the database while it cannot hear notifications, then listens again', async () => {
    const user = await createUser(a);
    await warm(user);
    await sql.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [await listeners()]);
    // Once the processes have noticed, a revocation is announced to nobody.
    while (listening(second)) await new Promise((resolve) => setTimeout(resolve, 5));
    await sql.query('UPDATE token_families SET revoked_at = now() WHERE user_id = $1', [user.user.id]);
    expect((await b.get('/api/tasks', { token: user.accessToken })).status).toBe(401);

    await listenerUp();
    const next = await createUser(a);
    await warm(next);
    await sql.query('UPDATE token_families SET revoked_at = now() WHERE user_id = $1', [next.user.id]);
    expect(await msUntil401(b, next.accessToken)).toBeLessThan(1_000);
  });
});
