import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '../../../..');
const mainJs = join(workspaceRoot, 'dist/apps/api/main.js');

interface Exit {
  code: number | null;
  stderr: string;
  stdout: string;
}

/** Runs the production build as an operator would, from an empty directory (no .env), and waits for it to stop. */
function runBuiltApi(env: Record<string, string>): Promise<Exit> {
  const cwd = mkdtempSync(join(tmpdir(), 'taskflow-config-'));
  const child = spawn(process.execPath, [mainJs], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', LOG_LEVEL: 'warn', DATA_DIR: join(cwd, '.data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    }),
  );
}

describe('the built API refuses a bad configuration', () => {
  jest.setTimeout(300_000);

  beforeAll(() => {
    if (!existsSync(mainJs)) execFileSync('npx', ['nx', 'build', 'api', '--outputStyle=static'], { cwd: workspaceRoot, stdio: 'ignore' });
  });

  it.each([
    ['a malformed PORT', { PORT: 'eighty' }, /^Invalid configuration: PORT\b/],
    ['a malformed REDIS_URL', { REDIS_URL: 'http://cache:6379' }, /^Invalid configuration: REDIS_URL\b/],
    ['a rate limit of zero', { RATE_LIMIT_LOGIN_FAILURES: '0' }, /^Invalid configuration: RATE_LIMIT_LOGIN_FAILURES\b/],
    ['production without SECRET_KEY', { NODE_ENV: 'production' }, /^Invalid configuration: SECRET_KEY\b/],
    ['production with a short SECRET_KEY', { NODE_ENV: 'production', SECRET_KEY: 'too-short' }, /^Invalid configuration: SECRET_KEY\b/],
    [
      'production with the .env.example placeholder',
      { NODE_ENV: 'production', SECRET_KEY: 'change-me-to-a-long-random-secret-of-at-least-32-bytes' },
      /^Invalid configuration: SECRET_KEY\b/,
    ],
  ])('%s: one clear line on stderr and a non-zero exit', async (_, env, line) => {
    const exit = await runBuiltApi(env as Record<string, string>);
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    const lines = exit.stderr.split('\n').filter((text) => text.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expect(exit.stderr).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
  });
});
