#!/usr/bin/env node
// `npm run bench`: the built API against the local PostgreSQL and Redis, measured against a bare
// node:http server that returns the same JSON, in the same run, so the ratios mean something on
// whatever machine runs it. Load stays on loopback and every phase is bounded in time.
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openFanOut } from './fan-out.mjs';
import { wrk, wrkAvailable } from './wrk.mjs';

const root = join(import.meta.dirname, '../..');
// BENCH_MAIN=<path> benches another build (e.g. a copy of dist made at an older commit).
const main = process.env.BENCH_MAIN ?? join(root, 'dist/apps/api/main.js');
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const TASKS = 1_000;
/** USER_HZ: what /proc/<pid>/stat counts CPU time in, 100 on Linux. */
const CLOCK_TICKS_PER_SECOND = 100;
const SHARED_TASKS = 500;

if (!(await wrkAvailable())) {
  console.error('wrk is missing: install it (Debian: `apt-get install -y wrk`).');
  process.exit(1);
}
if (!existsSync(main)) {
  console.error('dist/apps/api/main.js is missing: run `npx nx build api` first.');
  process.exit(1);
}

const database = `taskflow_bench_${Date.now()}_${randomBytes(2).toString('hex')}`;
await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${database}`));
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
const apiPort = 38_000 + Math.floor(Math.random() * 1000);
// BENCH_PROFILE=<dir> writes the API's CPU profile there, to see where the time goes.
const profileArgs = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
const api = spawn(process.execPath, [...profileArgs, main], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(apiPort),
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `taskflow-bench:${randomBytes(3).toString('hex')}:`,
    SECRET_KEY: randomBytes(48).toString('base64'),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_TOKEN_REQUESTS: '1000000',
    RATE_LIMIT_REGISTRATIONS: '1000000',
  },
});

try {
  const base = `http://127.0.0.1:${apiPort}`;
  await waitUntilLive(base);
  const token = await seedUser(base);
  // Creates go to a user of their own, so the lists measured after a create phase (the second
  // round, with streams open) page over the same 1,000 tasks as the first.
  const creatorToken = await seedUser(base, 0);
  const shared = await seedSharedProject(base, token);
  // As pgbench does before a run: measure the steady state autovacuum would reach within a
  // minute (visibility map set, statistics current), not the moment after a bulk load.
  await withClient(databaseUrl, (c) => c.query('VACUUM ANALYZE'));
  const auth = { authorization: `Bearer ${token}` };
  const listPath = '/api/tasks?limit=20';
  const listBody = await (await fetch(base + listPath, { headers: auth })).text();

  const bodyDir = mkdtempSync(join(tmpdir(), 'taskflow-bench-'));
  writeFileSync(join(bodyDir, 'body.json'), listBody);
  const baseline = fork(join(import.meta.dirname, 'baseline-server.mjs'), [join(bodyDir, 'body.json')]);
  const [{ port: baselinePort }] = await once(baseline, 'message');
  const baselineUrl = `http://127.0.0.1:${baselinePort}/`;

  const phases = {
    hit: ['GET /api/tasks, cache hit', { url: base + listPath, headers: auth }],
    bypass: ['GET /api/tasks, cache bypassed', { url: base + listPath, headers: { ...auth, 'cache-control': 'no-cache' } }],
    'shared-hit': ['GET /api/tasks?projectId= (a member, shared project), cache hit', { url: base + shared.listPath, headers: shared.auth }],
    'shared-bypass': [
      'GET /api/tasks?projectId= (a member, shared project), cache bypassed',
      { url: base + shared.listPath, headers: { ...shared.auth, 'cache-control': 'no-cache' } },
    ],
    create: [
      'POST /api/tasks',
      {
        url: base + '/api/tasks',
        method: 'POST',
        headers: { authorization: `Bearer ${creatorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Benchmark task', priority: 'high', tags: ['bench'] }),
      },
    ],
  };
  // BENCH_PHASES=hit,create runs only those (the baseline always runs), e.g. to profile one path.
  const selected = process.env.BENCH_PHASES ? process.env.BENCH_PHASES.split(',') : Object.keys(phases);
  const wrkPhases = selected.filter((name) => name !== 'fan-out');
  for (const name of wrkPhases) {
    if (!phases[name]) throw new Error(`BENCH_PHASES: unknown phase ${name} (known: ${Object.keys(phases).join(', ')}, fan-out)`);
  }
  const runPhases = async () => {
    // Each round starts from the same steady state (the previous round's creates analysed).
    await withClient(databaseUrl, (c) => c.query('VACUUM ANALYZE'));
    const rows = [['bare node:http (baseline)', await load({ url: baselineUrl })]];
    for (const name of wrkPhases) {
      const [label, options] = phases[name];
      const before = await backendCpu();
      const apiBefore = new Map([[api.pid, processTicks(api.pid)]]);
      const result = await load(options);
      const apiAfter = new Map([[api.pid, processTicks(api.pid)]]);
      const after = await backendCpu();
      rows.push([label, { ...result, pgCpuMs: cpuPerRequest(before, after, result.total), apiCpuMs: cpuPerRequest(apiBefore, apiAfter, result.total) }]);
    }
    return rows;
  };
  const rows = await runPhases();
  printTable(rows);
  // BENCH_PHASES may name fan-out too; it runs last, on the same process, after the wrk phases.
  if (!process.env.BENCH_PHASES || selected.includes('fan-out')) {
    const streams = Number(process.env.BENCH_STREAMS ?? 1_000);
    const fanOut = await openFanOut({ base, apiPid: api.pid, ownerToken: token, streams, projects: 50 });
    try {
      // The same phases again while the streams stay open (idle: the phases write to the owner's
      // Inbox, which no stream follows), each against the baseline measured in the same round.
      const withStreams = await runPhases();
      console.log(`\nThe same phases with ${streams} idle GET /api/events streams open:`);
      printTable(withStreams);
      console.log('\n| endpoint | req/s vs baseline, no streams | with streams | change |');
      console.log('| --- | ---: | ---: | ---: |');
      for (let i = 1; i < rows.length; i++) {
        const without = rows[i][1].rps / rows[0][1].rps;
        const withOpen = withStreams[i][1].rps / withStreams[0][1].rps;
        console.log(`| ${rows[i][0]} | ${without.toFixed(2)}x | ${withOpen.toFixed(2)}x | ${(((withOpen - without) / without) * 100).toFixed(1)}% |`);
      }
      const result = await fanOut.deliver({ writes: Number(process.env.BENCH_FAN_OUT_WRITES ?? 200) });
      console.log(`\nfan-out: ${result.streams} open GET /api/events streams (members of ${result.projects} projects), ${result.writes} task creations at ${result.writesPerSecond.toFixed(0)}/s`);
      console.log('| events delivered | p50 ms | p99 ms | max ms | RSS per idle stream |');
      console.log('| ---: | ---: | ---: | ---: | ---: |');
      console.log(`| ${result.delivered} of ${result.expected} | ${result.p50} | ${result.p99} | ${result.max} | ${(result.rssPerStreamBytes / 1024).toFixed(1)} KB |`);
      console.log('Latency: from the create response to the event arriving on a stream (both on this machine).');
    } finally {
      fanOut.close();
    }
  }
  baseline.disconnect();
  rmSync(bodyDir, { recursive: true, force: true });
} finally {
  api.kill('SIGTERM');
  await new Promise((resolve) => api.once('exit', resolve));
  await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
}

async function load(options) {
  const result = await wrk({ connections, seconds, ...options });
  if (result.bad > 0) console.warn(`  ${options.method ?? 'GET'} ${options.url}: ${result.bad} non-2xx responses or socket errors`);
  return result;
}

function printTable(rows) {
  const [, baseline] = rows[0];
  console.log(`\nwrk, ${connections} connections, ${seconds} s each, ${TASKS} tasks seeded for the user\n`);
  console.log('| endpoint | req/s | p50 ms | p99 ms | req/s vs baseline | p99 vs baseline | API CPU ms/req | PostgreSQL CPU ms/req |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const ms = (value) => (value === undefined ? '' : value.toFixed(3));
  for (const [name, r] of rows) {
    console.log(
      `| ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.rps / baseline.rps).toFixed(2)}x | ${(r.p99 / baseline.p99).toFixed(1)}x | ${ms(r.apiCpuMs)} | ${ms(r.pgCpuMs)} |`,
    );
  }
  console.log('\nAPI CPU: user+system time of the API process (/proc), per request; PostgreSQL CPU: the same for the backends');
  console.log('connected to the bench database. Both hold on a busy machine, where req/s and the ratios move with what else runs.');
}

/**
 * CPU ticks of each PostgreSQL backend serving the bench database, from /proc (pg_stat_statements
 * needs shared_preload_libraries, which the local server does not set). Only this database's
 * backends, so the other work on a shared server is not counted. Undefined when /proc cannot be
 * read (PostgreSQL on another host).
 */
async function backendCpu() {
  const pids = await withClient(databaseUrl, async (c) => {
    const { rows } = await c.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    return rows.map((row) => row.pid);
  });
  const ticks = new Map();
  for (const pid of pids) {
    const used = processTicks(pid);
    if (used === undefined) return undefined;
    ticks.set(pid, used);
  }
  return ticks;
}

/**
 * CPU ticks (user + system) a process has used, or undefined when /proc cannot tell. Fields after
 * the command name (which may hold spaces): utime and stime are the 12th and 13th.
 */
function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/** Milliseconds per request; a backend that ended during the phase is not counted (the pool keeps them under load). */
function cpuPerRequest(before, after, requests) {
  if (!before || !after || requests === 0) return undefined;
  let ticks = 0;
  for (const [pid, now] of after) {
    if (now === undefined) return undefined;
    ticks += now - (before.get(pid) ?? 0);
  }
  return (ticks * (1000 / CLOCK_TICKS_PER_SECOND)) / requests;
}

async function seedUser(base, tasks = TASKS) {
  const username = `bench_${randomBytes(4).toString('hex')}`;
  const password = 'benchmark password';
  const post = (path, body, headers = {}) =>
    fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const registered = await post('/api/users', { username, email: `${username}@example.com`, password });
  if (registered.status !== 201) throw new Error(`register: ${registered.status} ${await registered.text()}`);
  const tokens = await (await post('/api/token', { grant_type: 'password', username, password })).json();
  const auth = { authorization: `Bearer ${tokens.access_token}` };
  const priorities = ['low', 'medium', 'high', 'urgent'];
  for (let start = 0; start < tasks; start += 50) {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post('/api/tasks', { title: `Seeded task ${start + i}`, priority: priorities[(start + i) % 4], tags: [`t${(start + i) % 7}`] }, auth),
      ),
    );
  }
  return tokens.access_token;
}

/**
 * A project of the seeded user's, shared with a second user as a viewer, holding SHARED_TASKS
 * tasks: what a member listing a shared board costs, through the cache and past it.
 */
async function seedSharedProject(base, ownerToken) {
  const owner = { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' };
  const post = (path, body, headers) => fetch(base + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const project = await (await post('/api/projects', { name: 'Bench board' }, owner)).json();
  const username = `bench_member_${randomBytes(4).toString('hex')}`;
  const password = 'benchmark password';
  const json = { 'content-type': 'application/json' };
  const registered = await post('/api/users', { username, email: `${username}@example.com`, password }, json);
  if (registered.status !== 201) throw new Error(`register member: ${registered.status} ${await registered.text()}`);
  const added = await post(`/api/projects/${project.id}/members`, { username, role: 'viewer' }, owner);
  if (added.status !== 201) throw new Error(`add member: ${added.status} ${await added.text()}`);
  for (let start = 0; start < SHARED_TASKS; start += 50) {
    await Promise.all(Array.from({ length: 50 }, (_, i) => post('/api/tasks', { title: `Shared task ${start + i}`, projectId: project.id }, owner)));
  }
  const tokens = await (await post('/api/token', { grant_type: 'password', username, password }, json)).json();
  return { listPath: `/api/tasks?projectId=${project.id}&limit=20`, auth: { authorization: `Bearer ${tokens.access_token}` } };
}

async function waitUntilLive(base) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await fetch(`${base}/api/health/ready`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the API did not become ready');
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
