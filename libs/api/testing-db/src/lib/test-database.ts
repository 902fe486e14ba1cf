import { startEmbeddedPostgres, type EmbeddedPostgres } from '@taskflow/api-database';
import { randomBytes } from 'node:crypto';
import { withDatabaseClient } from './database-client';
import { migrateTestDatabase } from './test-data-source';

export interface TestDatabase {
  url: string;
  /** The embedded server keeps few connections; pools in tests must stay small. */
  poolSize: number;
  dispose(): Promise<void>;
}

/**
 * A database for one test run, migrated and empty. With DATABASE_URL: a fresh database on that
 * server, dropped afterwards. Without: an in-memory embedded PostgreSQL (PGlite).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env['DATABASE_URL'];
  const database = serverUrl ? await createServerDatabase(serverUrl) : await createEmbeddedDatabase(40);
  await migrateTestDatabase(database.url);
  return database;
}

/**
 * A migrated database of the suite's own, for apps that must not share the run's database: every
 * app relays activity and sends mail from the outbox tables, so an app started by a suite running
 * beside this one would take this one's rows (into its own activity store, to its own mail log).
 * With a PostgreSQL server (globalSetup keeps its address) a fresh database on it. Embedded, the
 * run's database: PGlite cannot start inside a jest worker (it is ESM, loaded by dynamic import),
 * and api-e2e runs one worker there, so suites do not overlap.
 */
export async function createPrivateTestDatabase(): Promise<TestDatabase> {
  const serverUrl = runServerUrl();
  if (!serverUrl) {
    return { url: process.env['DATABASE_URL'] ?? '', poolSize: Number(process.env['DATABASE_POOL_SIZE'] ?? 1), dispose: async () => undefined };
  }
  const database = await createServerDatabase(serverUrl);
  await migrateTestDatabase(database.url);
  return database;
}

/**
 * A database of the caller's own with no migration applied, for specs that build a schema step by
 * step (an upgrade from older data: `migrateTestDatabase(url, migrations.slice(0, n))`). On the
 * run's server a fresh database; embedded, a PGlite of its own in this process, which loads its
 * extensions by dynamic import: the project's test target needs NODE_OPTIONS=--experimental-vm-modules.
 */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  const serverUrl = runServerUrl();
  return serverUrl ? createServerDatabase(serverUrl) : createEmbeddedDatabase(2);
}

/** The PostgreSQL server the run uses, as globalSetup recorded it; empty when embedded. */
function runServerUrl(): string {
  return process.env['TASKFLOW_TEST_SERVER_URL'] ?? '';
}

async function createServerDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `taskflow_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await withDatabaseClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    poolSize: 5,
    dispose: async () => {
      await withDatabaseClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function createEmbeddedDatabase(maxConnections: number): Promise<TestDatabase> {
  const server: EmbeddedPostgres = await startEmbeddedPostgres(undefined, maxConnections);
  // One connection per app, for the reason DatabaseModule gives for the embedded server.
  return { url: server.url, poolSize: 1, dispose: () => server.stop() };
}
