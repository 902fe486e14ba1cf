#!/usr/bin/env node
// `npm run bench`: the built API against the local PostgreSQL and Redis, measured against a bare
// node:http server that returns the same JSON, in the same run, so the ratios mean something on
// whatever machine runs it. Load stays on loopback and every phase is bounded in time.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import pg from 'pg';

const root = join(import.meta.dirname, '../..');
const main = join(root, 'dist/apps/api/main.js');
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const TASKS = 1_000;

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
  const auth = { authorization: `Bearer ${token}` };
  const listPath = '/api/tasks?limit=20';
  const listBody = await (await fetch(base + listPath, { headers: auth })).text();

  const baseline = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(listBody);
  });
  await new Promise((resolve) => baseline.listen(0, '127.0.0.1', resolve));
  const baselineUrl = `http://127.0.0.1:${baseline.address().port}/`;

  const rows = [];
  rows.push(['bare node:http (baseline)', await load({ url: baselineUrl })]);
  rows.push(['GET /api/tasks, cache hit', await load({ url: base + listPath, headers: auth })]);
  rows.push(['GET /api/tasks, cache bypassed', await load({ url: base + listPath, headers: { ...auth, 'cache-control': 'no-cache' } })]);
  rows.push([
    'POST /api/tasks',
    await load({
      url: base + '/api/tasks',
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Benchmark task', priority: 'high', tags: ['bench'] }),
    }),
  ]);
  baseline.close();
  printTable(rows);
} finally {
  api.kill('SIGTERM');
  await new Promise((resolve) => api.once('exit', resolve));
  await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
}

async function load(options) {
  const result = await autocannon({ connections, duration: seconds, ...options });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) console.warn(`  ${options.method ?? 'GET'} ${options.url}: ${bad} non-2xx/errors/timeouts`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total };
}

function printTable(rows) {
  const [, baseline] = rows[0];
  console.log(`\n${connections} connections, ${seconds} s each, ${TASKS} tasks seeded for the user\n`);
  console.log('| endpoint | req/s | p50 ms | p99 ms | req/s vs baseline | p99 vs baseline |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, r] of rows) {
    console.log(
      `| ${name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${(r.rps / baseline.rps).toFixed(2)}x | ${(r.p99 / Math.max(baseline.p99, 1)).toFixed(1)}x |`,
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
