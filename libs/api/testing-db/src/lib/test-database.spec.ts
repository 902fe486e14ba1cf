import { migrations } from '@taskflow/api-database';
import type { DataSource } from 'typeorm';
import { withDatabaseClient } from './database-client';
import { migrateTestDatabase, openTestDataSource } from './test-data-source';
import { createEmptyTestDatabase, createPrivateTestDatabase } from './test-database';

const embedded = process.env['TASKFLOW_TEST_DATABASE'] === 'embedded-pglite';
const appliedMigrations = async (source: DataSource) =>
  ((await source.query('SELECT name FROM migrations ORDER BY id')) as { name: string }[]).map((row) => row.name);
const tables = async (url: string) =>
  withDatabaseClient(url, async (client) => (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rowCount);

describe(`the test database helpers on ${process.env['TASKFLOW_TEST_DATABASE']}`, () => {
  it("open the run's database with every one of the app's migrations applied, and nothing left pending", async () => {
    const source = await openTestDataSource({ poolSize: 1 });
    try {
      expect(await appliedMigrations(source)).toEqual(migrations.map((migration) => migration.name));
      expect(await source.showMigrations()).toBe(false);
    } finally {
      await source.destroy();
    }
  });

  it('give an empty database of its own that migrates step by step, and is gone once disposed', async () => {
    const database = await createEmptyTestDatabase();
    let disposed = false;
    try {
      expect(database.url).not.toBe(process.env['DATABASE_URL']);
      expect(await tables(database.url)).toBe(0);
      expect(await migrateTestDatabase(database.url, migrations.slice(0, 2))).toEqual(migrations.slice(0, 2).map((m) => m.name));
      expect(await migrateTestDatabase(database.url)).toEqual(migrations.slice(2).map((m) => m.name));
      expect(await migrateTestDatabase(database.url)).toEqual([]);
      await database.dispose();
      disposed = true;
      await expect(tables(database.url)).rejects.toThrow();
    } finally {
      if (!disposed) await database.dispose();
    }
  });

  it(
    embedded
      ? "give the run's own database as the private one when embedded, which disposing leaves running"
      : "give a migrated private database apart from the run's on a server, dropped once disposed",
    async () => {
      const database = await createPrivateTestDatabase();
      if (embedded) {
        expect(database.url).toBe(process.env['DATABASE_URL']);
        await database.dispose();
        expect(await tables(database.url)).toBeGreaterThan(0);
        return;
      }
      expect(database.url).not.toBe(process.env['DATABASE_URL']);
      const source = await openTestDataSource({ url: database.url, poolSize: 1 });
      try {
        expect(await appliedMigrations(source)).toEqual(migrations.map((migration) => migration.name));
        expect(await source.query('SELECT count(*)::int AS n FROM users')).toEqual([{ n: 0 }]);
      } finally {
        await source.destroy();
        await database.dispose();
      }
      await expect(tables(database.url)).rejects.toThrow(/does not exist/);
    },
  );

  it('refuse, saying why, to open a data source without a database to open', async () => {
    const saved = process.env['DATABASE_URL'];
    delete process.env['DATABASE_URL'];
    try {
      await expect(openTestDataSource()).rejects.toThrow(/DATABASE_URL is not set.*global-setup/);
    } finally {
      process.env['DATABASE_URL'] = saved;
    }
  });
});
