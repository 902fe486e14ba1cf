// The crash scenario on the PostgreSQL server: worker A takes a job that hangs, worker B runs
// beside it, A is killed with SIGKILL; how long until the job runs again, whether the jobs queued
// behind it in the same ordered queue keep their order, and whether anything runs twice.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { startPostgresDatabase } from './backends.mjs';
import { CRASH_TASK, FREE_QUEUE, ORDERED_QUEUE, crashVariants } from './crash-variants.mjs';
import { installedVersion, requireModule } from './modules.mjs';

const WAIT_MS = Number(process.env.JOBEVAL_CRASH_WAIT_S ?? 180) * 1000;
const ORDERED_BEHIND = ['ordered-1', 'ordered-2', 'ordered-3'];

/** Every job start any worker reported, in the order they came. */
function startWorker(variantName, url, name, { hang }) {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'crash-worker.mjs'), variantName, url, name], {
    env: { ...process.env, HANG: hang ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const events = [];
  const waiters = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const event = JSON.parse(line);
    events.push(event);
    for (const waiter of [...waiters]) if (waiter.test(event)) waiter.resolve(event);
  });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  return {
    child,
    events,
    exited,
    /** The first event (already seen or to come) that passes `test`, or undefined after `ms`. */
    waitFor(test, ms) {
      const seen = events.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => {
        const waiter = { test, resolve: (event) => finish(event) };
        const timer = setTimeout(() => finish(undefined), ms);
        const finish = (event) => {
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(waiter), 1);
          resolve(event);
        };
        waiters.push(waiter);
      });
    },
  };
}

/** The probe's own way of queueing, as the API would: a client that runs no worker. */
async function startEnqueuer(variant, url) {
  if (variant.engine === 'graphile-worker') {
    const { makeWorkerUtils } = requireModule('graphile-worker');
    const utils = await makeWorkerUtils({ connectionString: url });
    await utils.migrate();
    return {
      enqueue: (id, { ordered, hang = false }) =>
        utils.addJob(CRASH_TASK, { id, hang }, { maxAttempts: 3, ...(ordered ? { queueName: ORDERED_QUEUE } : {}) }),
      stop: () => utils.release(),
    };
  }
  const PgBoss = requireModule('pg-boss');
  const boss = new PgBoss({ connectionString: url, supervise: false, schedule: false });
  await boss.start();
  await boss.createQueue(ORDERED_QUEUE, { policy: 'singleton' });
  await boss.createQueue(FREE_QUEUE);
  return {
    async enqueue(id, { ordered, hang = false }) {
      const options = { retryLimit: 2, retryDelay: 1, ...(variant.expireInSeconds ? { expireInSeconds: variant.expireInSeconds } : {}) };
      if (!(await boss.send(ordered ? ORDERED_QUEUE : FREE_QUEUE, { id, hang }, options))) throw new Error(`pg-boss refused ${id}`);
    },
    stop: () => boss.stop({ graceful: false, wait: true }),
  };
}

export async function runCrash(variantName) {
  const variant = crashVariants[variantName];
  const result = { engine: variantName, version: installedVersion(variant.package), backend: 'postgres', settings: variant.settings, errors: [] };
  const db = await startPostgresDatabase(`crash_${variantName}`);
  const workers = [];
  let enqueuer;
  try {
    enqueuer = await startEnqueuer(variant, db.url);
    const a = startWorker(variantName, db.url, 'A', { hang: true });
    workers.push(a);
    if (!(await a.waitFor((e) => e.event === 'ready', 30_000))) throw new Error('worker A did not start');
    await enqueuer.enqueue('hung', { ordered: true, hang: true });
    if (!(await a.waitFor((e) => e.event === 'start' && e.id === 'hung', 30_000))) throw new Error('worker A never took the job');

    const b = startWorker(variantName, db.url, 'B', { hang: false });
    workers.push(b);
    if (!(await b.waitFor((e) => e.event === 'ready', 30_000))) throw new Error('worker B did not start');
    for (const id of ORDERED_BEHIND) {
      await enqueuer.enqueue(id, { ordered: true });
      await sleep(200);
    }
    // While A holds the hung job, an ordered queue must not hand B the jobs behind it.
    await sleep(3000);
    result.ranBehindHungJobBeforeKill = b.events.filter((e) => e.event === 'start').map((e) => e.id);

    const killedAt = Date.now();
    a.child.kill('SIGKILL');
    result.workerAExit = await a.exited;
    for (const sql of variant.ageLocksSql ?? []) await db.inspect(sql);
    await enqueuer.enqueue('free', { ordered: false });
    const free = await b.waitFor((e) => e.event === 'start' && e.id === 'free', 30_000);
    result.freeJobPickupMs = free ? free.at - killedAt : null;

    const rerun = await b.waitFor((e) => e.event === 'start' && e.id === 'hung', WAIT_MS);
    result.waitedS = WAIT_MS / 1000;
    result.hungJobRerunAfterKillS = rerun ? Number(((rerun.at - killedAt) / 1000).toFixed(1)) : null;
    if (rerun) await b.waitFor((e) => e.event === 'done' && e.id === ORDERED_BEHIND.at(-1), 30_000);

    const starts = [...a.events, ...b.events].filter((e) => e.event === 'start').sort((x, y) => x.at - y.at);
    result.orderedStarts = starts.filter((e) => e.id !== 'free').map((e) => `${e.id}@${e.worker}`);
    const startsById = new Map();
    for (const { id } of starts) startsById.set(id, (startsById.get(id) ?? 0) + 1);
    // The hung job starting once on A and once after the crash is the expected at-least-once re-run.
    result.ranTwice = [...startsById].filter(([id, n]) => n > (id === 'hung' ? 2 : 1)).map(([id, n]) => `${id} ×${n}`);
    const behind = result.orderedStarts.filter((s) => s.startsWith('ordered-') || s === 'hung@B').map((s) => s.split('@')[0]);
    result.orderKept = rerun ? JSON.stringify(behind) === JSON.stringify(['hung', ...ORDERED_BEHIND]) : null;
    result.orderedRunAfterKill = behind;
    result.errors = [...a.events, ...b.events].filter((e) => e.event === 'error').map((e) => `${e.worker}: ${e.message}`);
  } catch (error) {
    result.errors.push(`crash: ${error.message}`);
  } finally {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await enqueuer?.stop().catch((error) => result.errors.push(`enqueuer stop: ${error.message}`));
    await db.stop();
  }
  return result;
}
