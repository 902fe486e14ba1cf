import { readFileSync } from 'node:fs';
import { createUser, HttpClient, type TestDatabase } from '@taskflow/api-testing';
import { Client } from 'pg';
import { startReplicas, type RunningApi } from './built-api';

// Idle cost is a property of a PostgreSQL server deployment (pg_stat_database, NOTIFY between
// processes); the embedded PGlite serves one process and has no statistics to read.
const onServer = process.env['TASKFLOW_TEST_DATABASE'] === 'postgresql-server';
if (!onServer) console.log('idle-cost.e2e-spec: skipped, it needs a PostgreSQL server (DATABASE_URL)');
const describeOnServer = onServer ? describe : describe.skip;

// Long enough that one clock tick (10 ms) is 0.025% and a one-off does not decide the result: V8's
// memory reducer runs a few "Mark-Compact (reduce)" collections once start-up's allocations stop
// (seen with --trace-gc: 35-46 s after start on a loaded machine, 300 ms of CPU with its helper
// threads), at a time that moves with the load, so the window may hold it: 0.75% of the 2% budget.
const IDLE_SECONDS = 40;
const SETTLE_SECONDS = 15;
const CLOCK_TICKS_PER_SECOND = 100;

/** User + system CPU time the process has used so far, in seconds (fields 14 and 15 of /proc/<pid>/stat). */
function cpuSeconds(replica: RunningApi): number {
  const stat = readFileSync(`/proc/${replica.process.pid}/stat`, 'utf8');
  // After the parenthesised command name, field 3 comes first: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Two replicas of the production build (dist/, as built) on a database of their own, left alone:
 * together they must stay far below a busy loop, and work queued in the database must still be
 * picked up at once by whichever replica is running, through NOTIFY rather than a poll.
 */
describeOnServer('platform: an idle API costs almost nothing and still picks up work at once', () => {
  let database: TestDatabase;
  let sql: Client;
  let first: RunningApi;
  let second: RunningApi;
  const replicas = () => [first, second].filter((replica): replica is RunningApi => replica !== undefined);

  beforeAll(async () => {
    let started: RunningApi[];
    ({ database, replicas: started } = await startReplicas(2, 'idle'));
    [first, second] = started as [RunningApi, RunningApi];
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  }, 120_000);
  afterAll(async () => {
    for (const replica of replicas()) if (replica.process.exitCode === null) replica.process.kill('SIGKILL');
    await sql?.end();
    await database?.dispose();
  });

  const transactions = async (): Promise<number> =>
    Number(
      (await sql.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`)).rows[0].n,
    );

  it(`uses under 2% of a core per replica and under 5 transactions a second in all, over ${IDLE_SECONDS} s alone`, async () => {
    // Start-up work (migrations check, first rounds, listeners, lazy compilation) tails off over the
    // first seconds, and an idle backend reports its transactions to pg_stat_database only up to
    // 10 s later: the window starts after both.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1_000));
    const cpuBefore = [cpuSeconds(first), cpuSeconds(second)];
    const transactionsBefore = await transactions();
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1_000));
    const cpuShare = [cpuSeconds(first) - cpuBefore[0], cpuSeconds(second) - cpuBefore[1]].map((seconds) => seconds / IDLE_SECONDS);
    // The two statistics reads of this test are transactions too.
    const perSecond = ((await transactions()) - transactionsBefore - 1) / IDLE_SECONDS;
    console.log(`idle: CPU per replica ${cpuShare.map((share) => `${(share * 100).toFixed(2)}%`).join(', ')}, ${perSecond.toFixed(2)} transactions/s`);
    for (const share of cpuShare) expect(share).toBeLessThan(0.02);
    expect(perSecond).toBeLessThan(5);
  }, (SETTLE_SECONDS + IDLE_SECONDS + 30) * 1_000);

  /** Milliseconds from the commit of `queue` until `done` holds, polled every few milliseconds. */
  async function pickupMs(queue: () => Promise<unknown>, done: () => Promise<boolean>): Promise<number> {
    await queue();
    const started = Date.now();
    while (!(await done())) {
      if (Date.now() - started > 10_000) return Infinity;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return Date.now() - started;
  }

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Infinity;

  /** Emails inserted straight into the table (no process is nudged), until each has been sent and removed. */
  async function emailPickups(count: number): Promise<number[]> {
    const times: number[] = [];
    for (let index = 0; index < count; index++) {
      let id = '';
      times.push(
        await pickupMs(
          async () => {
            const result = await sql.query(
              `INSERT INTO email_outbox (kind, recipient, payload) VALUES ('test', 'idle@example.com', '{"subject":"s","text":"t","html":"<p>h</p>"}') RETURNING id`,
            );
            id = result.rows[0].id;
          },
          async () => (await sql.query('SELECT 1 FROM email_outbox WHERE id = $1', [id])).rowCount === 0,
        ),
      );
      // Idle again between emails, so each pickup starts from a sleeping worker.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return times;
  }

  /** Tasks created through one replica, until their events are in the activity store (delivered by any replica). */
  async function activityPickups(replica: RunningApi, count: number): Promise<number[]> {
    const http = new HttpClient(replica.baseUrl);
    const user = await createUser(http);
    const times: number[] = [];
    for (let index = 0; index < count; index++) {
      let taskId = '';
      times.push(
        await pickupMs(
          async () => {
            const created = await http.post<{ id: string }>('/api/tasks', { token: user.accessToken, json: { title: `idle ${index}` } });
            expect(created.status).toBe(201);
            taskId = created.body.id;
          },
          async () => (await sql.query('SELECT 1 FROM activity_events WHERE task_id = $1', [taskId])).rowCount === 1,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return times;
  }

  it('picks up queued email and activity within 100 ms (median), never waiting for a poll', async () => {
    const email = await emailPickups(7);
    const activity = await activityPickups(first, 7);
    console.log(`pickup ms: email ${email.join(', ')}; activity ${activity.join(', ')}`);
    // The fallback polls are 5 s (mail) and 1 s (relay) without NOTIFY and 60 s with it: a pickup
    // under a second for every item cannot be a poll; the median is the target itself.
    for (const ms of [...email, ...activity]) expect(ms).toBeLessThan(1_000);
    expect(median(email)).toBeLessThan(100);
    expect(median(activity)).toBeLessThan(100);
  }, 60_000);

  it('keeps picking up at once on the other replica when one is killed', async () => {
    first.process.kill('SIGKILL');
    await first.exited;
    const email = await emailPickups(5);
    const activity = await activityPickups(second, 5);
    console.log(`pickup ms, one replica left: email ${email.join(', ')}; activity ${activity.join(', ')}`);
    for (const ms of [...email, ...activity]) expect(ms).toBeLessThan(1_000);
    expect(median(email)).toBeLessThan(100);
    expect(median(activity)).toBeLessThan(100);
  }, 60_000);
});
