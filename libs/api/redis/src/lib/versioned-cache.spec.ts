import { randomBytes } from 'node:crypto';
import { MemoryVersionedCache } from './memory-versioned.cache';
import { connectRedis, type RedisClient } from './redis-client.provider';
import { RedisVersionedCache } from './redis-versioned.cache';
import type { VersionedCache } from './versioned-cache';

function describeVersionedCache(name: string, create: () => Promise<{ cache: VersionedCache; dispose(): Promise<void> }>) {
  describe(`${name} versioned cache`, () => {
    let cache: VersionedCache;
    let dispose: () => Promise<void>;

    beforeEach(async () => {
      ({ cache, dispose } = await create());
    });
    afterEach(() => dispose());

    it('misses first, then serves what was stored under the stamp it handed out', async () => {
      const miss = await cache.read('user-1', 'list?a');
      expect(miss.hit).toBe(false);
      if (miss.hit || miss.stamp === undefined) throw new Error('expected a stamp');
      await cache.write('user-1', 'list?a', miss.stamp, '{"n":1}', 60);
      expect(await cache.read('user-1', 'list?a')).toEqual({ hit: true, value: '{"n":1}' });
    });

    it('never serves an entry stored before an invalidation of its scope', async () => {
      const before = await cache.read('user-1', 'k');
      if (before.hit || before.stamp === undefined) throw new Error('expected a stamp');
      await cache.invalidate('user-1');
      // A reader that raced the write stores its stale value with the stamp it had.
      await cache.write('user-1', 'k', before.stamp, 'stale', 60);
      expect((await cache.read('user-1', 'k')).hit).toBe(false);
    });

    it('keeps scopes apart', async () => {
      const a = await cache.read('user-a', 'k');
      if (a.hit || a.stamp === undefined) throw new Error('expected a stamp');
      await cache.write('user-a', 'k', a.stamp, 'a', 60);
      await cache.invalidate('user-b');
      expect(await cache.read('user-a', 'k')).toEqual({ hit: true, value: 'a' });
      expect((await cache.read('user-b', 'k')).hit).toBe(false);
    });

    it('reads a chained entry in one read, retired by its head, its own scope or any scope the head depends on', async () => {
      const head = { scope: 'memberships:u', key: 'all' };
      const tail = { scope: 'tasks:u', key: 'list' };
      const cold = await cache.readChained(head, tail);
      expect(cold).toEqual({ head: { hit: false, stamp: expect.any(String) } });
      await cache.write(head.scope, head.key, cold.head.stamp as string, '["p1","p2"]', 60, ['project:p1', 'project:p2']);
      expect(await cache.read(head.scope, head.key)).toEqual({ hit: true, value: '["p1","p2"]' });

      const storeTail = async (value: string) => {
        const read = await cache.readChained(head, tail);
        expect(read.head).toEqual({ hit: true, value: '["p1","p2"]' });
        expect(read.tail?.hit).toBe(false);
        await cache.write(tail.scope, tail.key, read.tail?.stamp as string, value, 60);
        expect((await cache.readChained(head, tail)).tail).toEqual({ hit: true, value });
      };
      await storeTail('v1');
      await cache.invalidate('project:p3');
      expect((await cache.readChained(head, tail)).tail).toEqual({ hit: true, value: 'v1' });
      for (const scope of ['project:p1', 'project:p2', 'tasks:u']) {
        await cache.invalidate(scope);
        expect((await cache.readChained(head, tail)).tail?.hit).toBe(false);
        await storeTail(`after ${scope}`);
      }
      await cache.invalidate(head.scope);
      expect((await cache.readChained(head, tail)).head.hit).toBe(false);
    });
  });
}

describeVersionedCache('in-memory', async () => ({ cache: new MemoryVersionedCache(), dispose: async () => undefined }));

const redisUrl = process.env['REDIS_URL'];
if (redisUrl) {
  describeVersionedCache('Redis', async () => {
    const client: RedisClient = connectRedis(redisUrl);
    await client.connect();
    const prefix = `taskflow-test:${randomBytes(4).toString('hex')}:`;
    const cache = new RedisVersionedCache(client, prefix);
    const dispose = async () => {
      // Generations never expire: the test's keys go with it.
      for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) if (keys.length > 0) await client.unlink(keys);
      await client.close();
    };
    return { cache, dispose };
  });
} else {
  console.info('Redis versioned cache suite skipped: REDIS_URL is not set (it runs in CI against the real Redis).');
}
