// Replays the build stages of docker/api.Dockerfile and docker/web.Dockerfile without Docker:
// only what their COPY instructions take from the build context (after .dockerignore) is put in
// an empty directory, the RUN commands run there, and every path the runtime stage copies
// `--from` the build stage must then exist. This catches a Dockerfile that forgets a file the
// build needs (a root config, a library), which a real `docker build` would only show later.
// The API bundle so built is then started as the runtime stage starts it (NODE_ENV=production,
// `node dist/apps/api/main.js`, production packages only) and must answer /api/health/ready.
// Stand-ins, said plainly: `npm ci` is replaced by a symlink to this workspace's node_modules
// (installed from the same package-lock.json), `npm ci --omit=dev` by links to the lockfile's
// non-dev packages only, the commands run on this machine's Node 20 rather than in
// node:20-bookworm-slim, and the API uses its embedded stores (no PostgreSQL/MongoDB/Redis here).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { copyArguments, installsDependencies, isIgnored, parseDockerfile, readDockerignore, stages } from './lib/dockerfile.mjs';
import { freePort } from './lib/nginx.mjs';
import { buildRuntimeDir, bundleRequires, productionPackages, startApi } from './lib/prod-runtime.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function chainOf(list, stage) {
  const chain = [];
  let s = stage;
  while (s) {
    chain.unshift(s);
    const base = s.base.toLowerCase();
    s = list.find((p) => p.index < s.index && p.name === base);
  }
  return chain;
}

function parseEnv(args) {
  const env = {};
  for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)) env[m[1]] = m[2].replace(/^"|"$/g, '');
  return env;
}

/** Replay `stageName` (and the stages it builds on) of a Dockerfile in a fresh directory. */
function replay(dockerfile, stageName, text = readFileSync(join(ROOT, dockerfile), 'utf8')) {
  const list = stages(parseDockerfile(text));
  const target = list.find((s) => s.name === stageName);
  assert.ok(target, `${dockerfile} has a "${stageName}" stage`);
  const rules = readDockerignore(ROOT);
  const dir = mkdtempSync(join(tmpdir(), 'tf-build-'));
  let workdir = '/';
  const env = { ...process.env };
  const log = [];
  const inDir = (p) => join(dir, posix.resolve(workdir, p).replace(/^\/app\/?/, ''));
  try {
    for (const stage of chainOf(list, target)) {
      for (const ins of stage.instructions) {
        if (ins.keyword === 'WORKDIR') {
          workdir = posix.resolve(workdir, ins.args);
          assert.equal(workdir, '/app', 'the replay maps /app to its directory');
        } else if (ins.keyword === 'ENV') {
          Object.assign(env, parseEnv(ins.args));
        } else if (ins.keyword === 'COPY' && !ins.flags.from) {
          const { sources, dest } = copyArguments(ins.args);
          for (const src of sources) {
            const to = dest.endsWith('/') || sources.length > 1 ? join(inDir(dest), posix.basename(src)) : inDir(dest);
            mkdirSync(dirname(to), { recursive: true });
            cpSync(join(ROOT, src), to, {
              recursive: true,
              filter: (from) => !isIgnored(relative(ROOT, from) || '.', rules),
            });
          }
        } else if (ins.keyword === 'RUN') {
          if (installsDependencies(ins.args)) {
            if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
            log.push(`(npm ci replaced by a symlink to node_modules) ${ins.args}`);
            continue;
          }
          const started = Date.now();
          const r = spawnSync('sh', ['-c', ins.args], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
          log.push(`${ins.args} -> exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
          if (r.status !== 0) {
            assert.fail(`${dockerfile} line ${ins.line}: "${ins.args}" failed in a directory holding only what the Dockerfile copies:\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
          }
        }
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  // Everything later stages copy from this one must now exist.
  const wanted = list
    .filter((s) => s.index > target.index)
    .flatMap((s) => s.instructions)
    .filter((i) => i.keyword === 'COPY' && String(i.flags.from).toLowerCase() === stageName)
    .flatMap((i) => copyArguments(i.args).sources);
  return { dir, wanted, log };
}

async function waitFor(url, api, deadlineMs) {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (api.child.exitCode !== null) return null;
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return r;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}

/** The runtime stage, minus Docker: production packages only, NODE_ENV=production. */
async function startsInProduction(distApi) {
  const prod = new Set(productionPackages(ROOT));
  const declared = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).dependencies ?? {});
  const required = bundleRequires(join(distApi, 'main.js'));
  const missing = required.filter((p) => !prod.has(p));
  assert.deepEqual(missing, [], 'every package the bundle requires is installed by npm ci --omit=dev');
  const undeclared = required.filter((p) => !declared.includes(p));
  if (undeclared.length) console.log(`warning: the API bundle requires ${undeclared.join(', ')}, present in production only as a dependency of another package; declare it in "dependencies"`);

  const dir = mkdtempSync(join(tmpdir(), 'tf-runtime-'));
  const port = await freePort();
  const api = startApi(buildRuntimeDir(ROOT, distApi, dir), {
    NODE_ENV: 'production',
    PORT: String(port),
    SECRET_KEY: randomBytes(32).toString('hex'),
    DATA_DIR: join(dir, '.data'),
    LOG_LEVEL: 'warn',
  });
  try {
    const started = Date.now();
    const ready = await waitFor(`http://127.0.0.1:${port}/api/health/ready`, api, 180_000);
    assert.ok(ready, `the production build answers /api/health/ready:\n${api.output().slice(-4000)}`);
    console.log(`production start: /api/health/ready 200 after ${((Date.now() - started) / 1000).toFixed(1)} s: ${await ready.text()}`);
    const live = await fetch(`http://127.0.0.1:${port}/api/health/live`);
    assert.equal(live.status, 200);
  } finally {
    if (api.child.exitCode === null) {
      const exited = new Promise((r) => api.child.once('exit', r));
      api.child.kill('SIGTERM');
      const timer = setTimeout(() => api.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the Docker build stages, replayed from only what they copy', { concurrency: false }, () => {
  for (const [dockerfile, expectFile] of [
    ['docker/api.Dockerfile', 'dist/apps/api/main.js'],
    ['docker/web.Dockerfile', 'dist/apps/web/browser/index.html'],
  ]) {
    test(`${dockerfile}: the build stage builds and yields what the runtime copies`, { timeout: 900_000 }, async () => {
      const { dir, wanted, log } = replay(dockerfile, 'build');
      try {
        console.log(`${dockerfile}:\n  ${log.join('\n  ')}`);
        assert.ok(wanted.length > 0, 'the runtime stage copies from the build stage');
        for (const p of wanted) {
          const local = join(dir, p.replace(/^\/app\/?/, ''));
          assert.ok(existsSync(local), `${p} exists after the build`);
        }
        assert.ok(statSync(join(dir, expectFile)).size > 0, `${expectFile} was built`);
        if (dockerfile === 'docker/api.Dockerfile') await startsInProduction(join(dir, 'dist', 'apps', 'api'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  test('the replay fails when the Dockerfile leaves out what the build needs', { timeout: 120_000 }, () => {
    const text = readFileSync(join(ROOT, 'docker/web.Dockerfile'), 'utf8');
    const broken = text.replace('COPY apps/web ./apps/web\n', '');
    assert.notEqual(broken, text, 'removed the COPY of apps/web');
    assert.throws(() => replay('docker/web.Dockerfile (without apps/web)', 'build', broken), /failed in a directory holding only what the Dockerfile copies/);
  });
});
