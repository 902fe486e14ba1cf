// compose.yaml and compose.dev.yaml: validated by dclint (compose-spec schema + rules, offline),
// then checked against what issue 6 asks of the stack. No Docker engine is needed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(ROOT, 'package.json'));
const DCLINT = join(dirname(require.resolve('dclint/package.json')), 'bin', 'dclint.cjs');
const { DCLinter } = require('dclint');

function dclint(...args) {
  const r = spawnSync(process.execPath, [DCLINT, '--color=false', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** The parsed file, as dclint reads it (throws on YAML or schema errors). */
function load(file) {
  const { context, messages } = DCLinter.validateFile(join(ROOT, file));
  assert.ok(context, `${file}: ${messages.map((m) => m.message).join('; ')}`);
  return context.content;
}

describe('dclint', () => {
  test('compose.yaml and compose.dev.yaml: no errors and no warnings', () => {
    const r = dclint('compose.yaml', 'compose.dev.yaml', '--max-warnings', '0');
    assert.equal(r.status, 0, r.output);
  });

  describe('fails on bad files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tf-compose-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    test('schema error (unknown depends_on condition, misspelt key)', () => {
      const file = join(dir, 'compose.yaml');
      writeFileSync(file, `name: bad
services:
  api:
    image: node:20-bookworm-slim
    depends_on:
      db:
        condition: service_ready
    helthcheck:
      test: ["CMD", "true"]
  db:
    image: postgres:17-bookworm
`);
      const r = dclint(file);
      assert.notEqual(r.status, 0, r.output);
      assert.match(r.output, /invalid-schema|ComposeValidationError/);
    });

    test('rule error (port published on every interface without saying so, untagged image)', () => {
      const file = join(dir, 'compose.ports.yaml');
      writeFileSync(file, `name: bad
services:
  api:
    image: node
    ports:
      - '3000:3000'
`);
      const r = dclint(file);
      assert.notEqual(r.status, 0, r.output);
      assert.match(r.output, /no-unbound-port-interfaces/);
      assert.match(r.output, /service-image-require-explicit-tag/);
    });
  });
});

describe('compose.yaml', () => {
  const compose = load('compose.yaml');
  const svc = compose.services;

  test('has the services of the stack', () => {
    assert.deepEqual(Object.keys(svc).sort(), ['api', 'mailpit', 'mongodb', 'postgres', 'redis', 'web']);
  });

  test('images are built from Dockerfiles that exist, with the repository as context', () => {
    for (const name of ['api', 'web']) {
      assert.equal(svc[name].build.context, '.');
      assert.ok(existsSync(join(ROOT, svc[name].build.dockerfile)), svc[name].build.dockerfile);
    }
  });

  test('healthchecks every 5 s from 10 s with 5 retries on postgres, mongodb, redis and api', () => {
    for (const name of ['postgres', 'mongodb', 'redis', 'api']) {
      const h = svc[name].healthcheck;
      assert.ok(h?.test, `${name} has a healthcheck`);
      assert.equal(h.interval, '5s', name);
      assert.equal(h.start_period, '10s', name);
      assert.equal(h.retries, 5, name);
    }
    assert.match(svc.api.healthcheck.test.join(' '), /\/api\/health\/ready/);
  });

  test('api starts after its stores are healthy; web after api', () => {
    for (const store of ['postgres', 'mongodb', 'redis']) {
      assert.equal(svc.api.depends_on[store]?.condition, 'service_healthy', store);
    }
    assert.equal(svc.web.depends_on.api?.condition, 'service_healthy');
  });

  test('named volumes keep the data; Redis uses append-only persistence', () => {
    assert.deepEqual(Object.keys(compose.volumes).sort(), ['mongodb_data', 'postgres_data', 'redis_data']);
    assert.ok(svc.postgres.volumes.includes('postgres_data:/var/lib/postgresql/data'));
    assert.ok(svc.mongodb.volumes.includes('mongodb_data:/data/db'));
    assert.ok(svc.redis.volumes.includes('redis_data:/data'));
    assert.match(svc.redis.command.join(' '), /--appendonly yes/);
  });

  test('only web and the mail UI publish ports; the mail UI only on 127.0.0.1', () => {
    const publishing = Object.keys(svc).filter((n) => svc[n].ports?.length).sort();
    assert.deepEqual(publishing, ['mailpit', 'web']);
    assert.ok(svc.mailpit.ports.every((p) => p.startsWith('127.0.0.1:')));
  });

  test('api can be scaled: no container_name, no host port, nothing pinned to one replica', () => {
    for (const name of Object.keys(svc)) assert.equal(svc[name].container_name, undefined, name);
    assert.equal(svc.api.ports, undefined);
    assert.equal(svc.api.deploy?.replicas, undefined);
  });

  test('api runs under an init process, so SIGTERM from docker stop reaches Node', () => {
    assert.equal(svc.api.init, true);
  });

  test('the API gets every setting it reads, and the stores under Compose', () => {
    const env = svc.api.environment;
    for (const key of ['NODE_ENV', 'PORT', 'DATABASE_URL', 'DATABASE_POOL_SIZE', 'MONGODB_URI', 'REDIS_URL', 'REDIS_KEY_PREFIX', 'SECRET_KEY', 'ACCESS_TOKEN_EXPIRE_MINUTES', 'REFRESH_TOKEN_EXPIRE_DAYS', 'CORS_ORIGINS', 'TRUSTED_PROXIES', 'RATE_LIMIT_LOGIN_FAILURES', 'RATE_LIMIT_TOKEN_REQUESTS', 'RATE_LIMIT_REGISTRATIONS', 'RATE_LIMIT_WINDOW_SECONDS', 'SMTP_URL', 'MAIL_FROM', 'WEB_APP_URL', 'LOG_LEVEL']) {
      assert.ok(key in env, key);
    }
    assert.match(env.DATABASE_URL, /@postgres:5432\//);
    assert.match(env.MONGODB_URI, /@mongodb:27017\//);
    assert.equal(env.REDIS_URL, 'redis://redis:6379');
    assert.match(env.SMTP_URL, /smtp:\/\/mailpit:1025/);
    assert.equal(env.NODE_ENV, 'production');
  });

  test('no secret is written in the file: each one must come from .env', () => {
    const secrets = [];
    for (const [name, s] of Object.entries(svc)) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        if (/PASSWORD|SECRET/.test(key)) secrets.push([`${name}.${key}`, String(value)]);
        // passwords embedded in URLs
        const inUrl = /:\/\/[^:/@]+:([^@]+)@/.exec(String(value));
        if (inUrl) secrets.push([`${name}.${key} (URL password)`, inUrl[1]]);
      }
    }
    assert.ok(secrets.length >= 5, 'found the secrets to check');
    for (const [where, value] of secrets) {
      assert.match(value, /^\$\{[A-Z_]+:\?[^}]+\}$/, `${where} must be \${VAR:?message}, got ${value}`);
    }
  });

  test('nginx in web is pointed at the api service through Docker DNS', () => {
    assert.equal(svc.web.environment.API_UPSTREAM, 'api:3000');
    assert.equal(svc.web.environment.NGINX_RESOLVER, '127.0.0.11');
  });
});

describe('compose.dev.yaml', () => {
  const dev = load('compose.dev.yaml');

  test('publishes api, postgres, mongodb and redis, on 127.0.0.1 only', () => {
    const expected = { api: ':3000', postgres: ':5432', mongodb: ':27017', redis: ':6379' };
    for (const [name, port] of Object.entries(expected)) {
      const ports = dev.services[name]?.ports ?? [];
      assert.equal(ports.length, 1, name);
      assert.ok(ports[0].startsWith('127.0.0.1:') && ports[0].endsWith(port), `${name}: ${ports[0]}`);
    }
  });

  test('only overrides services that compose.yaml defines', () => {
    const base = Object.keys(load('compose.yaml').services);
    for (const name of Object.keys(dev.services)) assert.ok(base.includes(name), name);
  });
});
