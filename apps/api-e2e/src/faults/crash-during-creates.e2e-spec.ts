import { uniqueUsername } from '@taskflow/api-testing';
import { Client } from 'pg';
import { startBuiltApi, type RunningApi } from '../platform/built-api';

const env = () => ({
  DATABASE_URL: process.env['DATABASE_URL'] ?? '',
  DATABASE_POOL_SIZE: process.env['DATABASE_POOL_SIZE'] ?? '4',
  SECRET_KEY: 'crash-test-secret-that-is-long-enough-0123456789',
  RATE_LIMIT_REGISTRATIONS: '1000',
});

async function sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: process.env['DATABASE_URL'] });
  await client.connect();
  try {
    return (await client.query(query, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('kill -9 of the API during a burst of creates', () => {
  jest.setTimeout(300_000);
  let api: RunningApi | undefined;
  afterAll(() => {
    api?.process.kill('SIGKILL');
  });

  it('keeps every task that got a 201, each with exactly one task.created event once the relay catches up', async () => {
    api = await startBuiltApi(env());
    const username = uniqueUsername('crash');
    const password = 'crash test password';
    const post = (base: string, path: string, body: unknown, token?: string) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    expect((await post(api.baseUrl, '/api/users', { username, email: `${username}@example.com`, password })).status).toBe(201);
    const token = ((await (await post(api.baseUrl, '/api/token', { grant_type: 'password', username, password })).json()) as { access_token: string }).access_token;

    // A steady stream of creates; the process is killed in the middle of it.
    const acknowledged: string[] = [];
    let stop = false;
    const base = api.baseUrl;
    const writers = Array.from({ length: 8 }, async (_, writer) => {
      for (let i = 0; !stop; i += 1) {
        try {
          const response = await post(base, '/api/tasks', { title: `crash ${writer}-${i}` }, token);
          if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
        } catch {
          return; // connection reset by the kill
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    api.process.kill('SIGKILL');
    await api.exited;
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(5);

    // Every acknowledged task survived the crash.
    const stored = await sql<{ id: string }>(`SELECT id FROM tasks WHERE id = ANY($1::uuid[])`, [acknowledged]);
    expect(stored.map((row) => row.id).sort()).toEqual([...acknowledged].sort());

    // A new process delivers what the dead one left in the outbox to the activity store; nothing is lost or doubled.
    api = await startBuiltApi(env());
    const deadline = Date.now() + 60_000;
    const storedEvents = () =>
      sql<{ task_id: string; n: number }>(
        `SELECT task_id, count(*)::int AS n FROM activity_events WHERE type = 'task.created' AND task_id = ANY($1::uuid[]) GROUP BY task_id`,
        [acknowledged],
      );
    let events = await storedEvents();
    while (events.length < acknowledged.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      events = await storedEvents();
    }
    expect(events).toHaveLength(acknowledged.length);
    expect(events.every((row) => row.n === 1)).toBe(true);
  });
});
