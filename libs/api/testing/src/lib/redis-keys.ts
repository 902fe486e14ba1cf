import { createClient } from '@redis/client';

/**
 * Deletes the keys under a prefix, for apps that have stopped. Cache generations and the live log's
 * stream have no expiry (they live as long as the data), so every run would leave them behind in
 * the machine's Redis. Best effort: a Redis that is down (a suite's point) has nothing to clean.
 */
export async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 1_000 } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) await client.unlink(keys);
    }
  } catch {
    // Nothing reachable to clean.
  } finally {
    if (client.isOpen) await client.quit();
  }
}
