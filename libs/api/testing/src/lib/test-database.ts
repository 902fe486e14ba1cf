import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { migrations, runMigrations, startEmbeddedPostgres, type EmbeddedPostgres } from '@taskflow/api-database';

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
  const database = serverUrl ? await createServerDatabase(serverUrl) : await createEmbeddedDatabase();
  await migrate(database.url);
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
  const serverUrl = process.env['TASKFLOW_TEST_SERVER_URL'];
  if (!serverUrl) {
    return { url: process.env['DATABASE_URL'] ?? '', poolSize: Number(process.env['DATABASE_POOL_SIZE'] ?? 1), dispose: async () => undefined };
  }
  const database = await createServerDatabase(serverUrl);
  await migrate(database.url);
  return database;
}

async function createServerDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `taskflow_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    poolSize: 5,
    dispose: async () => {
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function createEmbeddedDatabase(): Promise<TestDatabase> {
  const server: EmbeddedPostgres = await startEmbeddedPostgres(undefined, 40);
  // One connection per app, for the reason DatabaseModule gives for the embedded server.
  return { url: server.url, poolSize: 1, dispose: () => server.stop() };
}

async function migrate(url: string): Promise<void> {
  const dataSource = await new DataSource({ type: 'postgres', url, migrations, migrationsTableName: 'migrations', extra: { max: 1 } }).initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
