import { Client } from 'pg';

/**
 * One connection of its own, outside any pool: for statements that cannot run in a pool's
 * transaction (CREATE/DROP DATABASE), or SQL a spec must send exactly as written (its own BEGIN).
 */
export async function withDatabaseClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
