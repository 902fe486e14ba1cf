import { createUser, HttpClient, openEventStream, type TestDatabase } from '@taskflow/api-testing';
import { startReplicas, type RunningApi } from '../platform/built-api';
import { liveScenarios } from './live-scenarios';

// Two replicas share events through PostgreSQL (NOTIFY, the outbox) and Redis (the replay log):
// only meaningful with both servers.
const onServers = process.env['TASKFLOW_TEST_DATABASE'] === 'postgresql-server' && Boolean(process.env['REDIS_URL']);
if (!onServers) console.log('live-two-processes.e2e-spec: skipped, it needs a PostgreSQL server (DATABASE_URL) and Redis (REDIS_URL)');
const describeOnServers = onServers ? describe : describe.skip;

const SECRET_KEY = 'live-two-processes-secret-that-is-long-enough-0123456789';

/** The production build twice, on a database of their own and one Redis: each member's stream on a different process. */
describeOnServers('live: GET /api/events across two API processes sharing PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let first: RunningApi;
  let second: RunningApi;

  beforeAll(async () => {
    let replicas: RunningApi[];
    ({ database, replicas } = await startReplicas(2, 'live', { SECRET_KEY }));
    [first, second] = replicas as [RunningApi, RunningApi];
  }, 120_000);

  afterAll(async () => {
    // A stream open on each replica while it is told to stop: it must end, not hold the shutdown.
    const streams = await Promise.all(
      [first, second].filter(Boolean).map(async (replica) => openEventStream(replica.baseUrl, (await createUser(new HttpClient(replica.baseUrl))).accessToken)),
    );
    for (const replica of [first, second]) if (replica && replica.process.exitCode === null) replica.process.kill('SIGTERM');
    const codes = await Promise.all([first?.exited, second?.exited]);
    await Promise.all(streams.map((stream) => stream.ended));
    await database?.dispose();
    // Open streams must not keep a replica from draining on SIGTERM.
    expect(codes).toEqual([0, 0]);
  }, 60_000);

  liveScenarios({ first: () => first.baseUrl, second: () => second.baseUrl, secretKey: SECRET_KEY });
});
