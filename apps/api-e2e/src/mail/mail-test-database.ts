import { createTestDatabase, type TestDatabase } from '@taskflow/api-testing';

/**
 * A database of this file's own where that is cheap. Every API instance runs a mail worker, and
 * workers take any due email from the outbox: on the run's shared database, an app started by a
 * test file running in parallel could deliver these tests' email to its own log. With a PostgreSQL
 * server this makes a fresh database on it. Embedded, a second PGlite costs half a minute on a
 * loaded machine, so the run's database is shared; the tests only ever look at their own
 * recipients, and with one jest worker (the default on two cores) files do not overlap anyway.
 */
export async function createMailTestDatabase(): Promise<TestDatabase> {
  const server = process.env['TASKFLOW_TEST_SERVER_URL'];
  const runDatabase = process.env['DATABASE_URL'] ?? '';
  if (!server) return { url: runDatabase, poolSize: Number(process.env['DATABASE_POOL_SIZE'] ?? 4), dispose: async () => undefined };
  try {
    process.env['DATABASE_URL'] = server;
    return await createTestDatabase();
  } finally {
    process.env['DATABASE_URL'] = runDatabase;
  }
}

/** The environment that points an app at the mail tests' database. */
export function databaseEnv(database: TestDatabase): Record<string, string> {
  return { DATABASE_URL: database.url, DATABASE_POOL_SIZE: String(database.poolSize) };
}
