import { DataSource } from 'typeorm';

/** A small pool on the run's migrated test database (see the jest globalSetup). */
export async function openTestDataSource(): Promise<DataSource> {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set: run through the jest config with the test globalSetup');
  return new DataSource({ type: 'postgres', url, extra: { max: 3 } }).initialize();
}
