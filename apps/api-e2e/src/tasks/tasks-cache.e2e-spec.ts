import { createUser, dropRedisKeys, HttpClient, startTestApp, type TestApp, type TestUser } from '@taskflow/api-testing';
import type { Task, TaskList } from '@taskflow/shared-contracts';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

const create = (http: HttpClient, user: TestUser, title: string) =>
  http.post<Task>('/api/tasks', { token: user.accessToken, json: { title } }).then((r) => r.body);

describe('task reads are cached per user and never stale after a write', () => {
  let testApp: TestApp;
  let http: HttpClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(() => testApp.close());

  it('serves a repeated read from the cache, and Cache-Control: no-cache from the database', async () => {
    const user = await createUser(http);
    const task = await create(http, user, 'cached title');
    expect((await http.get<Task>(`/api/tasks/${task.id}`, { token: user.accessToken })).body.title).toBe('cached title');
    // Changed behind the API's back: only a cache explains the old title on the next read.
    await testApp.app.get(DataSource).query(`UPDATE tasks SET title = 'changed in SQL' WHERE id = $1`, [task.id]);
    expect((await http.get<Task>(`/api/tasks/${task.id}`, { token: user.accessToken })).body.title).toBe('cached title');
    const fresh = await http.get<Task>(`/api/tasks/${task.id}`, { token: user.accessToken, headers: { 'cache-control': 'no-cache' } });
    expect(fresh.body.title).toBe('changed in SQL');
  });

  it('shows every 2xx write on the very next read of the item and of the list', async () => {
    const user = await createUser(http);
    const task = await create(http, user, 'first');
    const list = () => http.get<TaskList>('/api/tasks', { token: user.accessToken }).then((r) => r.body);
    expect((await list()).items.map((t) => t.title)).toEqual(['first']);

    await http.patch(`/api/tasks/${task.id}`, { token: user.accessToken, json: { title: 'renamed' } });
    expect((await list()).items.map((t) => t.title)).toEqual(['renamed']);
    expect((await http.get<Task>(`/api/tasks/${task.id}`, { token: user.accessToken })).body.version).toBe(2);

    await create(http, user, 'second');
    expect((await list()).total).toBe(2);

    await http.delete(`/api/tasks/${task.id}`, { token: user.accessToken });
    expect((await list()).items.map((t) => t.title)).toEqual(['second']);
    expect((await http.get(`/api/tasks/${task.id}`, { token: user.accessToken })).status).toBe(404);
  });

  it("keeps users' caches apart", async () => {
    const [alice, bob] = await Promise.all([createUser(http), createUser(http)]);
    await create(http, alice, 'alice only');
    expect((await http.get<TaskList>('/api/tasks', { token: alice.accessToken })).body.total).toBe(1);
    expect((await http.get<TaskList>('/api/tasks', { token: bob.accessToken })).body.total).toBe(0);
  });
});

const redisUrl = process.env['REDIS_URL'];
const describeWithRedis = redisUrl ? describe : describe.skip;
if (!redisUrl) console.info('Two-replica cache test skipped: REDIS_URL is not set (in-memory caches are per process).');

describeWithRedis('two API processes sharing Redis', () => {
  let one: TestApp;
  let two: TestApp;
  const prefix = `taskflow-test:${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    const shared = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix };
    one = await startTestApp(shared);
    two = await startTestApp(shared);
  });
  afterAll(async () => {
    await two.close();
    await one.close();
    if (redisUrl) await dropRedisKeys(redisUrl, prefix);
  });

  it('reads a write made through one process through the other, never from a stale cache', async () => {
    const viaOne = new HttpClient(one.baseUrl);
    const viaTwo = new HttpClient(two.baseUrl);
    const user = await createUser(viaOne);
    const task = await create(viaOne, user, 'v1');
    // Warm the second process's view of the cache.
    expect((await viaTwo.get<TaskList>('/api/tasks', { token: user.accessToken })).body.items[0]?.title).toBe('v1');
    expect((await viaTwo.get<Task>(`/api/tasks/${task.id}`, { token: user.accessToken })).body.title).toBe('v1');

    for (let version = 2; version <= 6; version += 1) {
      const patched = await viaOne.patch<Task>(`/api/tasks/${task.id}`, { token: user.accessToken, json: { title: `v${version}` } });
      expect(patched.status).toBe(200);
      expect((await viaTwo.get<Task>(`/api/tasks/${task.id}`, { token: user.accessToken })).body.title).toBe(`v${version}`);
      expect((await viaTwo.get<TaskList>('/api/tasks', { token: user.accessToken })).body.items[0]?.title).toBe(`v${version}`);
    }
  });
});
