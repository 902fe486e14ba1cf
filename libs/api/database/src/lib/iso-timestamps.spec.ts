import { types } from 'pg';
import { openTestDataSource } from '@taskflow/api-testing-db';
import type { DataSource } from 'typeorm';
import { isoTimestamp, ISO_TIMESTAMPS } from './iso-timestamps';
import { preparedQuery } from './prepared-query';

const viaDate = (text: string) => (types.getTypeParser(1184, 'text') as (t: string) => Date)(text).toISOString();

describe('isoTimestamp', () => {
  it.each([
    '2026-12-01 19:12:57.774+00',
    '2026-12-01 19:12:57.77+00',
    '2026-12-01 19:12:57.7+00',
    '2026-12-01 19:12:57+00',
    '1999-01-01 00:00:00.001+00',
    // Not a UTC session's millisecond text: read through the Date.
    '2026-12-01 20:12:57.774+01',
    '2026-12-01 14:42:57.5-04:30',
    '2026-12-01 19:12:57.774123+00',
    '12026-12-01 19:12:57.774+00',
  ])('writes %s as toISOString() writes the same instant', (text) => {
    expect(isoTimestamp(text)).toBe(viaDate(text));
  });
});

/** On the run's test database: embedded PGlite, or DATABASE_URL's server. */
describe('ISO_TIMESTAMPS on the test database', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDataSource({ poolSize: 1 });
  });
  afterAll(() => db?.destroy());

  it('reads timestamptz(3) values as the ISO text of the Dates pg would make, and leaves other types to pg', async () => {
    const sql = `SELECT v::timestamptz(3) AS at, 7::int AS n, '2030-01-02'::date::text AS d
                   FROM unnest(ARRAY['2026-12-01 19:12:57.774Z', '2026-12-01 19:12:57.7Z', '2026-12-01 19:12:57Z', '1970-01-01 00:00:00.001Z']::text[]) AS v
                  ORDER BY v`;
    const asDates = await preparedQuery<{ at: Date }>(db, sql, []);
    const asText = await preparedQuery<{ at: string; n: number; d: string }>(db, sql, [], ISO_TIMESTAMPS);
    expect(asText.map((row) => row.at)).toEqual(asDates.map((row) => row.at.toISOString()));
    expect(asText[0]).toMatchObject({ n: 7, d: '2030-01-02' });
  });
});
