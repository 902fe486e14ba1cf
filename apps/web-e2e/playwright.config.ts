import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const apiPort = Number(process.env['E2E_API_PORT'] ?? 3310);
const webPort = Number(process.env['E2E_WEB_PORT'] ?? 4310);
// A fresh embedded database for every run (the config is evaluated again in each worker: keep the first one).
process.env['E2E_DATA_DIR'] ??= mkdtempSync(join(tmpdir(), 'taskflow-e2e-'));

export default defineConfig({
  testDir: './src',
  outputDir: join(root, 'dist/.playwright/web-e2e/test-results'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // The machine is shared and slow at times: generous per-test time, tight assertions.
  timeout: 300_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${webPort}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } } }],
  webServer: [
    {
      // The real API (built by the e2e target's dependsOn), on the embedded PostgreSQL in a fresh folder.
      // Its log goes to a file the account tests read the emailed links from (SMTP_URL is unset).
      command: `node dist/apps/api/main.js > "${join(process.env['E2E_DATA_DIR'] as string, 'api.log')}"`,
      cwd: root,
      url: `http://localhost:${apiPort}/api/health/live`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        NODE_ENV: 'development',
        PORT: String(apiPort),
        DATA_DIR: process.env['E2E_DATA_DIR'] as string,
        DATABASE_URL: '',
        REDIS_URL: '',
        MONGODB_URI: '',
        SMTP_URL: '',
        RATE_LIMIT_LOGIN_FAILURES: '1000',
        RATE_LIMIT_TOKEN_REQUESTS: '100000',
        RATE_LIMIT_REGISTRATIONS: '100000',
      },
    },
    {
      // The production build of the web app, with /api and /docs passed to the API.
      command: `node apps/web-e2e/src/support/serve.mjs`,
      cwd: root,
      url: `http://localhost:${webPort}/login`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { PORT: String(webPort), API_URL: `http://localhost:${apiPort}`, WEB_ROOT: join(root, 'dist/apps/web/browser') },
    },
  ],
});
