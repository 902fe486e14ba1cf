// The project's nginx template, rendered and run by the real nginx binary, in front of the built
// web app and a stub API on 127.0.0.1. Same file the web image renders; only the variables differ.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest, createServer } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { ROOT, TEMPLATE, freePort, renderTemplate, startNginx, templateVariables } from './lib/nginx.mjs';
import { parseDockerfile, stages } from './lib/dockerfile.mjs';

const WEB_ROOT = join(ROOT, 'dist', 'apps', 'web', 'browser');

/** The built web app: use dist/apps/web/browser if it is there, else build it (about 20 s). */
function ensureWebBuild() {
  if (existsSync(join(WEB_ROOT, 'index.html'))) return;
  const r = spawnSync('npx', ['nx', 'build', 'web', '--outputStyle=static'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } });
  if (r.status !== 0 || !existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(`"npx nx build web" failed, so there is no web app to serve:\n${r.stdout}\n${r.stderr}`);
  }
}

/** Raw HTTP GET (no automatic decompression), resolving { status, headers, body: Buffer }. */
function get(port, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Stand-in for the API: answers health and docs, and remembers the headers it was sent. */
async function startStubApi() {
  const seen = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url, headers: req.headers });
    if (req.url === '/api/health/live') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: 'ok', xForwardedFor: req.headers['x-forwarded-for'] ?? null }));
    } else if (req.url === '/docs-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ openapi: '3.0.0', info: { title: 'stub' } }));
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`stub api: ${req.url}`);
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { port: server.address().port, seen, close: () => new Promise((r) => server.close(r)) };
}

describe('nginx template', () => {
  const template = readFileSync(TEMPLATE, 'utf8');

  test('uses exactly the variables the web image sets', () => {
    const list = stages(parseDockerfile(readFileSync(join(ROOT, 'docker', 'web.Dockerfile'), 'utf8')));
    const env = list.at(-1).instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args).join(' ');
    const set = [...env.matchAll(/([A-Z_][A-Z0-9_]*)=/g)].map((m) => m[1]).sort();
    assert.deepEqual(templateVariables(template), ['API_UPSTREAM', 'NGINX_PORT', 'NGINX_RESOLVER', 'WEB_ROOT']);
    for (const v of templateVariables(template)) assert.ok(set.includes(v), `web.Dockerfile sets ${v}`);
  });

  test('rendering refuses a missing variable instead of leaving a hole', () => {
    assert.throws(() => renderTemplate(template, { NGINX_PORT: '1', WEB_ROOT: '/x', NGINX_RESOLVER: '127.0.0.11' }), /API_UPSTREAM/);
  });

  test('nginx refuses a broken configuration (so a bad template fails this suite)', async () => {
    const port = await freePort();
    const broken = template.replace('try_files $uri $uri/ /index.html;', 'try_files $uri $uri/ /index.html');
    await assert.rejects(
      startNginx({ NGINX_PORT: String(port), WEB_ROOT, API_UPSTREAM: '127.0.0.1:9', NGINX_RESOLVER: '127.0.0.11' }, { template: broken }),
      /nginx -t rejected/,
    );
  });
});

describe('nginx serving the built web app and proxying the API', () => {
  let nginx;
  let api;
  let indexHtml;
  let hashedJs;
  let hashedCss;

  before(async () => {
    ensureWebBuild();
    indexHtml = readFileSync(join(WEB_ROOT, 'index.html'));
    const files = readdirSync(WEB_ROOT);
    hashedJs = files.filter((f) => /-[A-Z0-9]{8}\.js$/.test(f)).sort((a, b) => readFileSync(join(WEB_ROOT, b)).length - readFileSync(join(WEB_ROOT, a)).length)[0];
    hashedCss = files.find((f) => /-[A-Z0-9]{8}\.css$/.test(f));
    assert.ok(hashedJs, `a hashed .js file in ${WEB_ROOT} (production build)`);
    api = await startStubApi();
    nginx = await startNginx({
      NGINX_PORT: String(await freePort()),
      WEB_ROOT,
      API_UPSTREAM: `127.0.0.1:${api.port}`,
      NGINX_RESOLVER: '127.0.0.11',
    });
  });

  after(async () => {
    await nginx?.stop();
    await api?.close();
  });

  test('/ serves index.html, not cached', async () => {
    const r = await get(nginx.port, '/');
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^text\/html/);
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.deepEqual(r.body, indexHtml);
  });

  test('a deep link (/tasks/123) returns index.html, not cached', async () => {
    for (const path of ['/tasks/123', '/login', '/tasks/123?tab=activity']) {
      const r = await get(nginx.port, path);
      assert.equal(r.status, 200, path);
      assert.equal(r.headers['cache-control'], 'no-cache', path);
      assert.deepEqual(r.body, indexHtml, path);
    }
  });

  test('hashed assets carry a long immutable cache', async () => {
    for (const file of [hashedJs, hashedCss].filter(Boolean)) {
      const r = await get(nginx.port, `/${file}`);
      assert.equal(r.status, 200, file);
      assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable', file);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
    }
    const js = await get(nginx.port, `/${hashedJs}`);
    assert.match(js.headers['content-type'], /javascript/);
  });

  test('unhashed static files get a short cache; a missing hashed file is a 404, not index.html', async () => {
    const favicon = await get(nginx.port, '/favicon.ico');
    assert.equal(favicon.status, 200);
    assert.equal(favicon.headers['cache-control'], 'public, max-age=3600');
    const missing = await get(nginx.port, '/chunk-ZZZZZZZZ.js');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['cache-control'], undefined, 'no long cache on an error');
  });

  test('JavaScript is gzipped for clients that accept it', async () => {
    const r = await get(nginx.port, `/${hashedJs}`, { 'accept-encoding': 'gzip' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], 'gzip');
    assert.match(r.headers.vary ?? '', /Accept-Encoding/i);
    const original = readFileSync(join(WEB_ROOT, hashedJs));
    assert.deepEqual(gunzipSync(r.body), original);
    assert.ok(r.body.length < original.length, 'smaller on the wire');
    const plain = await get(nginx.port, `/${hashedJs}`);
    assert.equal(plain.headers['content-encoding'], undefined);
  });

  test('/api/health/live is proxied with X-Forwarded-For, -Proto and X-Request-Id', async () => {
    const before = api.seen.length;
    const r = await get(nginx.port, '/api/health/live');
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).status, 'ok');
    assert.equal(r.headers['cache-control'], 'no-store', "the API's own Cache-Control passes through alone");
    assert.equal(r.headers['x-content-type-options'], undefined, 'static-file headers are not added to API responses');
    const seen = api.seen.slice(before);
    assert.equal(seen.length, 1);
    const h = seen[0].headers;
    assert.equal(h['x-forwarded-for'], '127.0.0.1');
    assert.equal(h['x-forwarded-proto'], 'http');
    assert.match(h['x-request-id'], /^[0-9a-f]{32}$/);
    assert.equal(h.host, '127.0.0.1');
    assert.equal(h['x-forwarded-host'], `127.0.0.1:${nginx.port}`);
  });

  test('an X-Forwarded-For written by the client never reaches the API', async () => {
    const before = api.seen.length;
    await get(nginx.port, '/api/health/live', { 'x-forwarded-for': '203.0.113.7, 198.51.100.1' });
    assert.equal(api.seen[before].headers['x-forwarded-for'], '127.0.0.1');
  });

  test('a sane X-Request-Id is passed on; a malformed one is replaced', async () => {
    const before = api.seen.length;
    await get(nginx.port, '/api/health/live', { 'x-request-id': 'req-42.abc' });
    await get(nginx.port, '/api/health/live', { 'x-request-id': 'x'.repeat(300) });
    assert.equal(api.seen[before].headers['x-request-id'], 'req-42.abc');
    assert.match(api.seen[before + 1].headers['x-request-id'], /^[0-9a-f]{32}$/);
  });

  test('Swagger UI and /docs-json reach the API, even for .js/.css names', async () => {
    for (const path of ['/docs', '/docs/', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css', '/api/x-ABCDEFGH.js']) {
      const r = await get(nginx.port, path);
      assert.equal(r.status, 200, path);
      assert.equal(r.body.toString(), `stub api: ${path}`, path);
    }
    const json = await get(nginx.port, '/docs-json');
    assert.equal(JSON.parse(json.body).openapi, '3.0.0');
  });

  test('when the API is down, /api/ answers 502 and never the SPA', async () => {
    await api.close();
    const r = await get(nginx.port, '/api/health/live');
    assert.equal(r.status, 502);
    assert.ok(!r.body.equals(indexHtml));
  });
});
