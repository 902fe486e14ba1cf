import { HttpClient, type TestDatabase } from '@taskflow/api-testing';
import type { Task, TaskList } from '@taskflow/shared-contracts';
import { startReplicas, type RunningApi } from '../platform/built-api';
import { addMember, createTaskIn, createTeam } from './project-helpers';

// Two replicas agree through PostgreSQL and Redis (cache generations): only meaningful with both
// servers; without Redis each process has a cache of its own, which is what one replica uses.
const onServers = process.env['TASKFLOW_TEST_DATABASE'] === 'postgresql-server' && Boolean(process.env['REDIS_URL']);
if (!onServers) console.log('membership-two-processes.e2e-spec: skipped, it needs a PostgreSQL server (DATABASE_URL) and Redis (REDIS_URL)');
const describeOnServers = onServers ? describe : describe.skip;

const titles = (list: TaskList) => list.items.map((task) => task.title).sort();

/**
 * Membership changes take effect on the very next request, on every replica, through the cache
 * too: the production build twice (two OS processes, A and B) on a database of their own and one
 * Redis, the writes through A, the reads through B after B has cached what the member saw.
 */
describeOnServers('membership across two API processes sharing PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let a: RunningApi;
  let b: RunningApi;
  let viaA: HttpClient;
  let viaB: HttpClient;

  beforeAll(async () => {
    let replicas: RunningApi[];
    ({ database, replicas } = await startReplicas(2, 'membership'));
    [a, b] = replicas as [RunningApi, RunningApi];
    viaA = new HttpClient(a.baseUrl);
    viaB = new HttpClient(b.baseUrl);
  }, 120_000);
  afterAll(async () => {
    for (const replica of [a, b]) if (replica && replica.process.exitCode === null) replica.process.kill('SIGTERM');
    await Promise.all([a?.exited, b?.exited]);
    await database?.dispose();
  }, 60_000);

  it('runs A and B as two processes', () => {
    expect(a.process.pid).toEqual(expect.any(Number));
    expect(b.process.pid).not.toBe(a.process.pid);
    expect(a.baseUrl).not.toBe(b.baseUrl);
  });

  it('shows a write through A to every member reading through B at once', async () => {
    const { owner, editor, project } = await createTeam(viaA);
    await createTaskIn(viaA, owner, project.id, { title: 'v1' });
    const list = () => viaB.get<TaskList>(`/api/tasks?projectId=${project.id}`, { token: editor.accessToken }).then((r) => r.body);
    expect(titles(await list())).toEqual(['v1']);
    expect(titles(await list())).toEqual(['v1']);
    await createTaskIn(viaA, owner, project.id, { title: 'v2' });
    expect(titles(await list())).toEqual(['v1', 'v2']);
  });

  it('answers 404 through B to a member removed through A, on the very next request', async () => {
    const { owner, viewer, project } = await createTeam(viaA);
    const task = await createTaskIn(viaA, owner, project.id, { title: 'secret' });
    // Warm B: the viewer's memberships, the task and the list are all cached there now.
    expect((await viaB.get(`/api/projects/${project.id}`, { token: viewer.accessToken })).status).toBe(200);
    expect((await viaB.get<Task>(`/api/tasks/${task.id}`, { token: viewer.accessToken })).status).toBe(200);
    expect((await viaB.get<TaskList>('/api/tasks', { token: viewer.accessToken })).body.items.map((t) => t.id)).toContain(task.id);

    expect((await viaA.delete(`/api/projects/${project.id}/members/${viewer.user.id}`, { token: owner.accessToken })).status).toBe(204);
    expect((await viaB.get<Task>(`/api/tasks/${task.id}`, { token: viewer.accessToken })).status).toBe(404);
    expect((await viaB.get(`/api/projects/${project.id}`, { token: viewer.accessToken })).status).toBe(404);
    expect((await viaB.get(`/api/tasks/${task.id}/comments`, { token: viewer.accessToken })).status).toBe(404);
    expect((await viaB.get<TaskList>('/api/tasks', { token: viewer.accessToken })).body.items.map((t) => t.id)).not.toContain(task.id);
  });

  it('lets a member added through A in through B at once, and a demoted editor write no more', async () => {
    const { owner, editor, outsider, project } = await createTeam(viaA);
    expect((await viaB.get(`/api/projects/${project.id}`, { token: outsider.accessToken })).status).toBe(404);
    await addMember(viaA, owner, project.id, outsider, 'viewer');
    expect((await viaB.get(`/api/projects/${project.id}`, { token: outsider.accessToken })).status).toBe(200);

    expect((await viaB.post('/api/tasks', { token: editor.accessToken, json: { title: 'ok', projectId: project.id } })).status).toBe(201);
    await viaA.patch(`/api/projects/${project.id}/members/${editor.user.id}`, { token: owner.accessToken, json: { role: 'viewer' } });
    expect((await viaB.post('/api/tasks', { token: editor.accessToken, json: { title: 'no', projectId: project.id } })).status).toBe(403);
  });
});
