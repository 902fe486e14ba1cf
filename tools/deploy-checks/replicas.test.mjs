// Two API processes sharing one PostgreSQL and one Redis, as `docker compose up --scale api=2`
// runs them. Requests are sent to each replica explicitly, so the test knows which one served
// what: a write through one is read through the other, failed logins spread over both trip the
// per-username limit, and a refresh token rotated on one is refused as spent on the other.
// (How nginx spreads requests over replicas is nginx-scaling.test.mjs.)
//
// Needs DATABASE_URL and REDIS_URL pointing at real servers (.ci/run exports them). Without them
// the suite is reported as skipped, with the reason.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createScratchDatabase } from '../bench/lib/pg.mjs';
import { dropRedisKeys } from '../bench/lib/redis.mjs';
import { ROOT, freePort } from './lib/nginx.mjs';
import { ensureApiBuild, startApi, waitReady } from './lib/prod-runtime.mjs';

const { DATABASE_URL, REDIS_URL } = process.env;
const missing = [!DATABASE_URL && 'DATABASE_URL', !REDIS_URL && 'REDIS_URL'].filter(Boolean);
const skip = missing.length ? `needs ${missing.join(' and ')} (a real PostgreSQL and Redis shared by the replicas), as .ci/run sets` : false;
const LOGIN_FAILURES = 4;

const json = (base, path, body, headers = {}) =>
  fetch(`${base}${path}`, { method: body === undefined ? 'GET' : 'POST', headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
const token = (base, fields) =>
  fetch(`${base}/api/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

describe('two API replicas on one PostgreSQL and one Redis', () => {
  const replicas = [];
  let dir;
  let database;
  const run = randomBytes(4).toString('hex');

  before(async () => {
    if (skip) return;
    ensureApiBuild(ROOT);
    dir = mkdtempSync(join(tmpdir(), 'tf-replicas-'));
    // A database of this run's own on the server, so nothing is left in DATABASE_URL's.
    database = await createScratchDatabase(DATABASE_URL, `tf_deploy_checks_${run}`);
    const shared = {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      REDIS_URL,
      REDIS_KEY_PREFIX: `tf-deploy-checks-${run}:`, // counters of this run only
      SECRET_KEY: randomBytes(32).toString('hex'),
      RATE_LIMIT_LOGIN_FAILURES: String(LOGIN_FAILURES),
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
    };
    for (const name of ['A', 'B']) {
      const port = await freePort();
      const api = startApi(ROOT, { ...shared, PORT: String(port) });
      replicas.push({ name, base: `http://127.0.0.1:${port}`, api });
    }
    // Both start at once: their migrations run under an advisory lock, so neither fails.
    await Promise.all(replicas.map((r) => waitReady(r.base, r.api, 120_000)));
  });

  after(async () => {
    await Promise.all(
      replicas.map(async ({ api }) => {
        if (api.child.exitCode !== null) return;
        const exited = new Promise((r) => api.child.once('exit', r));
        api.child.kill('SIGTERM');
        const timer = setTimeout(() => api.child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    if (dir) rmSync(dir, { recursive: true, force: true });
    // Cache generations and the live log never expire: this run's keys go with it.
    if (!skip) await dropRedisKeys(REDIS_URL, `tf-deploy-checks-${run}:`);
    await database?.drop();
  });

  async function register(base, username) {
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const r = await json(base, '/api/users', { username, email: `${username}@example.test`, password });
    assert.equal(r.status, 201, await r.text());
    return password;
  }

  test('a user registered through A logs in through B; B\'s token works on A', { skip }, async () => {
    const [a, b] = replicas;
    const username = `rep-${run}-u1`;
    const password = await register(a.base, username);
    const login = await token(b.base, { grant_type: 'password', username, password });
    assert.equal(login.status, 200, await login.clone().text());
    const { access_token } = await login.json();
    const me = await json(a.base, '/api/users/me', undefined, { authorization: `Bearer ${access_token}` });
    assert.equal(me.status, 200);
    assert.equal((await me.json()).username, username);
  });

  test('failed logins spread over both replicas trip the per-username limit', { skip }, async () => {
    const [a, b] = replicas;
    const username = `rep-${run}-u2`;
    const password = await register(b.base, username);
    for (let i = 0; i < LOGIN_FAILURES; i += 1) {
      const r = await token(replicas[i % 2].base, { grant_type: 'password', username, password: 'wrong-password' });
      assert.equal(r.status, 400, `failure ${i + 1} on ${replicas[i % 2].name}`);
    }
    // The limit is shared: the right password is now refused on either replica.
    for (const r of [a, b]) {
      const res = await token(r.base, { grant_type: 'password', username, password });
      assert.equal(res.status, 429, `replica ${r.name}`);
      assert.ok(Number(res.headers.get('retry-after')) > 0, 'Retry-After');
    }
  });

  test('a refresh token rotated on A is refused as spent on B', { skip }, async () => {
    const [a, b] = replicas;
    const username = `rep-${run}-u3`;
    const password = await register(a.base, username);
    const first = await (await token(a.base, { grant_type: 'password', username, password })).json();
    const rotated = await token(a.base, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    assert.equal(rotated.status, 200, `${await rotated.clone().text()}\n${a.api.output().slice(-3000)}`);
    const second = await rotated.json();
    const reused = await token(b.base, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    assert.equal(reused.status, 400);
    assert.equal((await reused.json()).error, 'invalid_grant');
    // Reuse revokes the whole family: the token A handed out is dead too, on either replica.
    const afterReuse = await token(a.base, { grant_type: 'refresh_token', refresh_token: second.refresh_token });
    assert.equal(afterReuse.status, 400);
  });

  test('a task written through A is read through B at once, without a stale cached list', { skip }, async (t) => {
    const [a, b] = replicas;
    const username = `rep-${run}-u4`;
    const password = await register(a.base, username);
    const auth = async (base) => ({ authorization: `Bearer ${(await (await token(base, { grant_type: 'password', username, password })).json()).access_token}` });
    const ha = await auth(a.base);
    const hb = await auth(b.base);
    const listB = async () => (await (await json(b.base, '/api/tasks', undefined, hb)).json()).items.map((x) => x.title);
    const probe = await json(b.base, '/api/tasks', undefined, hb);
    if (probe.status === 404) {
      t.skip('GET /api/tasks answers 404: the tasks API is not there yet');
      return;
    }
    assert.equal(probe.status, 200);
    assert.deepEqual(await listB(), []); // B has now cached (or read) an empty list
    const created = await json(a.base, '/api/tasks', { title: 'written on A' }, ha);
    assert.equal(created.status, 201, await created.clone().text());
    const task = await created.json();
    assert.deepEqual(await listB(), ['written on A']);
    const patched = await fetch(`${a.base}/api/tasks/${task.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...ha }, body: JSON.stringify({ title: 'renamed on A' }) });
    assert.equal(patched.status, 200);
    assert.deepEqual(await listB(), ['renamed on A']);
    const one = await json(b.base, `/api/tasks/${task.id}`, undefined, hb);
    assert.equal((await one.json()).title, 'renamed on A');
  });
});
