#!/usr/bin/env node
// `npm run bench`: the built API against the local PostgreSQL and Redis, measured against a bare
// node:http server that returns the same JSON, in the same run, so the ratios mean something on
// whatever machine runs it. Load stays on loopback and every phase is bounded in time.
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { wrk, wrkAvailable } from './wrk.mjs';

const root = join(import.meta.dirname, '../..');
const main = join(root, 'dist/apps/api/main.js');
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const TASKS = 1_000;
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
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Benchmark task', priority: 'high', tags: ['bench'] }),
      },
    ],
  };
  // BENCH_PHASES=hit,create runs only those (the baseline always runs), e.g. to profile one path.
  const selected = process.env.BENCH_PHASES ? process.env.BENCH_PHASES.split(',') : Object.keys(phases);
  const rows = [['bare node:http (baseline)', await load({ url: baselineUrl })]];
  for (const name of selected) {
    if (!phases[name]) throw new Error(`BENCH_PHASES: unknown phase ${name} (known: ${Object.keys(phases).join(', ')})`);
    const [label, options] = phases[name];
    rows.push([label, await load(options)]);
  }
  baseline.disconnect();
  rmSync(bodyDir, { recursive: true, force: true });
  printTable(rows);
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
  console.log('| endpoint | req/s | p50 ms | p99 ms | req/s vs baseline | p99 vs baseline |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, r] of rows) {
    console.log(
      `| ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.rps / baseline.rps).toFixed(2)}x | ${(r.p99 / baseline.p99).toFixed(1)}x |`,
    );
  }
}

async function seedUser(base) {
  const username = `bench_${randomBytes(4).toString('hex')}`;
  const password = 'benchmark password';
  const post = (path, body, headers = {}) =>
    fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const registered = await post('/api/users', { username, email: `${username}@example.com`, password });
  if (registered.status !== 201) throw new Error(`register: ${registered.status} ${await registered.text()}`);
  const tokens = await (await post('/api/token', { grant_type: 'password', username, password })).json();
  const auth = { authorization: `Bearer ${tokens.access_token}` };
  const priorities = ['low', 'medium', 'high', 'urgent'];
  for (let start = 0; start < TASKS; start += 50) {
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
