import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '@taskflow/api-shell';
import { createPrivateTestDatabase, type TestDatabase } from '@taskflow/api-testing-db';
import { dropRedisKeys } from './redis-keys';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestApp {
  app: NestFastifyApplication;
  /** e.g. `http://127.0.0.1:40123` */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Defaults for tests: generous rate limits (suites that test a limit set their own), a key
 * prefix of its own in Redis so runs never share counters, and quiet logs.
 */
const TEST_DEFAULTS: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  SECRET_KEY: 'test-secret-key-that-is-long-enough-for-hs256-0123456789',
  RATE_LIMIT_LOGIN_FAILURES: '1000',
  RATE_LIMIT_TOKEN_REQUESTS: '100000',
  RATE_LIMIT_REGISTRATIONS: '100000',
};

/**
 * Starts the whole API in this process, listening on a free loopback port, on the run's test
 * database (see global-setup). Tests talk to it over real HTTP. Configuration is read when
 * the app is built, so the environment set here is what it sees.
 */
export async function startTestApp(env: Record<string, string | undefined> = {}): Promise<TestApp> {
  const saved = { ...process.env };
  const ownPrefix = `taskflow-test:${randomBytes(4).toString('hex')}:`;
  const dataDir = mkdtempSync(join(tmpdir(), 'taskflow-test-'));
  Object.assign(process.env, TEST_DEFAULTS, { REDIS_KEY_PREFIX: ownPrefix, DATA_DIR: dataDir });
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const redisUrl = process.env['REDIS_URL'];
  // A prefix the suite chose may be shared with another app still running; only this app's own goes.
  const dropKeys = redisUrl && process.env['REDIS_KEY_PREFIX'] === ownPrefix ? () => dropRedisKeys(redisUrl, ownPrefix) : async () => undefined;
  const app = await createApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      process.env = saved;
      rmSync(dataDir, { recursive: true, force: true });
      await dropKeys();
    },
  };
}

/** The environment that points an app (startTestApp, or a built API) at `database`. */
export function databaseEnv(database: TestDatabase): Record<string, string> {
  return { DATABASE_URL: database.url, DATABASE_POOL_SIZE: String(database.poolSize) };
}

/**
 * startTestApp on a migrated database of the suite's own (createPrivateTestDatabase), dropped on
 * close. For a suite whose app must be the only one on its database: every app works the
 * database's event consumers, so an app of a suite running beside this one could take the `live`
 * consumer's next batch and publish it to its own replay log (its own Redis prefix), and this
 * app's streams would never see it. Also for a suite that disturbs the database's other sessions
 * (terminating backends), so it does not break the apps of suites beside it.
 */
export async function startTestAppOnOwnDatabase(env: Record<string, string | undefined> = {}): Promise<TestApp & { database: TestDatabase }> {
  const database = await createPrivateTestDatabase();
  try {
    const testApp = await startTestApp({ ...databaseEnv(database), ...env });
    return {
      ...testApp,
      database,
      async close() {
        await testApp.close();
        await database.dispose();
      },
    };
  } catch (error) {
    await database.dispose();
    throw error;
  }
}
