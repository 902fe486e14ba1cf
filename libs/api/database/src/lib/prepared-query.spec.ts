import { openTestDataSource } from '@taskflow/api-testing-db';
import { QueryFailedError, type DataSource } from 'typeorm';
import { preparedQuery } from './prepared-query';

/** On the run's test database: embedded PGlite, or DATABASE_URL's server (as in CI). */
describe(`preparedQuery on ${process.env['TASKFLOW_TEST_DATABASE']}`, () => {
  const label =
    process.env['TASKFLOW_TEST_DATABASE'] === 'embedded-pglite'
      ? 'embedded PGlite'
      : 'server';
  let db: DataSource;
  let other: DataSource;

  beforeAll(async () => {
    // One connection each, so the statements one session holds can be looked at; two data sources,
    // as two API processes on one database (on PGlite: on one session).
    db = await openTestDataSource({ poolSize: 1 });
    other = await openTestDataSource({ poolSize: 1 });
  });
  afterAll(async () => {
    await db?.destroy();
    await other?.destroy();
  });

  const prepared = async (source: DataSource) =>
    (
      (await source.query(
        `SELECT name FROM pg_prepared_statements WHERE statement LIKE '%marker_query%'`,
      )) as { name: string }[]
    ).map((r) => r.name);

  it('returns the rows, the same from every process, and prepares each text once per session on a server that keeps sessions apart', async () => {
    const text = `SELECT $1::int + 1 AS n, 'marker_query' AS m`;
    expect(await preparedQuery(db, text, [1])).toEqual([
      { n: 2, m: 'marker_query' },
    ]);
    expect(await preparedQuery(db, text, [41])).toEqual([
      { n: 42, m: 'marker_query' },
    ]);
    expect(await preparedQuery(other, text, [2])).toEqual([
      { n: 3, m: 'marker_query' },
    ]);
    expect(await preparedQuery(db, `${text}, 2 AS two`, [1])).toEqual([
      { n: 2, m: 'marker_query', two: 2 },
    ]);
    if (label === 'embedded PGlite') {
      expect(await prepared(db)).toEqual([]);
    } else {
      const names = await prepared(db);
      expect(names).toHaveLength(2);
      expect(names.every((name) => name.startsWith('tf_'))).toBe(true);
      expect(await prepared(other)).toHaveLength(1);
    }
  });

  it("reports PostgreSQL's errors as QueryFailedErrors with the SQLSTATE, as query() does", async () => {
    const failure = preparedQuery(db, 'SELECT 1 / $1::int AS n', [0]);
    await expect(failure).rejects.toBeInstanceOf(QueryFailedError);
    await expect(failure).rejects.toMatchObject({
      driverError: { code: '22012' },
    });
    expect(await preparedQuery(db, 'SELECT 1 / $1::int AS n', [1])).toEqual([
      { n: 1 },
    ]);
  });
});
