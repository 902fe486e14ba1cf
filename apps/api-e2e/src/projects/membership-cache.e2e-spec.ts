import { HttpClient, startTestApp, type TestApp } from '@taskflow/api-testing';
import type { TaskList } from '@taskflow/shared-contracts';
import { DataSource } from 'typeorm';
import { createTaskIn, createTeam } from './project-helpers';

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

// Across replicas (two OS processes on one PostgreSQL and Redis): membership-two-processes.e2e-spec.ts.
