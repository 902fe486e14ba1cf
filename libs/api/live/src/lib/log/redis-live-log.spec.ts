import { connectRedis, type RedisClient } from '@taskflow/api-redis';
import { randomBytes, randomUUID } from 'node:crypto';
import type { NewEntry } from './live-log';
import { RedisLiveLog } from './redis-live-log';
import { LOG_START } from './stream-id';

// Against the real Redis: what a stream opened on an empty log may resume from depends on XINFO's counters.
const redisUrl = process.env['REDIS_URL'];
if (!redisUrl) console.log('redis-live-log.spec: skipped, it needs Redis (REDIS_URL)');
const describeWithRedis = redisUrl ? describe : describe.skip;

const event = (projectId: string): NewEntry => ({
  eventId: randomUUID(),
  event: { type: 'project.updated', projectIds: [projectId], userId: null, data: { projectId, actor: { id: 'a', username: 'a' } } },
});

describeWithRedis('RedisLiveLog', () => {
  let client: RedisClient;
  const prefix = `taskflow-test:${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    client = connectRedis(redisUrl ?? '');
    await client.connect();
  });
  afterAll(async () => {
    await client.del(`${prefix}live:events`);
    client.destroy();
  });

  it('resumes from LOG_START (a stream opened on the empty log) until an entry has been trimmed', async () => {
    const log = new RedisLiveLog(client, prefix, 50);
    expect(await log.head()).toBe(LOG_START);
    expect(await log.keepsAfter(LOG_START)).toBe(true);
    await log.append([event('first')]);
    const [first] = await log.after(LOG_START, 1);
    expect(await log.keepsAfter(LOG_START)).toBe(true);
    expect(await log.keepsAfter(first?.id ?? '')).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 80));
    // MINID trimming is approximate ("~"): exact here, as a full node would be trimmed.
    await client.sendCommand(['XTRIM', `${prefix}live:events`, 'MINID', `${Date.now() - 50}-0`]);
    await log.append([event('second')]);
    expect(await log.keepsAfter(LOG_START)).toBe(false);
    expect(await log.keepsAfter(first?.id ?? '')).toBe(false);
    expect((await log.after(LOG_START, 10)).map((e) => e.event.projectIds[0])).toEqual(['second']);
  });
});
