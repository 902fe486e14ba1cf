import { HttpClient, startTestApp, type TestApp } from '@taskflow/api-testing';
import type { Task, TaskList } from '@taskflow/shared-contracts';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addMember, createTaskIn, createTeam } from './project-helpers';

const titles = (list: TaskList) => list.items.map((task) => task.title).sort();

describe('shared reads through the cache (one process)', () => {
  let testApp: TestApp;
  let http: HttpClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(() => testApp.close());

  it("serves a member's repeated list from the cache, and shows another member's write on the very next read", async () => {
    const { owner, viewer, project } = await createTeam(http);
    const task = await createTaskIn(http, owner, project.id, { title: 'first' });
    const list = () => http.get<TaskList>(`/api/tasks?projectId=${project.id}`, { token: viewer.accessToken }).then((r) => r.body);
    expect(titles(await list())).toEqual(['first']);
    // Changed behind the API's back: only a cache explains the old title on the next read.
    await testApp.app.get(DataSource).query(`UPDATE tasks SET title = 'changed in SQL' WHERE id = $1`, [task.id]);
    expect(titles(await list())).toEqual(['first']);
    await http.post('/api/tasks', { token: owner.accessToken, json: { title: 'second', projectId: project.id } });
    expect(titles(await list())).toEqual(['changed in SQL', 'second']);
  });
});

const redisUrl = process.env['REDIS_URL'];
const describeWithRedis = redisUrl ? describe : describe.skip;
if (!redisUrl) console.info('Two-replica membership test skipped: REDIS_URL is not set (in-memory caches are per process).');

describeWithRedis('two API processes sharing PostgreSQL and Redis', () => {
  let one: TestApp;
  let two: TestApp;
  let viaOne: HttpClient;
  let viaTwo: HttpClient;

  beforeAll(async () => {
    const shared = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `taskflow-test:${randomBytes(4).toString('hex')}:` };
    one = await startTestApp(shared);
    two = await startTestApp(shared);
    viaOne = new HttpClient(one.baseUrl);
    viaTwo = new HttpClient(two.baseUrl);
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  it('shows a write through A to every member reading through B at once', async () => {
    const { owner, editor, project } = await createTeam(viaOne);
    await createTaskIn(viaOne, owner, project.id, { title: 'v1' });
    const list = () => viaTwo.get<TaskList>(`/api/tasks?projectId=${project.id}`, { token: editor.accessToken }).then((r) => r.body);
    expect(titles(await list())).toEqual(['v1']);
    expect(titles(await list())).toEqual(['v1']);
    await createTaskIn(viaOne, owner, project.id, { title: 'v2' });
    expect(titles(await list())).toEqual(['v1', 'v2']);
  });

  it('answers 404 through B to a member removed through A, on the very next request', async () => {
    const { owner, viewer, project } = await createTeam(viaOne);
    const task = await createTaskIn(viaOne, owner, project.id, { title: 'secret' });
    // Warm B: the viewer's memberships, the task and the list are all cached there now.
    expect((await viaTwo.get(`/api/projects/${project.id}`, { token: viewer.accessToken })).status).toBe(200);
    expect((await viaTwo.get<Task>(`/api/tasks/${task.id}`, { token: viewer.accessToken })).status).toBe(200);
    expect((await viaTwo.get<TaskList>('/api/tasks', { token: viewer.accessToken })).body.items.map((t) => t.id)).toContain(task.id);

    expect((await viaOne.delete(`/api/projects/${project.id}/members/${viewer.user.id}`, { token: owner.accessToken })).status).toBe(204);
    expect((await viaTwo.get<Task>(`/api/tasks/${task.id}`, { token: viewer.accessToken })).status).toBe(404);
    expect((await viaTwo.get(`/api/projects/${project.id}`, { token: viewer.accessToken })).status).toBe(404);
    expect((await viaTwo.get(`/api/tasks/${task.id}/comments`, { token: viewer.accessToken })).status).toBe(404);
    expect((await viaTwo.get<TaskList>('/api/tasks', { token: viewer.accessToken })).body.items.map((t) => t.id)).not.toContain(task.id);
  });

  it('lets a member added through A in through B at once, and a demoted editor write no more', async () => {
    const { owner, editor, outsider, project } = await createTeam(viaOne);
    expect((await viaTwo.get(`/api/projects/${project.id}`, { token: outsider.accessToken })).status).toBe(404);
    await addMember(viaOne, owner, project.id, outsider, 'viewer');
    expect((await viaTwo.get(`/api/projects/${project.id}`, { token: outsider.accessToken })).status).toBe(200);

    expect((await viaTwo.post('/api/tasks', { token: editor.accessToken, json: { title: 'ok', projectId: project.id } })).status).toBe(201);
    await viaOne.patch(`/api/projects/${project.id}/members/${editor.user.id}`, { token: owner.accessToken, json: { role: 'viewer' } });
    expect((await viaTwo.post('/api/tasks', { token: editor.accessToken, json: { title: 'no', projectId: project.id } })).status).toBe(403);
  });
});
