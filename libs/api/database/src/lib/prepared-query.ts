import { createHash } from 'node:crypto';
import { DatabaseError, type Pool } from 'pg';
import { QueryFailedError, type DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Named statements each pooled connection keeps parsed for good (pg never deallocates them), so
 * their number is bounded: past it, new texts run unnamed, planned every time as before.
 */
const MAX_NAMED = 200;
const names = new WeakMap<DataSource, Map<string, string>>();

/**
 * A statement run as a named prepared statement on the data source's pg pool: PostgreSQL parses
 * and plans it once per connection, then reuses the plan (TypeORM's `query()` never prepares, so
 * every hot statement was parsed and planned on every request). The name is a hash of the text,
 * so texts built from filters (a list query) get one statement each, and one text never has two
 * names. For statements outside a transaction whose text takes a bounded number of forms; errors
 * from PostgreSQL are QueryFailedErrors as from `query()`. Works on PGlite through pglite-socket,
 * whose one pooled connection is one session.
 */
export async function preparedQuery<T = Record<string, unknown>>(
  db: DataSource,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const pool = (db.driver as PostgresDriver).master as Pool;
  try {
    const result = await pool.query({ name: nameOf(db, text), text, values });
    return result.rows as T[];
  } catch (error) {
    throw error instanceof DatabaseError
      ? new QueryFailedError(text, values, error)
      : error;
  }
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
