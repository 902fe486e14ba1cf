// `docker compose up --scale api=N`: Docker's DNS answers `api` with one address per replica.
// This runs the project's nginx template with a stub DNS server in place of Docker's
// (NGINX_RESOLVER) and stub API replicas on 127.0.0.1, 127.0.0.2 and 127.0.0.3 (all loopback on
// Linux), and shows that nginx spreads requests over every replica, survives one disappearing,
// and picks up a new replica once its cached answer expires (valid=10s), without a reload.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startDnsStub } from './lib/dns-stub.mjs';
import { freePort, startNginx } from './lib/nginx.mjs';

const RESOLVER_VALID_MS = 10_000; // resolver ... valid=10s in the template

function get(port, path) {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function startReplica(host, port) {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(host);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return { host, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) };
}

async function hits(nginxPort, n) {
  const count = {};
  for (let i = 0; i < n; i += 1) {
    const r = await get(nginxPort, '/api/health/live');
    assert.equal(r.status, 200, `request ${i}: ${r.status} ${r.body}`);
    count[r.body] = (count[r.body] ?? 0) + 1;
  }
  return count;
}

describe('nginx in front of several API replicas found through DNS', () => {
  let dns;
  let nginx;
  const replicas = {};
  let apiPort;
  let queriesAtStart;

  before(async () => {
    // One port for every replica, as every container listens on 3000.
    for (let attempt = 0; attempt < 5 && !apiPort; attempt += 1) {
      const port = await freePort();
      try {
        for (const host of ['127.0.0.1', '127.0.0.2']) replicas[host] = await startReplica(host, port);
        apiPort = port;
      } catch {
        for (const r of Object.values(replicas)) await r.close();
      }
    }
    assert.ok(apiPort, 'could not bind the stub replicas on 127.0.0.1 and 127.0.0.2');
    dns = await startDnsStub({ 'api.test': ['127.0.0.1', '127.0.0.2'] });
    nginx = await startNginx({
      NGINX_PORT: String(await freePort()),
      WEB_ROOT: '/nonexistent',
      API_UPSTREAM: `api.test:${apiPort}`,
      NGINX_RESOLVER: dns.address,
    });
    queriesAtStart = dns.queries.length;
  });

  after(async () => {
    await nginx?.stop();
    await dns?.close();
    for (const r of Object.values(replicas)) await r.close();
  });

  test('nginx resolves the name at request time, not once at start', () => {
    // An upstream {} block with the name would have been resolved (by the system resolver) at
    // start, and nginx would have refused to start on the unknown name api.test.
    assert.equal(queriesAtStart, 0);
  });

  test('requests are spread over every replica DNS returns', async () => {
    const count = await hits(nginx.port, 40);
    console.log('40 requests over 2 replicas:', JSON.stringify(count));
    assert.deepEqual(Object.keys(count).sort(), ['127.0.0.1', '127.0.0.2'], JSON.stringify(count));
    assert.ok(dns.queries.some((q) => q.name === 'api.test' && q.qtype === 1));
  });

  test('a replica that goes away (still in the cached answer) costs no failed request', async () => {
    await replicas['127.0.0.2'].close();
    delete replicas['127.0.0.2'];
    const count = await hits(nginx.port, 20);
    assert.deepEqual(Object.keys(count), ['127.0.0.1'], JSON.stringify(count));
  });

  test('a new replica is used once the cached answer expires, without reloading nginx', { timeout: 30_000 }, async () => {
    replicas['127.0.0.3'] = await startReplica('127.0.0.3', apiPort);
    dns.records['api.test'] = ['127.0.0.1', '127.0.0.3'];
    const queriesBefore = dns.queries.length;
    await new Promise((r) => setTimeout(r, RESOLVER_VALID_MS + 1000));
    const count = await hits(nginx.port, 40);
    console.log('40 requests after the DNS answer changed:', JSON.stringify(count));
    assert.ok(count['127.0.0.3'] > 0, `the new replica got requests: ${JSON.stringify(count)}`);
    assert.ok(dns.queries.length > queriesBefore, 'nginx asked DNS again');
  });
});
