import { HttpClient, startTestApp, type TestApp } from '@taskflow/api-testing';
import type { ProjectActivityList } from '@taskflow/shared-contracts';
import { createTaskIn, createTeam } from './project-helpers';

describe('project activity: GET /api/projects/:id/activity', () => {
  let testApp: TestApp;
  let http: HttpClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(() => testApp.close());

  it("lists the project's task events newest first, deleted tasks' included, each with its actor", async () => {
    const { owner, editor, viewer, project } = await createTeam(http);
    const kept = await createTaskIn(http, owner, project.id, { title: 'kept' });
    const gone = await createTaskIn(http, editor, project.id, { title: 'gone' });
    await http.patch(`/api/tasks/${kept.id}`, { token: editor.accessToken, json: { status: 'done' } });
    await http.delete(`/api/tasks/${gone.id}`, { token: owner.accessToken });
    const response = await http.get<ProjectActivityList>(`/api/projects/${project.id}/activity`, { token: viewer.accessToken });
    expect(response.status).toBe(200);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items.map((e) => [e.type, e.taskId, e.actor.username])).toEqual([
      ['task.deleted', gone.id, owner.username],
      ['task.updated', kept.id, editor.username],
      ['task.created', gone.id, editor.username],
      ['task.created', kept.id, owner.username],
    ]);
    expect(Object.keys(response.body.items[0]!).sort()).toEqual(['actor', 'at', 'changes', 'id', 'taskId', 'type']);
  });

  it('pages with limit and nextCursor without skips or repeats; bad limit or cursor is 400; outsiders 404', async () => {
    const { owner, outsider, project } = await createTeam(http);
    for (let i = 0; i < 4; i++) await createTaskIn(http, owner, project.id);
    const all = (await http.get<ProjectActivityList>(`/api/projects/${project.id}/activity`, { token: owner.accessToken })).body.items;
    expect(all).toHaveLength(4);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ProjectActivityList = (await http.get<ProjectActivityList>(`/api/projects/${project.id}/activity?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { token: owner.accessToken })).body;
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    for (const query of ['limit=0', 'limit=101', 'cursor=zzz']) {
      expect((await http.get(`/api/projects/${project.id}/activity?${query}`, { token: owner.accessToken })).status).toBe(400);
    }
    expect((await http.get(`/api/projects/${project.id}/activity`, { token: outsider.accessToken })).status).toBe(404);
  });

  it('pages 50 events at a time when no limit is given', async () => {
    const { owner, project } = await createTeam(http);
    const tasks = [];
    for (let i = 0; i < 51; i++) tasks.push(await createTaskIn(http, owner, project.id, { title: `t${i}` }));
    const first = (await http.get<ProjectActivityList>(`/api/projects/${project.id}/activity`, { token: owner.accessToken })).body;
    expect(first.items.map((e) => e.taskId)).toEqual(tasks.slice(1).reverse().map((t) => t.id));
    expect(first.nextCursor).not.toBeNull();
    const rest = (await http.get<ProjectActivityList>(`/api/projects/${project.id}/activity?cursor=${first.nextCursor}`, { token: owner.accessToken })).body;
    expect(rest.items.map((e) => e.taskId)).toEqual([tasks[0]?.id]);
    expect(rest.nextCursor).toBeNull();
  });
});
