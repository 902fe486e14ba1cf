import type { ProblemDetails } from '@taskflow/shared-contracts';
import { createUser, HttpClient, startTestApp, type TestApp, type TestUser } from '@taskflow/api-testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTask, eventually, getActivity, pendingInOutbox } from './activity-helpers';

describe('activity: GET /api/tasks/:id/activity (embedded store)', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let owner: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    testApp = await startTestApp({ MONGODB_URI: undefined });
    http = new HttpClient(testApp.baseUrl);
    [owner, other] = await Promise.all([createUser(http), createUser(http)]);
  });
  afterAll(() => testApp.close());

  it('shows an update with its { from, to } and the creation, newest first', async () => {
    const task = await createTask(http, owner, { title: 'Write the report' });
    const patched = await http.patch(`/api/tasks/${task.id}`, { token: owner.accessToken, json: { priority: 'high' } });
    expect(patched.status).toBe(200);

    const response = await getActivity(http, owner, task.id);
    expect(response.status).toBe(200);
    const { items } = response.body;
    expect(items.map((event) => event.type)).toEqual(['task.updated', 'task.created']);
    expect(items[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      taskId: task.id,
      type: 'task.updated',
      actor: { id: owner.user.id, username: owner.username },
      changes: { priority: { from: 'medium', to: 'high' } },
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(items[1]!.changes['title']).toEqual({ from: null, to: 'Write the report' });
    expect(Date.parse(items[0]!.at)).toBeGreaterThanOrEqual(Date.parse(items[1]!.at));
  });

  it('relays the events to the store once each, and the timeline stays the same', async () => {
    const task = await createTask(http, owner);
    await http.patch(`/api/tasks/${task.id}`, { token: owner.accessToken, json: { status: 'in_progress' } });
    const before = (await getActivity(http, owner, task.id)).body.items;

    await eventually(async () => (await pendingInOutbox(testApp, [task.id])) === 0);
    const stored: { id: string }[] = await testApp.app.get(DataSource).query('SELECT id FROM activity_events WHERE task_id = $1', [task.id]);
    expect(stored.map((row) => row.id).sort()).toEqual(before.map((event) => event.id).sort());
    expect((await getActivity(http, owner, task.id)).body.items).toEqual(before);
  });

  it('answers 404 for another user\'s task and for a missing one, exactly alike', async () => {
    const theirs = await createTask(http, other);
    const foreign = await getActivity(http, owner, theirs.id);
    const missing = await getActivity(http, owner, randomUUID());
    for (const response of [foreign, missing]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((foreign.body as unknown as ProblemDetails).detail).toBe((missing.body as unknown as ProblemDetails).detail);
  });

  it('answers 404 once the task is deleted', async () => {
    const task = await createTask(http, owner);
    expect((await http.delete(`/api/tasks/${task.id}`, { token: owner.accessToken })).status).toBe(204);
    expect((await getActivity(http, owner, task.id)).status).toBe(404);
  });

  it('answers 400 naming the id for a malformed id, and 401 without a token', async () => {
    const malformed = await http.get<ProblemDetails>('/api/tasks/not-a-uuid/activity', { token: owner.accessToken });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
    expect((await http.get(`/api/tasks/${randomUUID()}/activity`)).status).toBe(401);
  });

  it('reports the embedded activity store and the outbox backlog on readiness', async () => {
    const ready = await http.get<{ checks: Record<string, Record<string, unknown>> }>('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks['activityStore']).toEqual({ status: 'up', detail: 'postgresql' });
    expect(ready.body.checks['queue']).toMatchObject({ status: 'up', pending: expect.any(Number), oldestAgeSeconds: expect.any(Number) });
  });

  it('documents the route in the OpenAPI document', async () => {
    const doc = await http.get<{ paths: Record<string, { get?: { responses: Record<string, unknown> } }> }>('/docs-json');
    const operation = doc.body.paths['/api/tasks/{id}/activity']?.get;
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '404']));
  });
});
