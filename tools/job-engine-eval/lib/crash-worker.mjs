// One worker process of the crash scenario (lib/crash.mjs): it runs the engine's worker on one
// database and reports each job it starts and finishes as a JSON line on stdout. With HANG=1 a job
// whose payload says `hang` never finishes, so the process can be killed in the middle of it.
import { requireModule } from './modules.mjs';
import { CRASH_TASK, FREE_QUEUE, ORDERED_QUEUE, crashVariants } from './crash-variants.mjs';

const [variantName, url, workerName] = process.argv.slice(2);
const variant = crashVariants[variantName];
const hangs = process.env.HANG === '1';
const emit = (event, fields = {}) => process.stdout.write(`${JSON.stringify({ event, worker: workerName, at: Date.now(), ...fields })}\n`);

async function handle(payload) {
  emit('start', { id: payload.id });
  if (hangs && payload.hang) {
    await new Promise(() => {
      // Never settles: the process is killed in the middle of this job.
    });
  }
  emit('done', { id: payload.id });
}

/** Each distinct error once: pg-boss's singleton queue reports every blocked fetch as one. */
const seenErrors = new Set();
function reportError(error) {
  const message = String(error?.message ?? error).split('\n')[0].slice(0, 200);
  if (seenErrors.has(message)) return;
  seenErrors.add(message);
  emit('error', { message });
}

async function startGraphileWorker() {
  const { run, Logger } = requireModule('graphile-worker');
  const logger = new Logger(() => (level, message) => {
    if (level === 'error' || level === 'warning') reportError(message);
  });
  await run({
    connectionString: url,
    concurrency: 1,
    noHandleSignals: true,
    logger,
    ...variant.workerOptions,
    taskList: { [CRASH_TASK]: async (payload) => handle(payload) },
  });
}

async function startPgBoss() {
  const PgBoss = requireModule('pg-boss');
  const boss = new PgBoss({ connectionString: url, application_name: `jobeval-${workerName}`, ...variant.bossOptions });
  boss.on('error', reportError);
  await boss.start();
  for (const queue of [ORDERED_QUEUE, FREE_QUEUE]) {
    await boss.work(queue, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async ([job]) => handle(job.data));
  }
}

(variant.engine === 'graphile-worker' ? startGraphileWorker() : startPgBoss()).then(
  () => emit('ready'),
  (error) => {
    reportError(error);
    process.exit(1);
  },
);
