#!/usr/bin/env node
// `npm run bench`: the built API against the local PostgreSQL and Redis, measured against a bare
// node:http server that returns the same JSON, in the same run, so the ratios mean something on
// whatever machine runs it. Load stays on loopback and every phase is bounded in time.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareFanOut } from './fan-out.mjs';
import { postJson, registerUser, startApi, stopApi, waitUntilLive } from './lib/api.mjs';
import { backendPids, createScratchDatabase, withClient } from './lib/pg.mjs';
import { dropRedisKeys } from './lib/redis.mjs';
import { cpuMsPerRequest, pidsNamed, ticksOf } from './lib/proc.mjs';
import { wrk, wrkAvailable } from './wrk.mjs';

const root = join(import.meta.dirname, '../..');
// BENCH_MAIN=<path> benches another build (e.g. a copy of dist made at an older commit).
const main = process.env.BENCH_MAIN ?? join(root, 'dist/apps/api/main.js');
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
/** Rounds without and with the streams, interleaved (A B A B ...): one pair says little on a shared machine. */
const pairs = Number(process.env.BENCH_PAIRS ?? 3);
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

const database = await createScratchDatabase(serverUrl, `taskflow_bench_${Date.now()}_${randomBytes(2).toString('hex')}`);
const databaseUrl = database.url;
const apiPort = 38_000 + Math.floor(Math.random() * 1000);
// BENCH_PROFILE=<dir> writes the API's CPU profile there, to see where the time goes.
const profileArgs = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
const keyPrefix = `taskflow-bench:${randomBytes(3).toString('hex')}:`;
const api = startApi({
  main,
  cwd: root,
  port: apiPort,
  databaseUrl,
  redisUrl,
  keyPrefix,
  nodeArgs: profileArgs,
});

try {
  const base = `http://127.0.0.1:${apiPort}`;
  await waitUntilLive(base);
  const token = await seedUser(base);
  // Creates go to a user of their own, so the lists measured after a create phase page over the
  // same 1,000 tasks in every round.
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
  // Redis serves the cache hits: its CPU is the API's waiting. Other work on a shared Redis counts too.
  const redisPids = pidsNamed('redis-server');
  const runPhases = async (otherPids = {}) => {
    // Each round starts from the same steady state (the previous round's creates analysed).
    await withClient(databaseUrl, (c) => c.query('VACUUM ANALYZE'));
    const rows = [['bare node:http (baseline)', await load({ url: baselineUrl })]];
    for (const name of wrkPhases) {
      const [label, options] = phases[name];
      const watched = { pg: await backendPids(databaseUrl), api: [api.pid], redis: redisPids, ...otherPids };
      const before = Object.fromEntries(Object.entries(watched).map(([key, pids]) => [key, ticksOf(pids)]));
      const result = await load(options);
      // Backends the API's pool opened during the phase (it closes connections idle for 10 s, as
      // they are after the baseline's round) count from their start; without this the create
      // phase read 0.000 ms of PostgreSQL CPU.
      watched.pg = [...new Set([...watched.pg, ...(await backendPids(databaseUrl))])];
      const cpu = Object.fromEntries(Object.entries(watched).map(([key, pids]) => [key, cpuMsPerRequest(before[key], ticksOf(pids), result.total)]));
      rows.push([label, { ...result, cpu }]);
    }
    return rows;
  };
  const rows = await runPhases();
  printTable(rows);
  // BENCH_PHASES may name fan-out too; it runs last, on the same process, after the wrk phases.
  if (!process.env.BENCH_PHASES || selected.includes('fan-out')) {
    const streams = Number(process.env.BENCH_STREAMS ?? 1_000);
    const fanOut = await prepareFanOut({ base, apiPid: api.pid, streams, projects: 50 });
    try {
      // The same phases with the streams open (idle: no stream follows what the phases write),
      // alternating with rounds without them, each against the baseline measured in its round.
      const without = [rows];
      const withOpen = [];
      for (let pair = 0; pair < pairs; pair++) {
        if (pair > 0) without.push(await runPhases());
        await fanOut.open();
        withOpen.push(await runPhases({ holders: [fanOut.holdersPid] }));
        await fanOut.closeStreams();
      }
      for (const [i, round] of withOpen.entries()) {
        if (i > 0) {
          console.log(`\nRound ${2 * i + 1}, no streams:`);
          printTable(without[i]);
        }
        console.log(`\nRound ${2 * i + 2}, ${streams} idle GET /api/events streams open:`);
        printTable(round);
      }
      printStreamsComparison(without, withOpen, streams);
      await fanOut.open();
      const result = await fanOut.deliver({ writes: Number(process.env.BENCH_FAN_OUT_WRITES ?? 200) });
      console.log(`\nfan-out: ${result.streams} open GET /api/events streams (members of ${result.projects} projects), ${result.writes} task creations at ${result.writesPerSecond.toFixed(0)}/s`);
      console.log('| events delivered | p50 ms | p99 ms | max ms | RSS per idle stream |');
      console.log('| ---: | ---: | ---: | ---: | ---: |');
      console.log(`| ${result.delivered} of ${result.expected} | ${result.p50} | ${result.p99} | ${result.max} | ${(result.rssPerStreamBytes / 1024).toFixed(1)} KB${result.rssSettled ? '' : ' (memory had not settled: unreliable)'} |`);
      console.log('Latency: from the create response to the event arriving on a stream (both on this machine).');
    } finally {
      fanOut.stop();
    }
  }
  baseline.disconnect();
  rmSync(bodyDir, { recursive: true, force: true });
} finally {
  await stopApi(api);
  await database.drop();
  await dropRedisKeys(redisUrl, keyPrefix);
}

async function load(options) {
  const result = await wrk({ connections, seconds, ...options });
  if (result.bad > 0) console.warn(`  ${options.method ?? 'GET'} ${options.url}: ${result.bad} non-2xx responses or socket errors`);
  return result;
}

function printTable(rows) {
  const [, baseline] = rows[0];
  console.log(`\nwrk, ${connections} connections, ${seconds} s each, ${TASKS} tasks seeded for the user\n`);
  console.log('| endpoint | req/s | p50 ms | p99 ms | req/s vs baseline | p99 vs baseline | API CPU ms/req | PostgreSQL CPU ms/req | Redis CPU ms/req |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const ms = (value) => (value === undefined ? '' : value.toFixed(3));
  for (const [name, r] of rows) {
    console.log(
      `| ${name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.rps / baseline.rps).toFixed(2)}x | ${(r.p99 / baseline.p99).toFixed(1)}x | ${ms(r.cpu?.api)} | ${ms(r.cpu?.pg)} | ${ms(r.cpu?.redis)} |`,
    );
  }
  console.log('\nCPU: user+system time (/proc) per request of the API process, of the PostgreSQL backends connected to the bench');
  console.log('database and of redis-server (shared: other work on it counts). They hold on a busy machine, where req/s and the ratios move.');
}

/**
 * Per phase: the ratio to the round's baseline without and with the streams (mean and range over
 * the pairs), each pair's change, the API's CPU per request and what the stream clients used.
 */
function printStreamsComparison(without, withOpen, streams) {
  const range = (values, digits, unit = '') => {
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    const fixed = (v) => v.toFixed(digits) + unit;
    return values.length > 1 ? `${fixed(mean)} (${fixed(Math.min(...values))}…${fixed(Math.max(...values))})` : fixed(mean);
  };
  const ratio = (round, i) => round[i][1].rps / round[0][1].rps;
  console.log(`\nNo streams / ${streams} idle streams open, ${withOpen.length} interleaved pairs: mean (min…max)\n`);
  console.log('| endpoint | req/s vs baseline, no streams | with streams | change, each pair | change, mean (min…max) | API CPU ms/req, no streams | with streams | stream clients, % of a core |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (let i = 1; i < without[0].length; i++) {
    const changes = withOpen.map((round, pair) => (ratio(round, i) / ratio(without[pair], i) - 1) * 100);
    const apiCpu = (rounds) => rounds.map((round) => round[i][1].cpu.api).filter((v) => v !== undefined);
    const holders = withOpen.map((round) => ((round[i][1].cpu.holders ?? NaN) * round[i][1].total) / (seconds * 10));
    console.log(
      `| ${without[0][i][0]} | ${range(without.map((round) => ratio(round, i)), 2, 'x')} | ${range(withOpen.map((round) => ratio(round, i)), 2, 'x')} | ` +
        `${changes.map((c) => c.toFixed(0) + '%').join(' / ')} | ${range(changes, 1, '%')} | ${range(apiCpu(without), 3)} | ${range(apiCpu(withOpen), 3)} | ${range(holders, 2, '%')} |`,
    );
  }
}

async function seedUser(base, tasks = TASKS) {
  const { token } = await registerUser(base, 'bench');
  const priorities = ['low', 'medium', 'high', 'urgent'];
  for (let start = 0; start < tasks; start += 50) {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        postJson(base, '/api/tasks', { title: `Seeded task ${start + i}`, priority: priorities[(start + i) % 4], tags: [`t${(start + i) % 7}`] }, token),
      ),
    );
  }
  return token;
}

/**
 * A project of the seeded user's, shared with a second user as a viewer, holding SHARED_TASKS
 * tasks: what a member listing a shared board costs, through the cache and past it.
 */
async function seedSharedProject(base, ownerToken) {
  const project = await (await postJson(base, '/api/projects', { name: 'Bench board' }, ownerToken)).json();
  const member = await registerUser(base, 'bench_member');
  const added = await postJson(base, `/api/projects/${project.id}/members`, { username: member.username, role: 'viewer' }, ownerToken);
  if (added.status !== 201) throw new Error(`add member: ${added.status} ${await added.text()}`);
  for (let start = 0; start < SHARED_TASKS; start += 50) {
    await Promise.all(Array.from({ length: 50 }, (_, i) => postJson(base, '/api/tasks', { title: `Shared task ${start + i}`, projectId: project.id }, ownerToken)));
  }
  return { listPath: `/api/tasks?projectId=${project.id}&limit=20`, auth: { authorization: `Bearer ${member.token}` } };
}
