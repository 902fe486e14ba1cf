// Redis helpers of the bench scripts.
import { createClient } from '@redis/client';

/**
 * Deletes every key under `prefix`. A bench run's cache generations have no expiry (the API keeps
 * them for as long as the data lives), so without this each run leaves its keys in a shared Redis.
 */
export async function dropRedisKeys(url, prefix) {
  const client = createClient({ url });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    await client.quit();
  }
}
