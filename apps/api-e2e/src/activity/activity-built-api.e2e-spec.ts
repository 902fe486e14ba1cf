import { createPrivateTestDatabase, databaseEnv, HttpClient, type TestDatabase } from '@taskflow/api-testing';
import { startBuiltApi, type RunningApi } from '../platform/built-api';

/**
 * The production build as a real process, because only there does a stray rejection from the
 * MongoDB driver end the process (jest catches them in-process). On a database of its own: its
 * activity consumer, failing every delivery, would otherwise put the database's one `activity`
 * consumer, which other suites' apps share, into its retry backoff.
 */
describe('activity: the built API with MongoDB unreachable', () => {
  let database: TestDatabase;
  let api: RunningApi;

  beforeAll(async () => {
    database = await createPrivateTestDatabase();
    api = await startBuiltApi({ MONGODB_URI: 'mongodb://127.0.0.1:1/taskflow', ...databaseEnv(database) });
  }, 90_000);
  afterAll(async () => {
    if (api && api.process.exitCode === null) api.process.kill('SIGKILL');
    await database?.dispose();
  });

  it('stays up past the failed first connection and its retries, reporting the store down', async () => {
    // serverSelectionTimeoutMS is 2 s and the first retries follow at 1 s and 2 s.
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect(api.process.exitCode).toBeNull();
    const ready = await new HttpClient(api.baseUrl).get<{ checks: Record<string, { status: string; detail?: string }> }>('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks['activityStore']).toMatchObject({ status: 'down', detail: 'mongodb' });
  }, 30_000);

  it('stops the relay and the reconnect loop on SIGTERM and exits 0', async () => {
    api.process.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  }, 30_000);
});
