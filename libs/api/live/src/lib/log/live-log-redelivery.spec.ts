import { connectRedis, type RedisClient } from '@taskflow/api-redis';
import { randomBytes, randomUUID } from 'node:crypto';
import type { LiveLog, NewEntry } from './live-log';
import { MemoryLiveLog } from './memory-live-log';
import { RedisLiveLog } from './redis-live-log';
import { LOG_START } from './stream-id';

// Both logs behind one spec: the memory log always, the Redis Stream against the real Redis.
const redisUrl = process.env['REDIS_URL'];
if (!redisUrl) console.log('live-log-redelivery.spec: RedisLiveLog skipped, it needs Redis (REDIS_URL)');

const entry = (projectId: string): NewEntry => ({
  eventId: randomUUID(),
  event: { type: 'project.updated', projectIds: [projectId], userId: null, data: { projectId, actor: { id: 'a', username: 'a' } } },
});

let client: RedisClient | undefined;
const prefix = `taskflow-test:${randomBytes(4).toString('hex')}:`;
const keys: string[] = [];

/** A log on a stream of its own, empty. */
function freshRedisLog(): RedisLiveLog {
  const keyPrefix = `${prefix}${keys.length}:`;
  keys.push(`${keyPrefix}live:events`);
  return new RedisLiveLog(client as RedisClient, keyPrefix);
}

beforeAll(async () => {
  if (!redisUrl) return;
  client = connectRedis(redisUrl);
  await client.connect();
});
afterAll(async () => {
  if (keys.length > 0) await client?.del(keys);
  client?.destroy();
});

const implementations: [string, () => LiveLog][] = [['MemoryLiveLog', () => new MemoryLiveLog()]];
if (redisUrl) implementations.push(['RedisLiveLog', freshRedisLog]);

describe.each(implementations)('%s: a redelivered batch', (_name, openLog) => {
  const projectsInLog = async (log: LiveLog) => (await log.after(LOG_START, 10_000)).map((kept) => kept.event.projectIds[0]);

  it('appends nothing twice when the log holds the whole batch', async () => {
    const log = openLog();
    const batch = [entry('a'), entry('b'), entry('c')];
    await log.append(batch);
    const head = await log.head();
    await log.append(batch, { skipKnown: true });
    expect(await log.head()).toBe(head);
    expect(await projectsInLog(log)).toEqual(['a', 'b', 'c']);
  });

  it('appends, in order, the part of the batch the log does not hold yet', async () => {
    const log = openLog();
    const batch = [entry('a'), entry('b'), entry('c'), entry('d')];
    await log.append(batch.slice(0, 2));
    await log.append(batch, { skipKnown: true });
    expect(await projectsInLog(log)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('recognises a batch longer than RECENT_ENTRIES, as far back as its own length', async () => {
    const log = openLog();
    const batch = Array.from({ length: 1_200 }, (_, index) => entry(`p${index}`));
    await log.append(batch);
    await log.append(batch, { skipKnown: true });
    expect(await projectsInLog(log)).toHaveLength(1_200);
  });

  it('compares nothing on a first delivery: every entry is appended', async () => {
    const log = openLog();
    const again = entry('again');
    await log.append([again]);
    await log.append([again]);
    expect(await projectsInLog(log)).toEqual(['again', 'again']);
  });
});

(redisUrl ? describe : describe.skip)('RedisLiveLog: the common path', () => {
  it('sends a first delivery as one MULTI of XADDs and reads nothing; only a redelivery reads the tail', async () => {
    const redis = client as RedisClient;
    const log = freshRedisLog();
    const sent = jest.spyOn(redis, 'sendCommand');
    const multi = jest.spyOn(redis, 'multi');
    try {
      await log.append([entry('a'), entry('b')]);
      expect(sent.mock.calls.filter(([command]) => (command as string[])[0] !== 'XADD')).toEqual([]);
      expect(multi).toHaveBeenCalledTimes(1);
      sent.mockClear();
      await log.append([entry('c')], { skipKnown: true });
      expect(sent.mock.calls.map(([command]) => (command as string[])[0]).filter((name) => name !== 'XADD')).toEqual(['XREVRANGE']);
    } finally {
      sent.mockRestore();
      multi.mockRestore();
    }
  });
});
