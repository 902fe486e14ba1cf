// Run the project's nginx template with the real nginx binary, outside Docker.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const TEMPLATE = join(ROOT, 'docker', 'nginx', 'templates', 'default.conf.template');
export const NGINX = '/usr/sbin/nginx';

/** The ${VARS} a template expects (what the image's envsubst must be given). */
export function templateVariables(text) {
  return [...new Set([...text.matchAll(/\$\{([A-Z_][A-Z0-9_]*)\}/g)].map((m) => m[1]))].sort();
}

/**
 * Render like the nginx image's 20-envsubst-on-templates.sh: only variables that are defined get
 * replaced, in both $VAR and ${VAR} form; everything else (nginx's own $uri, $host...) stays.
 * Unlike envsubst, a template variable left undefined is an error here instead of a silent hole.
 */
export function renderTemplate(text, vars) {
  const missing = templateVariables(text).filter((v) => !(v in vars));
  if (missing.length > 0) throw new Error(`template variables not set: ${missing.join(', ')}`);
  let out = text;
  for (const [name, value] of Object.entries(vars)) {
    out = out.replaceAll(`\${${name}}`, value).replace(new RegExp(`\\$${name}(?![A-Za-z0-9_])`, 'g'), value);
  }
  return out;
}

/** Install nginx from Debian if it is missing (we are root on CI), or fail saying how. */
export function ensureNginx() {
  if (existsSync(NGINX)) return;
  if (process.getuid?.() === 0) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    let r = spawnSync('apt-get', ['install', '-y', '-qq', 'nginx'], { env, encoding: 'utf8' });
    if (r.status !== 0) {
      spawnSync('apt-get', ['update', '-qq'], { env, encoding: 'utf8' });
      r = spawnSync('apt-get', ['install', '-y', '-qq', 'nginx'], { env, encoding: 'utf8' });
    }
    if (existsSync(NGINX)) return;
    throw new Error(`nginx is missing and "apt-get install -y nginx" failed:\n${r.stdout}${r.stderr}`);
  }
  throw new Error(`nginx is missing at ${NGINX}: run "apt-get update && apt-get install -y nginx" first`);
}

export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, child, deadlineMs) {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (child.exitCode !== null) return false;
    const ok = await new Promise((resolve) => {
      const sock = connect({ host: '127.0.0.1', port }, () => { sock.destroy(); resolve(true); });
      sock.once('error', () => resolve(false));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/**
 * Start nginx with the project's template rendered with `vars`, inside a main configuration that
 * matches the http {} block of the nginx image (mime types, default type, sendfile, include).
 * Returns { port, dir, stop(), errorLog() }. stop() is safe to call more than once.
 */
export async function startNginx(vars, { template = readFileSync(TEMPLATE, 'utf8') } = {}) {
  ensureNginx();
  const dir = mkdtempSync(join(tmpdir(), 'tf-nginx-'));
  chmodSync(dir, 0o755); // workers run as an unprivileged user when the master is root
  const port = Number(vars.NGINX_PORT);
  writeFileSync(join(dir, 'default.conf'), renderTemplate(template, vars));
  writeFileSync(join(dir, 'nginx.conf'), `# Test harness: stands in for the nginx image's /etc/nginx/nginx.conf.
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    keepalive_timeout 65;
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include ${dir}/default.conf;
}
`);
  const args = ['-p', dir, '-c', join(dir, 'nginx.conf')];
  const check = spawnSync(NGINX, [...args, '-t'], { encoding: 'utf8' });
  if (check.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx -t rejected the rendered configuration:\n${check.stderr}`);
  }
  const child = spawn(NGINX, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // Never leave an nginx behind, even if the test process is interrupted.
  const killOnExit = () => child.exitCode === null && child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const errorLog = () => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '') + stderr;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGQUIT'); // graceful: workers finish, master exits
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  if (!(await waitForPort(port, child, 5000))) {
    const log = errorLog();
    await stop();
    throw new Error(`nginx did not start listening on ${port}:\n${log}`);
  }
  return { port, dir, pid: child.pid, stop, errorLog };
}
