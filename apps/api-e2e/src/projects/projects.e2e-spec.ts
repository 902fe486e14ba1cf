import { createUser, HttpClient, startTestApp, type TestApp, type TestUser } from '@taskflow/api-testing';
import type { Project, ProjectList } from '@taskflow/shared-contracts';
import { addMember, createProject, createTaskIn, defaultProjectId, MISSING_ID } from './project-helpers';

describe('projects: GET/POST/PATCH/DELETE /api/projects', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
    [alice, bob] = await Promise.all([createUser(http), createUser(http)]);
  });
  afterAll(() => testApp.close());

  it('gives every new account exactly one private default project, Inbox, named on /me', async () => {
    const user = await createUser(http);
    const list = await http.get<ProjectList>('/api/projects', { token: user.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      {
        id: await defaultProjectId(http, user),
        name: 'Inbox',
        description: '',
        role: 'owner',
        isDefault: true,
        memberCount: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        version: 1,
      },
    ]);
  });

  it('creates a project with its owner, Location and ETag W/"1"', async () => {
    const response = await http.post<Project>('/api/projects', { token: alice.accessToken, json: { name: '  Launch  ', description: 'Q3' } });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Launch',
      description: 'Q3',
      role: 'owner',
      isDefault: false,
      memberCount: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      version: 1,
    });
    expect(response.headers.get('location')).toBe(`/api/projects/${response.body.id}`);
    expect(response.headers.get('etag')).toBe('W/"1"');
    const read = await http.get<Project>(`/api/projects/${response.body.id}`, { token: alice.accessToken });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(response.body);
    expect(read.headers.get('etag')).toBe('W/"1"');
  });

  it.each([
    [{}, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ name: 'ok', description: 'x'.repeat(2001) }, 'description'],
    [{ name: 'ok', id: MISSING_ID }, 'id'],
    [{ name: 'ok', description: null }, 'description'],
  ])('refuses %j with 400 naming %s', async (json, field) => {
    const response = await http.post<{ errors: { field: string }[] }>('/api/projects', { token: alice.accessToken, json });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((error) => error.field)).toContain(field);
  });

  it('lists the default project first, then by name case-insensitively, ties by id', async () => {
    const user = await createUser(http);
    // 'Delta' sorts before 'alpha' byte-wise (upper case first): only a case-insensitive order puts it after 'beta'.
    const names = ['beta', 'Alpha', 'gamma', 'alpha', 'Delta'];
    const made: Project[] = [];
    for (const name of names) made.push(await createProject(http, user, name));
    const items = (await http.get<ProjectList>('/api/projects', { token: user.accessToken })).body.items;
    const alphas = made.filter((p) => p.name.toLowerCase() === 'alpha').map((p) => p.id).sort();
    expect(items.map((p) => p.name.toLowerCase())).toEqual(['inbox', 'alpha', 'alpha', 'beta', 'delta', 'gamma']);
    expect(items[0]!.isDefault).toBe(true);
    expect(items.slice(1, 3).map((p) => p.id)).toEqual(alphas);
  });

  it('answers 404 with the same body for a missing project and one the caller is not in', async () => {
    const theirs = await createProject(http, bob, 'Private to Bob');
    const missing = await http.get<Record<string, unknown>>(`/api/projects/${MISSING_ID}`, { token: alice.accessToken });
    const foreign = await http.get<Record<string, unknown>>(`/api/projects/${theirs.id}`, { token: alice.accessToken });
    expect(missing.status).toBe(404);
    expect(foreign.status).toBe(404);
    const { instance: _a, ...missingBody } = missing.body;
    const { instance: _b, ...foreignBody } = foreign.body;
    expect(foreignBody).toEqual(missingBody);
  });

  it('answers 400 for a malformed id and 401 without a token', async () => {
    expect((await http.get('/api/projects/not-a-uuid', { token: alice.accessToken })).status).toBe(400);
    expect((await http.get('/api/projects')).status).toBe(401);
  });

  it('answers 401 without a token before anything else is looked at: a missing or malformed id, a bad body, a member route', async () => {
    const project = await createProject(http, alice, 'Guarded');
    const anonymous = [
      http.get(`/api/projects/${MISSING_ID}`),
      http.get('/api/projects/not-a-uuid'),
      http.patch(`/api/projects/${project.id}`, { json: { name: '' }, headers: { 'if-match': 'W/"9"' } }),
      http.delete(`/api/projects/${project.id}`),
      http.post(`/api/projects/${project.id}/members`, { json: { username: bob.user.username, role: 'owner' } }),
      http.delete(`/api/projects/${project.id}/members/${alice.user.id}`),
      http.get(`/api/projects/${project.id}/activity`),
    ];
    expect((await Promise.all(anonymous)).map((response) => response.status)).toEqual(anonymous.map(() => 401));
    expect((await http.get(`/api/projects/${project.id}`, { token: alice.accessToken })).status).toBe(200);
  });

  describe('PATCH', () => {
    it('renames with a new ETag; If-Match with an older version gets 412; a no-op keeps the version', async () => {
      const project = await createProject(http, alice, 'Old');
      const renamed = await http.patch<Project>(`/api/projects/${project.id}`, { token: alice.accessToken, json: { name: 'New' }, headers: { 'if-match': 'W/"1"' } });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: 'New', version: 2 });
      expect(renamed.headers.get('etag')).toBe('W/"2"');
      const stale = await http.patch(`/api/projects/${project.id}`, { token: alice.accessToken, json: { name: 'Newer' }, headers: { 'if-match': 'W/"1"' } });
      expect(stale.status).toBe(412);
      const same = await http.patch<Project>(`/api/projects/${project.id}`, { token: alice.accessToken, json: { name: 'New' } });
      expect(same.body.version).toBe(2);
    });

    it('lets the Inbox be renamed', async () => {
      const inbox = await defaultProjectId(http, alice);
      const response = await http.patch<Project>(`/api/projects/${inbox}`, { token: alice.accessToken, json: { name: 'My things' } });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ name: 'My things', isDefault: true });
    });

    it('refuses editors and viewers with 403, before looking at the body (400) or If-Match (412)', async () => {
      const [editor, viewer] = await Promise.all([createUser(http), createUser(http)]);
      const project = await createProject(http, alice);
      await addMember(http, alice, project.id, editor, 'editor');
      await addMember(http, alice, project.id, viewer, 'viewer');
      for (const user of [editor, viewer]) {
        const response = await http.patch(`/api/projects/${project.id}`, { token: user.accessToken, json: { name: '' }, headers: { 'if-match': 'W/"9"' } });
        expect(response.status).toBe(403);
        expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      }
      // A non-member's 404 comes before everything else.
      expect((await http.patch(`/api/projects/${project.id}`, { token: bob.accessToken, json: { name: '' } })).status).toBe(404);
      // The owner's invalid body is 400 before a stale If-Match is 412.
      expect((await http.patch(`/api/projects/${project.id}`, { token: alice.accessToken, json: { name: '' }, headers: { 'if-match': 'W/"9"' } })).status).toBe(400);
    });
  });

  describe('DELETE', () => {
    it('deletes a project with its tasks and their comments', async () => {
      const project = await createProject(http, alice);
      const task = await createTaskIn(http, alice, project.id);
      const comment = await http.post<{ id: string }>(`/api/tasks/${task.id}/comments`, { token: alice.accessToken, json: { body: 'hi' } });
      expect((await http.delete(`/api/projects/${project.id}`, { token: alice.accessToken })).status).toBe(204);
      expect((await http.get(`/api/projects/${project.id}`, { token: alice.accessToken })).status).toBe(404);
      expect((await http.get(`/api/tasks/${task.id}`, { token: alice.accessToken })).status).toBe(404);
      expect((await http.get(`/api/comments/${comment.body.id}`, { token: alice.accessToken })).status).toBe(404);
    });

    it('refuses the default project with 409, non-owners with 403, non-members with 404', async () => {
      const inbox = await defaultProjectId(http, alice);
      expect((await http.delete(`/api/projects/${inbox}`, { token: alice.accessToken })).status).toBe(409);
      const project = await createProject(http, alice);
      await addMember(http, alice, project.id, bob, 'editor');
      expect((await http.delete(`/api/projects/${project.id}`, { token: bob.accessToken })).status).toBe(403);
      const outsider = await createUser(http);
      expect((await http.delete(`/api/projects/${project.id}`, { token: outsider.accessToken })).status).toBe(404);
      expect((await http.get(`/api/projects/${project.id}`, { token: alice.accessToken })).status).toBe(200);
    });
  });
});
