#!/usr/bin/env node
// `node tools/bench/compare.mjs <old main.js> <new main.js>`: two builds of the API side by side on
// one database and one Redis, driven in turns (old, new, new, old, ...) through the same phases,
// so that whatever else the machine runs weighs on both alike. Reports, per phase, the median of
// the rounds: req/s, and the API's and PostgreSQL's CPU per request (/proc, by application_name).
// COMPARE_ROUNDS (default 4) and COMPARE_SECONDS (default 5) set the length; COMPARE_PHASES picks phases.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { wrk, wrkAvailable } from './wrk.mjs';

const [oldMain, newMain] = process.argv.slice(2);
if (!oldMain || !newMain) throw new Error('usage: compare.mjs <old main.js> <new main.js>');
if (!(await wrkAvailable())) throw new Error('wrk is missing (Debian: apt-get install -y wrk)');
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const rounds = Number(process.env.COMPARE_ROUNDS ?? 4);
const seconds = Number(process.env.COMPARE_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const database = `taskflow_compare_${Date.now()}_${randomBytes(2).toString('hex')}`;
await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${database}`));
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
const env = {
  ...process.env,
  NODE_ENV: 'production',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  REDIS_KEY_PREFIX: `taskflow-compare:${randomBytes(3).toString('hex')}:`,
  SECRET_KEY: randomBytes(48).toString('base64'),
  LOG_LEVEL: 'warn',
  RATE_LIMIT_TOKEN_REQUESTS: '1000000',
  RATE_LIMIT_REGISTRATIONS: '1000000',
};
const apis = [];
try {
  for (const [name, main] of [['old', oldMain], ['new', newMain]]) {
    const port = 39_000 + Math.floor(Math.random() * 1000);
    // node-postgres names its connections after PGAPPNAME, which tells the two APIs' backends apart.
    const child = spawn(process.execPath, [main], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...env, PORT: String(port), DATABASE_URL: databaseUrl, PGAPPNAME: `taskflow_${name}` },
    });
    apis.push({ name, child, base: `http://127.0.0.1:${port}` });
    await waitUntilLive(apis.at(-1).base); // one at a time: the first runs the migrations
  }
  const seeded = await seed(apis[0].base);
  await withClient(databaseUrl, (c) => c.query('VACUUM ANALYZE'));
  const phases = {
    'GET /api/tasks, cache hit': { path: seeded.listPath, headers: seeded.auth },
    'GET /api/tasks, cache bypassed': { path: seeded.listPath, headers: { ...seeded.auth, 'cache-control': 'no-cache' } },
    'GET /api/tasks?projectId=, cache bypassed': { path: seeded.sharedPath, headers: { ...seeded.memberAuth, 'cache-control': 'no-cache' } },
    'POST /api/tasks': {
      path: '/api/tasks',
      method: 'POST',
      // Another user's: the lists measured keep their size, round after round.
      headers: { ...seeded.writerAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Benchmark task', priority: 'high', tags: ['bench'] }),
    },
  };
  // COMPARE_PHASES=hit,create (the first word of a phase, lower-case) runs only those.
  const wanted = process.env.COMPARE_PHASES?.split(',');
  for (const phase of Object.keys(phases)) if (wanted && !wanted.includes(phaseId(phase))) delete phases[phase];
  const results = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const [phase, { path, ...options }] of Object.entries(phases)) {
      const order = round % 2 === 0 ? apis : [...apis].reverse();
      for (const api of order) {
        const apiBefore = ticks(api.child.pid);
        const pgBefore = await backendTicks(api.name);
        const result = await wrk({ connections, seconds, url: api.base + path, ...options });
        const pgAfter = await backendTicks(api.name);
        const apiCpu = ((ticks(api.child.pid) - apiBefore) * 10) / result.total;
        const pgCpu = ((pgAfter - pgBefore) * 10) / result.total;
        const key = `${phase}\t${api.name}`;
        results.set(key, [...(results.get(key) ?? []), { rps: result.rps, apiCpu, pgCpu, bad: result.bad }]);
      }
    }
  }
  console.log(`\n${rounds} rounds of ${seconds} s, ${connections} connections, medians (old → new)\n`);
  console.log('| phase | req/s old | req/s new | API CPU ms/req old | new | PostgreSQL CPU ms/req old | new |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const phase of Object.keys(phases)) {
    const [o, n] = ['old', 'new'].map((name) => results.get(`${phase}\t${name}`));
    const m = (runs, field, digits) => median(runs.map((r) => r[field])).toFixed(digits);
    console.log(`| ${phase} | ${m(o, 'rps', 0)} | ${m(n, 'rps', 0)} | ${m(o, 'apiCpu', 3)} | ${m(n, 'apiCpu', 3)} | ${m(o, 'pgCpu', 3)} | ${m(n, 'pgCpu', 3)} |`);
    const bad = [...o, ...n].reduce((sum, r) => sum + r.bad, 0);
    if (bad) console.log(`  (${bad} non-2xx responses or socket errors in this phase)`);
  }
} finally {
  for (const { child } of apis) {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  }
  await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
}

/** hit, bypass, shared, create */
function phaseId(phase) {
  if (phase.startsWith('POST')) return 'create';
  if (phase.includes('projectId')) return 'shared';
  return phase.includes('hit') ? 'hit' : 'bypass';
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function ticks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** CPU ticks of the PostgreSQL backends one API holds (the pool keeps them open under load). */
async function backendTicks(name) {
  const pids = await withClient(databaseUrl, async (c) => {
    const { rows } = await c.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [`taskflow_${name}`]);
    return rows.map((row) => row.pid);
  });
  let sum = 0;
  for (const pid of pids) {
    try {
      sum += ticks(pid);
    } catch {
      // ended in between
    }
  }
  return sum;
}

async function seed(base) {
  const post = (path, body, headers = {}) =>
    fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const login = async () => {
    const username = `compare_${randomBytes(4).toString('hex')}`;
    const password = 'benchmark password';
    const registered = await post('/api/users', { username, email: `${username}@example.com`, password });
    if (registered.status !== 201) throw new Error(`register: ${registered.status} ${await registered.text()}`);
    const tokens = await (await post('/api/token', { grant_type: 'password', username, password })).json();
    return { username, auth: { authorization: `Bearer ${tokens.access_token}` } };
  };
  const owner = await login();
  const member = await login();
  const writer = await login();
  const project = await (await post('/api/projects', { name: 'Compare board' }, owner.auth)).json();
  const added = await post(`/api/projects/${project.id}/members`, { username: member.username, role: 'viewer' }, owner.auth);
  if (added.status !== 201) throw new Error(`add member: ${added.status}`);
  for (let start = 0; start < 1500; start += 50) {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post('/api/tasks', { title: `Seeded task ${start + i}`, tags: [`t${(start + i) % 7}`], ...(start >= 1000 ? { projectId: project.id } : {}) }, owner.auth),
      ),
    );
  }
  return { auth: owner.auth, memberAuth: member.auth, writerAuth: writer.auth, listPath: '/api/tasks?limit=20', sharedPath: `/api/tasks?projectId=${project.id}&limit=20` };
}

async function waitUntilLive(base) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await fetch(`${base}/api/health/ready`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API at ${base} did not become ready`);
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
