import { register } from 'tsconfig-paths';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

declare global {
  // Shared between jest's globalSetup and globalTeardown, which run in the same parent process.
  var taskflowTestDatabase: import('./test-database').TestDatabase | undefined;
}

/**
 * Jest globalSetup for API suites (every API library's jest config and api-e2e's): one migrated
 * database per run. Workers inherit the environment set here, so every test file reaches the same
 * database through DATABASE_URL (openTestDataSource's default).
 */
export default async function globalSetup(): Promise<void> {
  // Jest resolves the workspace's path aliases for test files only; this hook runs outside them.
  const root = join(__dirname, '../../../../..');
  const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
  register({ baseUrl: root, paths: compilerOptions.paths, addMatchAll: false });
  // require, not import(): under node16 module rules import() would bypass the path aliases just registered.
  const { createTestDatabase } = require('./test-database') as typeof import('./test-database');

  const database = await createTestDatabase();
  globalThis.taskflowTestDatabase = database;
  process.env['TASKFLOW_TEST_SERVER_URL'] = process.env['DATABASE_URL'] ?? '';
  process.env['DATABASE_URL'] = database.url;
  process.env['DATABASE_POOL_SIZE'] = String(database.poolSize);
  process.env['TASKFLOW_TEST_DATABASE'] = process.env['TASKFLOW_TEST_SERVER_URL'] ? 'postgresql-server' : 'embedded-pglite';
}
