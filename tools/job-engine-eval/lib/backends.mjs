// The two databases TaskFlow runs on: a fresh database on the PostgreSQL server, and PGlite behind
// pglite-socket started the way libs/api/database/src/lib/embedded-postgres.ts starts it.
import { importModule, requireModule } from './modules.mjs';

const ADMIN_URL = process.env.JOBEVAL_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The API's own figure: the socket server accepts 4 connections, the API's pool uses 1. */
const EMBEDDED_MAX_CONNECTIONS = 4;

/** A client whose statements the probe's query counter leaves out (it is the evaluation's, not the engine's). */
export async function adminClient(connectionString = ADMIN_URL) {
  const { Client } = requireModule('pg');
  const client = new Client({ connectionString, application_name: 'jobeval-admin' });
  client.jobevalUncounted = true;
  await client.connect();
  return client;
}

export async function startPostgresDatabase(engine) {
  const admin = await adminClient();
  const name = `jobeval_${engine.replace(/\W/g, '_')}`;
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const stat = async (sql) => (await admin.query(sql, [name])).rows;
  return {
    kind: 'postgres',
    url: url.href,
    /** On a connection of its own, closed at once, so the engine's connections are counted alone. */
    async inspect(sql) {
      const client = await adminClient(url.href);
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    },
    async transactions() {
      const [row] = await stat(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1`);
      return Number(row.n);
    },
    async connections() {
      const [row] = await stat(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1`);
      return Number(row.n);
    },
    async stop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function startEmbeddedDatabase() {
  const [{ PGlite }, { PGLiteSocketServer }, { pgcrypto }, { pg_trgm }] = await Promise.all([
    importModule('@electric-sql/pglite'),
    importModule('@electric-sql/pglite-socket'),
    importModule('@electric-sql/pglite/contrib/pgcrypto'),
    importModule('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  const db = await PGlite.create({ extensions: { pgcrypto, pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: EMBEDDED_MAX_CONNECTIONS });
  await server.start();
  return {
    kind: 'pglite',
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    inspect: async (sql) => (await db.query(sql)).rows,
    // PGlite keeps no pg_stat_database; the probe's client-side statement count stands in.
    transactions: async () => undefined,
    connections: async () => server.getStats().activeConnections,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
