#!/usr/bin/env node
// `node tools/bench/compare.mjs <old main.js> <new main.js>`: two builds of the API side by side on
// one database and one Redis, driven in turns (old, new, new, old, ...) through the same phases,
// so that whatever else the machine runs weighs on both alike. Reports, per phase, the median of
// the rounds: req/s, and the API's and PostgreSQL's CPU per request (/proc, by application_name).
// COMPARE_ROUNDS (default 4) and COMPARE_SECONDS (default 5) set the length; COMPARE_PHASES picks phases.
import { randomBytes } from 'node:crypto';
import { registerUser, startApi, stopApi, waitUntilLive } from './lib/api.mjs';
import { backendPids, createScratchDatabase, withClient } from './lib/pg.mjs';
import { dropRedisKeys } from './lib/redis.mjs';
import { cpuMsPerRequest, processTicks, ticksOf } from './lib/proc.mjs';
import { wrk, wrkAvailable } from './wrk.mjs';

const [oldMain, newMain] = process.argv.slice(2);
if (!oldMain || !newMain) throw new Error('usage: compare.mjs <old main.js> <new main.js>');
if (!(await wrkAvailable())) throw new Error('wrk is missing (Debian: apt-get install -y wrk)');
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const rounds = Number(process.env.COMPARE_ROUNDS ?? 4);
const seconds = Number(process.env.COMPARE_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const database = await createScratchDatabase(serverUrl, `taskflow_compare_${Date.now()}_${randomBytes(2).toString('hex')}`);
const databaseUrl = database.url;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const keyPrefix = `taskflow-compare:${randomBytes(3).toString('hex')}:`;
// One secret for both: the users are seeded through the old build and their tokens used on both.
const secretKey = randomBytes(48).toString('base64');
const apis = [];
try {
  for (const [name, main] of [['old', oldMain], ['new', newMain]]) {
    const port = 39_000 + Math.floor(Math.random() * 1000);
    // node-postgres names its connections after PGAPPNAME, which tells the two APIs' backends apart.
    const child = startApi({ main, port, databaseUrl, redisUrl, keyPrefix, secretKey, env: { PGAPPNAME: `taskflow_${name}` } });
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
        const apiBefore = ticksOf([api.child.pid]);
        const pgBefore = ticksOf(await backendPids(databaseUrl, `taskflow_${api.name}`));
        const result = await wrk({ connections, seconds, url: api.base + path, ...options });
        const apiCpu = cpuMsPerRequest(apiBefore, ticksOf([api.child.pid]), result.total);
        // The pool keeps its backends under load; one that ended in between is left out.
        const pgCpu = cpuMsPerRequest(pgBefore, ticksOf([...pgBefore.keys()].filter((pid) => processTicks(pid) !== undefined)), result.total);
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
  for (const { child } of apis) await stopApi(child);
  await database.drop();
  await dropRedisKeys(redisUrl, keyPrefix);
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

async function seed(base) {
  const login = async () => {
    const { username, token } = await registerUser(base, 'compare');
    return { username, auth: { authorization: `Bearer ${token}` } };
  };
  const owner = await login();
  const member = await login();
  const writer = await login();
  const post = (path, body, auth) => fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });
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
