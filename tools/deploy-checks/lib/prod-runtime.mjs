// What the API's runtime stage holds, rebuilt without Docker: the bundle plus the packages
// `npm ci --omit=dev` would install (every top-level package-lock.json entry not marked dev),
// linked from this workspace's node_modules (installed from the same lockfile).
import { spawn, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Top-level packages `npm ci --omit=dev` installs, from package-lock.json (v2/v3). */
export function productionPackages(root) {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const names = [];
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(key);
    if (m && !entry.dev) names.push(m[1]);
  }
  return names.sort();
}

/** Package names a webpack bundle loads with require() (its externals), without node builtins. */
export function bundleRequires(bundlePath) {
  const text = readFileSync(bundlePath, 'utf8');
  const builtins = new Set(builtinModules);
  const pkgs = new Set();
  for (const m of text.matchAll(/require\(["']([^"'./][^"']*)["']\)/g)) {
    const spec = m[1];
    if (spec.startsWith('node:') || builtins.has(spec) || builtins.has(spec.split('/')[0])) continue;
    pkgs.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
  return [...pkgs].sort();
}

/** Lay out <dir>/dist/apps/api + <dir>/node_modules (production packages only) + package.json. */
export function buildRuntimeDir(root, distApi, dir) {
  mkdirSync(join(dir, 'dist', 'apps'), { recursive: true });
  cpSync(distApi, join(dir, 'dist', 'apps', 'api'), { recursive: true });
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  const nm = join(dir, 'node_modules');
  mkdirSync(nm);
  for (const name of productionPackages(root)) {
    const from = join(root, 'node_modules', name);
    if (!existsSync(from)) continue; // platform-specific optional package not installed here
    mkdirSync(dirname(join(nm, name)), { recursive: true });
    symlinkSync(from, join(nm, name), 'dir');
  }
  return dir;
}

/** Start `node dist/apps/api/main.js` as the image's CMD does; resolves { child, output() }. */
export function startApi(dir, env) {
  const child = spawn(process.execPath, ['dist/apps/api/main.js'], {
    cwd: dir,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const killOnExit = () => child.exitCode === null && child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  return { child, output: () => out };
}

/** The API's production build, built once if this checkout has none (the deploy checks run it). */
export function ensureApiBuild(root) {
  if (existsSync(join(root, 'dist', 'apps', 'api', 'main.js'))) return;
  const r = spawnSync('npx', ['nx', 'build', 'api', '--outputStyle=static'], { cwd: root, encoding: 'utf8', env: { ...process.env, NX_DAEMON: 'false' } });
  if (r.status !== 0) throw new Error(`"npx nx build api" failed:\n${r.stdout}\n${r.stderr}`);
}

/** Until the API started by startApi answers /api/health/ready, or `ms` pass (then its output is in the error). */
export async function waitReady(base, api, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (api.child.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/api/health/ready`, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`API at ${base} not ready:\n${api.output().slice(-4000)}`);
}
