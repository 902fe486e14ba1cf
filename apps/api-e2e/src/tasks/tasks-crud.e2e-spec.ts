import type { FieldError, ProblemDetails, Task } from '@taskflow/shared-contracts';
import { createUser, HttpClient, startTestApp, type TestApp, type TestUser } from '@taskflow/api-testing';
import { captureOutbox, createTask, outboxRows } from './task-helpers';

/** A task, or the problem's fields when the answer is an error. */
type TaskAnswer = Task & { detail?: string; errors?: FieldError[] };

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

describe('tasks: create, read, update, delete', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
    await captureOutbox(testApp);
    [alice, bob] = await Promise.all([createUser(http), createUser(http)]);
  });
  afterAll(() => testApp.close());

  const patch = (user: TestUser, id: string, json: unknown, headers: Record<string, string> = {}) =>
    http.patch<TaskAnswer>(`/api/tasks/${id}`, { token: user.accessToken, json, headers });
  const fetchTask = (user: TestUser, id: string) => http.get<TaskAnswer>(`/api/tasks/${id}`, { token: user.accessToken });

  describe('POST /api/tasks', () => {
    it('creates a task with defaults, Location and ETag W/"1"', async () => {
      const response = await http.post<Task>('/api/tasks', { token: alice.accessToken, json: { title: 'Buy milk' } });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        // v2: in the caller's default project, unassigned, after the project's last task.
        projectId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        title: 'Buy milk',
        description: '',
        status: 'todo',
        priority: 'medium',
        dueDate: null,
        tags: [],
        assigneeId: null,
        position: expect.any(Number),
        completedAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        version: 1,
      });
      expect(new Date(response.body.createdAt).toISOString()).toBe(response.body.createdAt);
      expect(response.headers.get('location')).toBe(`/api/tasks/${response.body.id}`);
      expect(response.headers.get('etag')).toBe('W/"1"');
    });

    it('trims the title and stores tags lower-case, trimmed and unique', async () => {
      const task = await createTask(http, alice, {
        title: '  Plan the trip  ',
        description: 'Book trains',
        priority: 'urgent',
        status: 'in_progress',
        dueDate: '2030-02-28',
        tags: [' Travel', 'travel', 'FAMILY ', 'family'],
      });
      expect(task).toMatchObject({
        title: 'Plan the trip',
        description: 'Book trains',
        priority: 'urgent',
        status: 'in_progress',
        dueDate: '2030-02-28',
        tags: ['travel', 'family'],
        completedAt: null,
      });
      expect((await fetchTask(alice, task.id)).body).toEqual(task);
    });

    it('sets completedAt when a task is created done', async () => {
      const task = await createTask(http, alice, { title: 'Already done', status: 'done' });
      expect(task.completedAt).not.toBeNull();
      expect(Date.parse(task.completedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    });

    it.each([
      ['title', {}],
      ['title', { title: '   ' }],
      ['title', { title: null }],
      ['title', { title: 42 }],
      ['title', { title: 'x'.repeat(201) }],
      ['description', { title: 't', description: 'x'.repeat(10_001) }],
      ['description', { title: 't', description: null }],
      ['status', { title: 't', status: 'finished' }],
      ['priority', { title: 't', priority: 'critical' }],
      ['dueDate', { title: 't', dueDate: '2030-02-30' }],
      ['dueDate', { title: 't', dueDate: '2030-1-5' }],
      ['dueDate', { title: 't', dueDate: '2030-01-05T10:00:00Z' }],
      ['tags', { title: 't', tags: 'work' }],
      ['tags', { title: 't', tags: Array.from({ length: 21 }, (_, i) => `tag${i}`) }],
      ['tags', { title: 't', tags: ['   '] }],
      ['tags', { title: 't', tags: ['x'.repeat(33)] }],
      ['tags', { title: 't', tags: [7] }],
      ['id', { title: 't', id: MISSING_ID }],
      ['ownerId', { title: 't', ownerId: MISSING_ID }],
      ['createdAt', { title: 't', createdAt: '2020-01-01T00:00:00.000Z' }],
      ['updatedAt', { title: 't', updatedAt: '2020-01-01T00:00:00.000Z' }],
      ['version', { title: 't', version: 7 }],
      ['completedAt', { title: 't', completedAt: '2020-01-01T00:00:00.000Z' }],
    ])('rejects a bad %s with a 400 problem naming it (case %#)', async (field, json) => {
      const response = await http.post<ProblemDetails>('/api/tasks', { token: alice.accessToken, json });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors?.map((error) => error.field.split('.')[0])).toContain(field);
    });

    it('accepts 20 tags of 32 characters and a 200-character title', async () => {
      const tags = Array.from({ length: 20 }, (_, i) => `${i}`.padStart(32, 'x'));
      const task = await createTask(http, alice, { title: 'y'.repeat(200), tags });
      expect(task.tags).toEqual(tags);
      expect(task.title).toHaveLength(200);
    });

    it('needs a bearer token', async () => {
      const response = await http.post('/api/tasks', { json: { title: 'x' } });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });
  });

  describe('GET /api/tasks/:id', () => {
    it('answers the task with its ETag', async () => {
      const task = await createTask(http, alice);
      const response = await fetchTask(alice, task.id);
      expect(response.status).toBe(200);
      expect(response.body).toEqual(task);
      expect(response.headers.get('etag')).toBe('W/"1"');
    });

    it("answers 404 for a missing task and for another user's, alike", async () => {
      const task = await createTask(http, alice);
      const foreign = await fetchTask(bob, task.id);
      const missing = await fetchTask(bob, MISSING_ID);
      expect(foreign.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(foreign.headers.get('content-type')).toContain('application/problem+json');
      expect(foreign.body.detail).toBe(missing.body.detail);
    });

    it.each(['not-a-uuid', '123', `${MISSING_ID}0`, 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'])('answers 400 for a malformed id %s', async (id) => {
      const response = await fetchTask(alice, id);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    });
  });

  describe('PATCH /api/tasks/:id', () => {
    it('changes the given fields, grows the version by one and answers the new ETag', async () => {
      const task = await createTask(http, alice, { title: 'Draft', tags: ['a'] });
      const response = await patch(alice, task.id, { title: ' Final ', priority: 'high', tags: ['B', 'b', 'c'], dueDate: '2031-12-31' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ title: 'Final', priority: 'high', tags: ['b', 'c'], dueDate: '2031-12-31', description: '', version: 2 });
      expect(response.headers.get('etag')).toBe('W/"2"');
      expect(Date.parse(response.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(task.updatedAt));
      expect(response.body.createdAt).toBe(task.createdAt);
      expect((await fetchTask(alice, task.id)).body).toEqual(response.body);
    });

    it('clears the due date with null', async () => {
      const task = await createTask(http, alice, { dueDate: '2030-01-01' });
      const response = await patch(alice, task.id, { dueDate: null });
      expect(response.status).toBe(200);
      expect(response.body.dueDate).toBeNull();
    });

    it('sets completedAt when status becomes done and clears it when it leaves done', async () => {
      const task = await createTask(http, alice);
      const done = await patch(alice, task.id, { status: 'done' });
      expect(done.body.completedAt).not.toBeNull();
      const stillDone = await patch(alice, task.id, { title: 'Renamed' });
      expect(stillDone.body.completedAt).toBe(done.body.completedAt);
      const reopened = await patch(alice, task.id, { status: 'in_progress' });
      expect(reopened.body.completedAt).toBeNull();
      expect(reopened.body.version).toBe(4);
    });

    it('answers an empty body, or one that changes nothing, with the task as it is and no new version', async () => {
      const task = await createTask(http, alice, { title: 'Same', tags: ['x'] });
      const empty = await patch(alice, task.id, {});
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual(task);
      expect(empty.headers.get('etag')).toBe('W/"1"');
      const same = await patch(alice, task.id, { title: 'Same ', tags: ['X'], priority: 'medium' });
      expect(same.status).toBe(200);
      expect(same.body.version).toBe(1);
    });

    it('accepts the current version in If-Match (weak, strong, or *)', async () => {
      const task = await createTask(http, alice);
      expect((await patch(alice, task.id, { title: 'one' }, { 'if-match': 'W/"1"' })).status).toBe(200);
      expect((await patch(alice, task.id, { title: 'two' }, { 'if-match': '"2"' })).status).toBe(200);
      expect((await patch(alice, task.id, { title: 'three' }, { 'if-match': '*' })).status).toBe(200);
      expect((await patch(alice, task.id, { title: 'four' }, { 'if-match': 'W/"1", W/"4"' })).status).toBe(200);
    });

    it('rejects a stale If-Match with 412 and leaves the task alone', async () => {
      const task = await createTask(http, alice, { title: 'Before' });
      await patch(alice, task.id, { title: 'Changed elsewhere' });
      const stale = await patch(alice, task.id, { title: 'Mine' }, { 'if-match': 'W/"1"' });
      expect(stale.status).toBe(412);
      expect(stale.headers.get('content-type')).toContain('application/problem+json');
      const current = await fetchTask(alice, task.id);
      expect(current.body).toMatchObject({ title: 'Changed elsewhere', version: 2 });
    });

    it.each(['garbage', 'W/1', '""', 'W/"x"'])('rejects a malformed If-Match %s with 400', async (ifMatch) => {
      const task = await createTask(http, alice);
      const response = await patch(alice, task.id, { title: 'x' }, { 'if-match': ifMatch });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.field).toBe('If-Match');
      expect((await fetchTask(alice, task.id)).body.version).toBe(1);
    });

    it('lets exactly one of two racing PATCHes with the same If-Match win', async () => {
      const task = await createTask(http, alice);
      const results = await Promise.all([
        patch(alice, task.id, { title: 'first' }, { 'if-match': 'W/"1"' }),
        patch(alice, task.id, { title: 'second' }, { 'if-match': 'W/"1"' }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual([200, 412]);
      const winner = results.find((result) => result.status === 200);
      const current = await fetchTask(alice, task.id);
      expect(current.body).toMatchObject({ title: winner?.body.title, version: 2 });
    });

    it('loses no update when PATCHes race without If-Match: the version grows once per change', async () => {
      const task = await createTask(http, alice);
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => patch(alice, task.id, { title: `writer ${i}` })));
      expect(results.map((result) => result.status)).toEqual(Array(6).fill(200));
      expect(results.map((result) => result.body.version).sort()).toEqual([2, 3, 4, 5, 6, 7]);
      expect((await fetchTask(alice, task.id)).body.version).toBe(7);
      expect(await outboxRows(testApp, task.id)).toHaveLength(7);
    });

    it.each([
      ['title', { title: null }],
      ['title', { title: '  ' }],
      ['status', { status: null }],
      ['priority', { priority: 'whenever' }],
      ['tags', { tags: null }],
      ['dueDate', { dueDate: '2030-13-01' }],
      ['version', { version: 5 }],
      ['id', { id: MISSING_ID }],
      ['completedAt', { completedAt: null }],
      ['ownerId', { ownerId: MISSING_ID }],
    ])('rejects a bad %s with 400 and changes nothing (case %#)', async (field, json) => {
      const task = await createTask(http, alice);
      const response = await patch(alice, task.id, json);
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((error) => error.field)).toContain(field);
      expect((await fetchTask(alice, task.id)).body).toEqual(task);
    });

    it("answers 404 for another user's task and leaves it untouched", async () => {
      const task = await createTask(http, alice, { title: 'Private' });
      const foreign = await patch(bob, task.id, { title: 'Hijacked' });
      expect(foreign.status).toBe(404);
      expect((await patch(bob, MISSING_ID, { title: 'x' })).status).toBe(404);
      expect((await fetchTask(alice, task.id)).body).toEqual(task);
    });

    it('answers 400 for a malformed id', async () => {
      expect((await patch(alice, 'nope', { title: 'x' })).status).toBe(400);
    });
  });

  describe('DELETE /api/tasks/:id', () => {
    it('deletes with 204; the task is gone afterwards', async () => {
      const task = await createTask(http, alice);
      const response = await http.delete(`/api/tasks/${task.id}`, { token: alice.accessToken });
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect((await fetchTask(alice, task.id)).status).toBe(404);
      expect((await http.delete(`/api/tasks/${task.id}`, { token: alice.accessToken })).status).toBe(404);
    });

    it("answers 404 for another user's task and leaves it in place", async () => {
      const task = await createTask(http, alice);
      expect((await http.delete(`/api/tasks/${task.id}`, { token: bob.accessToken })).status).toBe(404);
      expect((await fetchTask(alice, task.id)).body).toEqual(task);
    });

    it('answers 400 for a malformed id', async () => {
      expect((await http.delete('/api/tasks/1', { token: alice.accessToken })).status).toBe(400);
    });
  });

  describe('activity outbox', () => {
    it('records task.created with every initial value', async () => {
      const task = await createTask(http, alice, { title: 'Logged', status: 'done', priority: 'low', dueDate: '2030-05-01', tags: ['Q'] });
      const rows = await outboxRows(testApp, task.id);
      expect(rows).toEqual([
        {
          task_id: task.id,
          owner_id: alice.user.id,
          type: 'task.created',
          changes: {
            title: { from: null, to: 'Logged' },
            description: { from: null, to: '' },
            status: { from: null, to: 'done' },
            priority: { from: null, to: 'low' },
            dueDate: { from: null, to: '2030-05-01' },
            tags: { from: null, to: ['q'] },
            // v2: the project and the board position are initial values too.
            projectId: { from: null, to: task.projectId },
            position: { from: null, to: task.position },
            completedAt: { from: null, to: task.completedAt },
          },
        },
      ]);
    });

    it('records task.updated with only the fields that changed, in API values', async () => {
      const task = await createTask(http, alice, { title: 'Old', priority: 'low', dueDate: '2030-01-01' });
      const done = await patch(alice, task.id, { title: 'New', priority: 'urgent', dueDate: '2030-01-02', description: '', status: 'done' });
      await patch(alice, task.id, {});
      const rows = await outboxRows(testApp, task.id);
      expect(rows.map((row) => row.type)).toEqual(['task.created', 'task.updated']);
      expect(rows[1]?.changes).toEqual({
        title: { from: 'Old', to: 'New' },
        priority: { from: 'low', to: 'urgent' },
        dueDate: { from: '2030-01-01', to: '2030-01-02' },
        status: { from: 'todo', to: 'done' },
        completedAt: { from: null, to: done.body.completedAt },
      });
    });

    it('records task.deleted, and nothing for a refused write', async () => {
      const task = await createTask(http, alice);
      await patch(bob, task.id, { title: 'x' });
      await patch(alice, task.id, { title: 'x' }, { 'if-match': 'W/"9"' });
      await http.delete(`/api/tasks/${task.id}`, { token: bob.accessToken });
      await http.delete(`/api/tasks/${task.id}`, { token: alice.accessToken });
      const rows = await outboxRows(testApp, task.id);
      expect(rows.map((row) => [row.type, row.owner_id, row.changes])).toEqual([
        ['task.created', alice.user.id, expect.any(Object)],
        ['task.deleted', alice.user.id, {}],
      ]);
    });
  });
});
