import { migrations as appMigrations, runMigrations } from '@taskflow/api-database';
import { DataSource, type DataSourceOptions } from 'typeorm';

export interface TestDataSourceOptions {
  /** Defaults to DATABASE_URL: the run's migrated database, once the global setup has run. */
  url?: string;
  /** Defaults to DATABASE_POOL_SIZE, the size the global setup chose for the run's database. */
  poolSize?: number;
  /** For specs of repositories built on TypeORM entities. */
  entities?: DataSourceOptions['entities'];
}

/** A TypeORM data source as the app configures it (the app's migrations and migrations table). */
export async function openTestDataSource(options: TestDataSourceOptions = {}): Promise<DataSource> {
  return dataSource(options, appMigrations);
}

/**
 * Applies those of `migrations` (by default the app's, in order) that the database lacks, as the
 * app does at start-up; returns the names applied. A prefix of the list stops at that version.
 */
export async function migrateTestDatabase(url: string, migrations: readonly Migration[] = appMigrations): Promise<string[]> {
  const source = await dataSource({ url, poolSize: 1 }, migrations);
  try {
    return await runMigrations(source);
  } finally {
    await source.destroy();
  }
}

type Migration = (typeof appMigrations)[number];

function dataSource(options: TestDataSourceOptions, migrations: readonly Migration[]): Promise<DataSource> {
  const url = options.url ?? process.env['DATABASE_URL'];
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set: run this spec through a jest config whose globalSetup is api-testing-db's src/lib/global-setup.ts",
    );
  }
  return new DataSource({
    type: 'postgres',
    url,
    entities: options.entities ?? [],
    migrations: [...migrations],
    migrationsTableName: 'migrations',
    extra: { max: options.poolSize ?? Number(process.env['DATABASE_POOL_SIZE'] ?? 1) },
  }).initialize();
}
