// PostgreSQL helpers of the bench scripts.
import pg from 'pg';

export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Pids of the backends serving the database at `databaseUrl` (but this query's own), optionally
 * only those whose application_name is `applicationName`. pg_stat_statements would need
 * shared_preload_libraries, which the local server does not set; /proc of these pids gives their CPU.
 */
export async function backendPids(databaseUrl, applicationName) {
  return withClient(databaseUrl, async (c) => {
    const { rows } = await c.query(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND ($1::text IS NULL OR application_name = $1)',
      [applicationName ?? null],
    );
    return rows.map((row) => row.pid);
  });
}

/** A throwaway database on the server at `serverUrl`: its URL, and `drop()`. */
export async function createScratchDatabase(serverUrl, name) {
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString(),
    drop: () => withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}
