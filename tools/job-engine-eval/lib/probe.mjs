// One engine on one database, in a process of its own (so the CPU figure is that engine's alone):
// the scenarios of the evaluation in order, one JSON line of results on stdout.
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { startEmbeddedDatabase, startPostgresDatabase } from './backends.mjs';
import { countClientTraffic } from './traffic.mjs';
import { engines } from './engines.mjs';
import { installedVersion } from './modules.mjs';

const [engineName, backendKind] = process.argv.slice(2);
const JOBS = Number(process.env.JOBEVAL_JOBS ?? 50);
const IDLE_SECONDS = Number(process.env.JOBEVAL_IDLE_SECONDS ?? 30);
// Start-up, the scenarios' jobs and V8's first collections tail off before the idle window opens.
const SETTLE_SECONDS = Number(process.env.JOBEVAL_SETTLE_SECONDS ?? 10);

const result = { engine: engineName, version: installedVersion(engines[engineName].package), backend: backendKind, checks: {}, errors: [] };
const traffic = countClientTraffic();
const handlers = new Map();
let nextId = 0;

/**
 * A job of a fresh id: `onAttempt(n)` throws to fail attempt n, or returns true to accept it;
 * `done` resolves with the start time of every attempt once one is accepted.
 */
function expectJob(onAttempt) {
  const id = `job-${nextId++}`;
  const attempts = [];
  const done = new Promise((resolve) => {
    handlers.set(id, async () => {
      attempts.push(performance.now());
      if (onAttempt(attempts.length)) resolve(attempts);
    });
  });
  return { id, done };
}

/** The engine's own error reports, each distinct one once with how often it came. */
const errorCounts = new Map();
function recordError(message) {
  errorCounts.set(message, (errorCounts.get(message) ?? 0) + 1);
}

/** The timer is cleared once `promise` settles, so none is left to fire in the idle window. */
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function check(name, scenario) {
  const startedAt = performance.now();
  try {
    result.checks[name] = { ok: true, ...(await scenario()), ms: Math.round(performance.now() - startedAt) };
  } catch (error) {
    result.checks[name] = { ok: false, error: String(error.message ?? error).slice(0, 300) };
  }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const backend = backendKind === 'postgres' ? await startPostgresDatabase(engineName) : await startEmbeddedDatabase();
  let engine;
  try {
    await check('start', async () => {
      engine = await engines[engineName].start({
        url: backend.url,
        handler: async (payload) => handlers.get(payload.id)?.(),
        onError: (error) => recordError(String(error.message ?? error).split('\n')[0].slice(0, 200)),
      });
      const tables = await backend.inspect(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = '${engine.schema}'`);
      if (!tables[0].n) throw new Error(`no tables in schema ${engine.schema}`);
      return { settings: engine.settings, schemaTables: tables[0].n };
    });
    if (!result.checks.start.ok) return;

    await check('runsJob', async () => {
      const job = expectJob(() => true);
      await engine.enqueue({ id: job.id });
      await within(job.done, 15_000, 'a queued job');
      return {};
    });

    await check('retriesWithBackoff', async () => {
      const job = expectJob((attempt) => {
        if (attempt < 3) throw new Error(`planned failure ${attempt}`);
        return true;
      });
      await engine.enqueue({ id: job.id }, { attempts: 3 });
      const times = await within(job.done, 60_000, 'the third attempt');
      const gapsS = times.slice(1).map((at, i) => Number(((at - times[i]) / 1000).toFixed(2)));
      return { attempts: times.length, gapsS };
    });

    await check('delayedJob', async () => {
      const job = expectJob(() => true);
      const delayMs = 3000;
      const runAt = new Date(Date.now() + delayMs);
      const queuedAt = performance.now();
      await engine.enqueue({ id: job.id }, { runAt });
      const [startedAt] = await within(job.done, 30_000, 'the delayed job');
      const lateMs = Math.round(startedAt - queuedAt - delayMs);
      if (lateMs < -50) throw new Error(`ran ${-lateMs} ms before its time`);
      return { delayMs, lateMs };
    });

    await check('pickupLatency', async () => {
      const latencies = [];
      for (let i = 0; i < JOBS; i++) {
        // A random pause so enqueues do not fall in step with a poll: the queue is idle each time.
        await sleep(100 + Math.random() * 500);
        const job = expectJob(() => true);
        const queuedAt = performance.now();
        await engine.enqueue({ id: job.id });
        const [startedAt] = await within(job.done, 15_000, `pickup ${i}`);
        latencies.push(startedAt - queuedAt);
      }
      latencies.sort((a, b) => a - b);
      const round = (ms) => Math.round(ms);
      return { jobs: JOBS, p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), minMs: round(latencies[0]) };
    });

    await check('idle', async () => {
      await sleep(SETTLE_SECONDS * 1000);
      const before = { cpu: process.cpuUsage(), statements: traffic.statements(), xacts: await backend.transactions(), at: performance.now() };
      await sleep(IDLE_SECONDS * 1000);
      const cpu = process.cpuUsage(before.cpu);
      const xacts = await backend.transactions();
      const seconds = (performance.now() - before.at) / 1000;
      const perSecond = (n) => Number((n / seconds).toFixed(2));
      return {
        seconds: Math.round(seconds),
        cpuPercentOfCore: Number((((cpu.user + cpu.system) / 1e6 / seconds) * 100).toFixed(2)),
        statementsPerS: perSecond(traffic.statements() - before.statements),
        xactsPerS: xacts === undefined ? null : perSecond(xacts - before.xacts),
        connectionsClient: traffic.openConnections(),
        connectionsPeak: traffic.peakConnections(),
        connectionsServer: await backend.connections(),
      };
    });
  } finally {
    await within(engine?.stop() ?? Promise.resolve(), 15_000, 'engine stop').catch((error) => result.errors.push(`stop: ${error.message}`));
    // graphile-worker's stop() resolves before its pool has ended (lib.js calls pgPool.end()
    // without awaiting it); dropping the database under an open pool would crash the probe.
    for (let waited = 0; traffic.openConnections() > 0 && waited < 5000; waited += 100) await sleep(100);
    result.connectionsAfterStop = traffic.openConnections();
    await backend.stop();
  }
}

main()
  .catch((error) => result.errors.push(`probe: ${error.stack ?? error}`))
  .finally(() => {
    for (const [message, times] of errorCounts) result.errors.push(`${times}× ${message}`);
    // The machine is shared: the 1-minute load average at the end says how far to trust the timings.
    result.loadAverage1m = Number(loadavg()[0].toFixed(1));
    console.log(JSON.stringify(result));
    process.exit(0);
  });
