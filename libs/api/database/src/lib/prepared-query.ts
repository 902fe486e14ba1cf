import { createHash } from 'node:crypto';
import { DatabaseError, type CustomTypesConfig, type Pool } from 'pg';
import { QueryFailedError, type DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Named statements each pooled connection keeps parsed for good (pg never deallocates them), so
 * their number is bounded: past it, new texts run unnamed, planned every time as before.
 */
const MAX_NAMED = 200;
const names = new WeakMap<DataSource, Map<string, string>>();
const serverKeepsSessionsApart = new WeakMap<DataSource, Promise<boolean>>();

/**
 * A statement run as a named prepared statement on the data source's pg pool: PostgreSQL parses
 * and plans it once per connection, then reuses the plan (TypeORM's `query()` never prepares, so
 * every hot statement was parsed and planned on every request). The name is a hash of the text,
 * so texts built from filters (a list query) get one statement each, and one text never has two
 * names. For statements outside a transaction whose text takes a bounded number of forms; errors
 * from PostgreSQL are QueryFailedErrors as from `query()`. On PGlite (through pglite-socket) every
 * connection shares its one session, so a name prepared by one connection would collide with the
 * same name prepared by another ("prepared statement already exists"): there, statements run
 * unnamed. `types` replaces pg's type parsers for this query (e.g. ISO_TIMESTAMPS).
 */
export async function preparedQuery<T = Record<string, unknown>>(
  db: DataSource,
  text: string,
  values: unknown[],
  types?: CustomTypesConfig,
): Promise<T[]> {
  const pool = (db.driver as PostgresDriver).master as Pool;
  try {
    const name = (await namesStatements(db, pool))
      ? nameOf(db, text)
      : undefined;
    const result = await pool.query({ name, text, values, types });
    return result.rows as T[];
  } catch (error) {
    throw error instanceof DatabaseError
      ? new QueryFailedError(text, values, error)
      : error;
  }
}

/** Asked once per data source: the server's version string names PGlite. */
function namesStatements(db: DataSource, pool: Pool): Promise<boolean> {
  let answer = serverKeepsSessionsApart.get(db);
  if (!answer) {
    answer = pool
      .query<{ version: string }>('SELECT version() AS version')
      .then(
        (result) => !result.rows[0]?.version.includes('PGlite'),
        () => {
          serverKeepsSessionsApart.delete(db); // unreachable now: ask again next time
          return false;
        },
      );
    serverKeepsSessionsApart.set(db, answer);
  }
  return answer;
}

function nameOf(db: DataSource, text: string): string | undefined {
  let known = names.get(db);
  if (!known) names.set(db, (known = new Map()));
  const name = known.get(text);
  if (name !== undefined || known.size >= MAX_NAMED) return name;
  const hashed = `tf_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  known.set(text, hashed);
  return hashed;
}
