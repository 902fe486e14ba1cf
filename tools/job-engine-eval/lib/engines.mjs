// One adapter per engine, so the probe runs the very same scenarios on each: start (which creates
// the engine's schema), a handler for one queue, enqueue with attempts and a run-at time, stop.
// Each engine runs with its documented defaults except where a setting says otherwise below.
import { EventEmitter } from 'node:events';
import { requireModule } from './modules.mjs';

const QUEUE = 'jobeval';
const pollMs = (fallback) => Number(process.env.JOBEVAL_POLL_MS ?? fallback);

/**
 * pg-boss 10: `work()` polls its queue; 0.5 s is the smallest interval it accepts (attorney.js
 * MIN_POLLING_INTERVAL_MS), chosen here as the setting closest to the 100 ms pickup target.
 * `send()` does not wake a worker of the same process, so every pickup is found by a poll, as a job
 * queued by another replica would be.
 */
async function startPgBoss({ url, handler, onError }, { nudge = false } = {}) {
  const PgBoss = requireModule('pg-boss');
  const boss = new PgBoss({ connectionString: url, application_name: 'jobeval' });
  boss.on('error', onError);
  await boss.start();
  await boss.createQueue(QUEUE);
  const pollingIntervalSeconds = pollMs(500) / 1000;
  const workerId = await boss.work(QUEUE, { pollingIntervalSeconds, batchSize: 1 }, async ([job]) => handler(job.data));
  return {
    schema: 'pgboss',
    settings: `pollingIntervalSeconds ${pollingIntervalSeconds}, pool max 10 (default)${nudge ? ', notifyWorker after send' : ''}`,
    async enqueue(payload, { attempts = 1, runAt } = {}) {
      const id = await boss.send(QUEUE, payload, {
        retryLimit: attempts - 1,
        retryDelay: 1,
        retryBackoff: true,
        ...(runAt ? { startAfter: runAt } : {}),
      });
      if (!id) throw new Error('pg-boss send returned no id');
      if (nudge) boss.notifyWorker(workerId);
    },
    stop: () => boss.stop({ graceful: true, timeout: 5000, wait: true }),
  };
}

/**
 * graphile-worker 0.17: a LISTEN client hears the jobs table's NOTIFY; `pollInterval` (default
 * 2 s) is the fallback. Retries back off by exp(attempts) seconds, fixed by its SQL.
 * `noPreparedStatements` is the variant for PGlite, whose connections share one session, so a
 * statement name prepared on one connection already exists on the next.
 */
async function startGraphileWorker({ url, handler, onError }, { noPreparedStatements = false, nudge = false } = {}) {
  const { run, Logger } = requireModule('graphile-worker');
  // The worker pool's public nudge(n) is reached through its "pool:create" event.
  const events = new EventEmitter();
  let workerPool;
  events.on('pool:create', (event) => (workerPool = event.workerPool));
  const logger = new Logger(() => (level, message) => {
    if (process.env.JOBEVAL_DEBUG) console.error('[graphile-worker]', level, message);
    // A job it cannot claim is only logged at debug level ("Failed to acquire job"): keep it. The
    // planned failures of the retry scenario are logged as errors too ("Failed task"): not those.
    const claimFailed = message.startsWith('Failed to acquire job');
    if (claimFailed || ((level === 'error' || level === 'warning') && !message.startsWith('Failed task'))) {
      onError(new Error(message.replace(/\(\d+ contiguous fails\)/, '(n contiguous fails)')));
    }
  });
  const pollInterval = pollMs(2000);
  const runner = await run({
    connectionString: url,
    concurrency: 1,
    pollInterval,
    noHandleSignals: true,
    noPreparedStatements,
    events,
    logger,
    taskList: { [QUEUE]: async (payload) => handler(payload) },
  });
  return {
    schema: 'graphile_worker',
    settings: `pollInterval ${pollInterval} ms, concurrency 1, maxPoolSize 10 (default)${noPreparedStatements ? ', noPreparedStatements' : ''}${nudge ? ', workerPool.nudge(1) after addJob' : ''}`,
    async enqueue(payload, { attempts = 1, runAt } = {}) {
      await runner.addJob(QUEUE, payload, { maxAttempts: attempts, ...(runAt ? { runAt } : {}) });
      if (nudge) workerPool.nudge(1);
    },
    stop: () => runner.stop(),
  };
}

export const engines = {
  'pg-boss': { package: 'pg-boss', start: (options) => startPgBoss(options) },
  'pg-boss+nudge': { package: 'pg-boss', start: (options) => startPgBoss(options, { nudge: true }) },
  'graphile-worker': { package: 'graphile-worker', start: (options) => startGraphileWorker(options) },
  'graphile-worker+unprepared': {
    package: 'graphile-worker',
    start: (options) => startGraphileWorker(options, { noPreparedStatements: true }),
  },
  'graphile-worker+unprepared+nudge': {
    package: 'graphile-worker',
    start: (options) => startGraphileWorker(options, { noPreparedStatements: true, nudge: true }),
  },
};
