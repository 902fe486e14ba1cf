import { createUser, HttpClient, startTestAppOnOwnDatabase, type TestApp, type TestDatabase } from '@taskflow/api-testing';
import { Client } from 'pg';

// PGlite serves one session over a local socket; there is no backend to terminate.
const realPostgres = Boolean(process.env['TASKFLOW_TEST_SERVER_URL']);
const describeOnServer = realPostgres ? describe : describe.skip;
if (!realPostgres) console.info('PostgreSQL connection-kill test skipped: it needs a PostgreSQL server (DATABASE_URL); PGlite has no backends to terminate.');

describeOnServer('PostgreSQL connections killed under the API', () => {
  let testApp: TestApp & { database: TestDatabase };
  let http: HttpClient;

  beforeAll(async () => {
    // Its own database: terminating every backend of the run's database would break the apps of the suites running beside it.
    testApp = await startTestAppOnOwnDatabase();
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(() => testApp.close());

  it('recovers without a restart: after pg_terminate_backend the pool reconnects and requests succeed', async () => {
    const user = await createUser(http);
    const before = await http.post('/api/tasks', { token: user.accessToken, json: { title: 'before' } });
    expect(before.status).toBe(201);

    const admin = new Client({ connectionString: testApp.database.url });
    await admin.connect();
    const killed = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await admin.end();
    expect(killed.rowCount).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));

    // A request racing the termination may fail once with a clean 503/500 problem; after that, all succeed.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const response = await http.post('/api/tasks', { token: user.accessToken, json: { title: `after ${i}` } });
      statuses.push(response.status);
      expect(response.text).not.toMatch(/terminat|pg_|SQL/i);
    }
    expect(statuses.filter((status) => status !== 201).length).toBeLessThanOrEqual(1);
    expect(statuses.slice(-5)).toEqual([201, 201, 201, 201, 201]);
    const list = await http.get<{ total: number }>('/api/tasks', { token: user.accessToken, headers: { 'cache-control': 'no-cache' } });
    expect(list.body.total).toBe(1 + statuses.filter((status) => status === 201).length);
  });
});
