import type { Task } from '@taskflow/shared-contracts';
import { createPrivateTestDatabase, createUser, databaseEnv, HttpClient, startTestApp, type TestApp, type TestDatabase, type TestUser } from '@taskflow/api-testing';
import { ACTIVITY_CONSUMER } from '@taskflow/api-activity';
import { EventLog } from '@taskflow/api-events';
import { createTask, eventually, getActivity } from './activity-helpers';

/** Port 1 on loopback: nothing listens there, so every connection attempt is refused at once. */
const CLOSED_PORT_URI = 'mongodb://127.0.0.1:1/taskflow';

describe('activity: MONGODB_URI points at a closed port', () => {
  let database: TestDatabase;
  let testApp: TestApp;
  let http: HttpClient;
  let owner: TestUser;

  beforeAll(async () => {
    // A database of its own: another suite's app, storing activity in PostgreSQL, would otherwise
    // deliver this app's events (the `activity` consumer is the database's, not the process's).
    database = await createPrivateTestDatabase();
    const started = Date.now();
    testApp = await startTestApp({ MONGODB_URI: CLOSED_PORT_URI, ...databaseEnv(database) });
    // Startup does not wait for MongoDB (no 30 s server selection, no connection retries up front).
    expect(Date.now() - started).toBeLessThan(20_000);
    http = new HttpClient(testApp.baseUrl);
    owner = await createUser(http);
  });
  afterAll(async () => {
    await testApp?.close();
    await database?.dispose();
  });

  it('creates and updates tasks without waiting on MongoDB, and still shows their activity from the outbox', async () => {
    let started = Date.now();
    const task: Task = await createTask(http, owner, { title: 'Offline-safe' });
    const createMs = Date.now() - started;
    started = Date.now();
    const patched = await http.patch(`/api/tasks/${task.id}`, { token: owner.accessToken, json: { priority: 'high' } });
    const updateMs = Date.now() - started;
    expect(patched.status).toBe(200);
    // serverSelectionTimeoutMS is 2 s: a write that waited on MongoDB would take at least that.
    expect(createMs).toBeLessThan(1_500);
    expect(updateMs).toBeLessThan(1_500);

    started = Date.now();
    const activity = await getActivity(http, owner, task.id);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(activity.status).toBe(200);
    expect(activity.body.items.map((event) => event.type)).toEqual(['task.updated', 'task.created']);
    expect(activity.body.items[0]!.changes).toEqual({ priority: { from: 'medium', to: 'high' } });
  });

  it('keeps undelivered events in the outbox, counting attempts and the reason on the activity consumer', async () => {
    const task = await createTask(http, owner);
    const log = testApp.app.get(EventLog);
    // The consumer is woken by the write; the first attempt fails at once (no buffering).
    await eventually(async () => {
      const pending = await log.pending(ACTIVITY_CONSUMER, undefined, { aggregateId: task.id }, 10);
      const { attempts, lastError } = await log.backlog(ACTIVITY_CONSUMER, undefined);
      // The database is this app's alone (embedded, suites run one at a time): nobody else delivers it.
      return pending.length > 0 && attempts > 0 && lastError !== null;
    });
  });

  it('reports the activity store down while readiness still answers 200', async () => {
    const ready = await http.get<{ status: string; checks: Record<string, Record<string, unknown>> }>('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('up');
    expect(ready.body.checks['database']).toMatchObject({ status: 'up' });
    expect(ready.body.checks['activityStore']).toMatchObject({ status: 'down', detail: 'mongodb' });
    expect(ready.body.checks['queue']).toMatchObject({ status: 'up' });
  });
});
