import { createPrivateTestDatabase, dropRedisKeys, type TestDatabase } from '@taskflow/api-testing';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const workspaceRoot = join(__dirname, '../../../..');
const mainJs = join(workspaceRoot, 'dist/apps/api/main.js');

/** The production build, built once if this checkout has none yet. */
export function ensureBuiltApi(): string {
  if (!existsSync(mainJs)) {
    execFileSync('npx', ['nx', 'build', 'api', '--outputStyle=static'], { cwd: workspaceRoot, stdio: 'ignore' });
  }
  return mainJs;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningApi {
  process: ChildProcess;
  baseUrl: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `node dist/apps/api/main.js` as a deployment would, and waits until it is live. */
export async function startBuiltApi(env: Record<string, string>): Promise<RunningApi> {
  const port = await freePort();
  const child = spawn(process.execPath, [ensureBuiltApi()], {
    cwd: workspaceRoot,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`API exited early (${child.exitCode}): ${output}`);
    const live = await fetch(`${baseUrl}/api/health/live`).then((r) => r.ok, () => false);
    if (live) return { process: child, baseUrl, output: () => output, exited };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`API did not become live in time: ${output}`);
}

export interface Replicas {
  database: TestDatabase;
  replicas: RunningApi[];
}

/**
 * `count` production builds as replicas of one deployment: a migrated database of their own on the
 * run's PostgreSQL server, REDIS_URL's Redis (when set) under a prefix of their own, one signing
 * key, and rate limits out of the way of suites that register many users. Needs a PostgreSQL server.
 * Disposing `database` also deletes the replicas' Redis keys (once the suite has stopped them).
 */
export async function startReplicas(count: number, name: string, env: Record<string, string> = {}): Promise<Replicas> {
  const database = await createPrivateTestDatabase();
  const redisUrl = process.env['REDIS_URL'] ?? '';
  const prefix = `taskflow-${name}-test:${randomBytes(4).toString('hex')}:`;
  const shared = {
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '4',
    MONGODB_URI: '',
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: prefix,
    SECRET_KEY: `${name}-${randomBytes(24).toString('hex')}`,
    RATE_LIMIT_TOKEN_REQUESTS: '100000',
    RATE_LIMIT_REGISTRATIONS: '100000',
    ...env,
  };
  const replicas = await Promise.all(Array.from({ length: count }, () => startBuiltApi(shared)));
  const dispose = async () => {
    await database.dispose();
    if (redisUrl) await dropRedisKeys(redisUrl, prefix);
  };
  return { database: { ...database, dispose }, replicas };
}
