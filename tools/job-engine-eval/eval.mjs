#!/usr/bin/env node
// Evaluates pg-boss and graphile-worker on the PostgreSQL server and on the embedded PGlite (see
// README.md). Each engine and database runs in a child process of its own; this prints a table.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminClient } from './lib/backends.mjs';

const ENGINES = (process.env.JOBEVAL_ENGINES ?? 'pg-boss,graphile-worker,graphile-worker+unprepared').split(',');
const BACKENDS = (process.env.JOBEVAL_BACKENDS ?? 'postgres,pglite').split(',');
const RUN_TIMEOUT_MS = 5 * 60_000;

function probe(engine, backend) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'lib/probe.mjs'), engine, backend], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').at(-1);
      try {
        resolve(JSON.parse(line));
      } catch {
        resolve({ engine, backend, checks: {}, errors: [`probe exited ${signal ?? code}: ${stdout.slice(-300)}`] });
      }
    });
  });
}

/** A probe killed at the timeout cannot drop its database: do it here. */
async function dropLeftovers() {
  if (!BACKENDS.includes('postgres')) return;
  const admin = await adminClient();
  const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'jobeval\\_%'`);
  for (const { datname } of rows) await admin.query(`DROP DATABASE "${datname}" WITH (FORCE)`);
  await admin.end();
}

const cell = (check, show) => (!check ? '—' : check.ok ? show(check) : `FAILS: ${check.error}`);
function row(r) {
  const c = r.checks;
  return [
    `${r.engine} ${r.version ?? ''}`,
    r.backend,
    cell(c.start, (s) => `yes (${s.schemaTables} tables, ${s.ms} ms)`),
    cell(c.runsJob, (s) => `yes (${s.ms} ms)`),
    cell(c.retriesWithBackoff, (s) => `${s.attempts} attempts, gaps ${s.gapsS.join(' s, ')} s`),
    cell(c.delayedJob, (s) => `${s.lateMs} ms late`),
    cell(c.pickupLatency, (s) => `${s.p50Ms} / ${s.p99Ms}`),
    cell(c.idle, (s) => `${s.cpuPercentOfCore} %`),
    cell(c.idle, (s) => `${s.statementsPerS}`),
    cell(c.idle, (s) => (s.xactsPerS === null ? 'n/a' : `${s.xactsPerS}`)),
    cell(c.idle, (s) => `${s.connectionsClient} / ${s.connectionsServer} (peak ${s.connectionsPeak})`),
    r.errors.join('; ').slice(0, 240) || '',
  ];
}

const results = [];
try {
  for (const engine of ENGINES) {
    for (const backend of BACKENDS) {
      console.error(`jobeval: ${engine} on ${backend}…`);
      const result = await probe(engine, backend);
      console.error(JSON.stringify(result));
      results.push(result);
    }
  }
} finally {
  await dropLeftovers();
}
if (process.env.JOBEVAL_OUT) writeFileSync(process.env.JOBEVAL_OUT, JSON.stringify(results, null, 2));
const header = ['engine', 'database', 'starts, schema', 'runs a job', 'retry (3 attempts)', 'delayed 3 s', 'pickup p50 / p99 ms', 'idle CPU', 'idle statements/s', 'idle xact/s', 'idle connections (client / server)', 'errors'];
console.log(`| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
for (const r of results) console.log(`| ${row(r).join(' | ')} |`);
