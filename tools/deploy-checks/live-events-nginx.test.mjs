// GET /api/events through the real nginx with the project's template, in front of the built API
// (embedded defaults: PGlite and in-process state, so nothing else is needed): the stream must
// reach the client unbuffered, so an event made through nginx arrives at once, while the stream
// stays open.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, freePort, startNginx } from './lib/nginx.mjs';
import { ensureApiBuild, startApi, waitReady } from './lib/prod-runtime.mjs';

/** Opens the stream with a raw HTTP request and collects its chunks as they arrive. */
function openStream(port, accessToken) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const waiters = [];
    const req = httpRequest({ host: '127.0.0.1', port, path: '/api/events', headers: { authorization: `Bearer ${accessToken}`, accept: 'text/event-stream' } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (text) => {
        chunks.push({ text, at: Date.now() });
        for (const waiter of [...waiters]) waiter();
      });
      resolve({
        status: res.statusCode,
        headers: res.headers,
        ended: () => res.complete,
        /** Resolves with the time the first chunk containing `needle` arrived. */
        waitFor: (needle, timeoutMs) =>
          new Promise((done, fail) => {
            const check = () => {
              const hit = chunks.find((chunk) => chunk.text.includes(needle));
              if (!hit) return;
              waiters.splice(waiters.indexOf(check), 1);
              clearTimeout(timer);
              done(hit.at);
            };
            const timer = setTimeout(() => fail(new Error(`"${needle}" did not arrive within ${timeoutMs} ms; got: ${chunks.map((c) => c.text).join('')}`)), timeoutMs);
            waiters.push(check);
            check();
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('live updates through nginx', () => {
  let dir;
  let api;
  let nginx;

  before(async () => {
    ensureApiBuild(ROOT);
    dir = mkdtempSync(join(tmpdir(), 'tf-live-nginx-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>stub</title>');
    const apiPort = await freePort();
    api = startApi(ROOT, {
      NODE_ENV: 'production',
      PORT: String(apiPort),
      SECRET_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
    });
    await waitReady(`http://127.0.0.1:${apiPort}`, api, 120_000);
    nginx = await startNginx({ NGINX_PORT: String(await freePort()), WEB_ROOT: dir, API_UPSTREAM: `127.0.0.1:${apiPort}`, NGINX_RESOLVER: '127.0.0.11' });
  });

  after(async () => {
    await nginx?.stop();
    if (api && api.child.exitCode === null) {
      const exited = new Promise((r) => api.child.once('exit', r));
      api.child.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('an event made through nginx reaches an open stream through nginx at once, unbuffered', async () => {
    const base = `http://127.0.0.1:${nginx.port}`;
    const username = `live_${randomBytes(4).toString('hex')}`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const registered = await fetch(`${base}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, email: `${username}@example.test`, password }) });
    assert.equal(registered.status, 201, await registered.text());
    const login = await fetch(`${base}/api/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'password', username, password }) });
    const { access_token: accessToken } = await login.json();

    const stream = await openStream(nginx.port, accessToken);
    assert.equal(stream.status, 200);
    assert.match(stream.headers['content-type'], /^text\/event-stream/);
    assert.equal(stream.headers['cache-control'], 'no-cache');
    assert.equal(stream.headers['content-encoding'], undefined, 'not gzipped (that would hold bytes back)');

    const latencies = [];
    for (let i = 0; i < 5; i++) {
      const title = `Through nginx ${i} ${randomBytes(3).toString('hex')}`;
      const created = await fetch(`${base}/api/tasks`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ title }) });
      assert.equal(created.status, 201);
      const answeredAt = Date.now();
      const arrivedAt = await stream.waitFor(title, 5_000);
      latencies.push(Math.max(0, arrivedAt - answeredAt));
    }
    console.log(`live through nginx: response-to-arrival ${latencies.join(', ')} ms`);
    // Buffered, the events would sit in nginx's buffer until it filled or the stream ended.
    assert.ok(Math.max(...latencies) < 1000, `every event within 1 s (${latencies.join(', ')} ms)`);
    assert.equal(stream.ended(), false, 'the stream stays open');
    stream.close();
  });
});
