import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';

export interface EmbeddedPostgres {
  /** A `postgres://` URL the ordinary `pg` driver connects to. */
  url: string;
  /** How many connections the socket server accepts; pools must not exceed it. */
  maxConnections: number;
  stop(): Promise<void>;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite) behind a local socket, so the very same `pg`
 * driver, migrations and SQL run with no server installed. `dataDir` undefined keeps it in memory.
 * PGlite runs one session; the socket server queues queries and keeps a transaction's
 * statements together, so correctness holds, only concurrency is lost.
 */
export async function startEmbeddedPostgres(dataDir?: string, maxConnections = 4): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // The extensions are published with ESM-only typings; import() reaches them from CommonJS.
  const [{ pgcrypto }, { pg_trgm }] = await Promise.all([
    import('@electric-sql/pglite/contrib/pgcrypto'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  const db = await PGlite.create({ dataDir, extensions: { pgcrypto, pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    maxConnections,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
