import { createUser, HttpClient, startTestApp, type HttpResponse, type TestApp, type TestUser } from '@taskflow/api-testing';
import type { Comment, TaskList } from '@taskflow/shared-contracts';
import { addMember, createProject, createTaskIn } from './project-helpers';

type Role = 'non-member' | 'viewer' | 'editor' | 'owner';
const ROLES: Role[] = ['non-member', 'viewer', 'editor', 'owner'];

interface Fixture {
  projectId: string;
  taskId: string;
  /** A comment by another member (a viewer), so the author rules do not favour the caller. */
  commentId: string;
  /** A member (viewer) the owner-only member routes act on. */
  memberId: string;
  /** A user who is in no project, for adding. */
  newcomer: TestUser;
}

interface Route {
  name: string;
  call: (http: HttpClient, user: TestUser, f: Fixture) => Promise<HttpResponse<unknown>>;
  expected: Record<Role, number>;
}

const read = { 'non-member': 404, viewer: 200, editor: 200, owner: 200 };
const ownerOnly = (success: number) => ({ 'non-member': 404, viewer: 403, editor: 403, owner: success });
const editorUp = (success: number) => ({ 'non-member': 404, viewer: 403, editor: success, owner: success });

/** Every project, member, task, comment and activity route that takes an id, against each role. */
const ROUTES: Route[] = [
  { name: 'GET /api/projects/:id', call: (h, u, f) => h.get(`/api/projects/${f.projectId}`, { token: u.accessToken }), expected: read },
  { name: 'PATCH /api/projects/:id', call: (h, u, f) => h.patch(`/api/projects/${f.projectId}`, { token: u.accessToken, json: { name: 'Renamed' } }), expected: ownerOnly(200) },
  { name: 'DELETE /api/projects/:id', call: (h, u, f) => h.delete(`/api/projects/${f.projectId}`, { token: u.accessToken }), expected: ownerOnly(204) },
  { name: 'GET /api/projects/:id/members', call: (h, u, f) => h.get(`/api/projects/${f.projectId}/members`, { token: u.accessToken }), expected: read },
  {
    name: 'POST /api/projects/:id/members',
    call: (h, u, f) => h.post(`/api/projects/${f.projectId}/members`, { token: u.accessToken, json: { username: f.newcomer.username, role: 'viewer' } }),
    expected: ownerOnly(201),
  },
  {
    name: 'PATCH /api/projects/:id/members/:userId',
    call: (h, u, f) => h.patch(`/api/projects/${f.projectId}/members/${f.memberId}`, { token: u.accessToken, json: { role: 'editor' } }),
    expected: ownerOnly(200),
  },
  {
    name: 'DELETE /api/projects/:id/members/:userId',
    call: (h, u, f) => h.delete(`/api/projects/${f.projectId}/members/${f.memberId}`, { token: u.accessToken }),
    expected: ownerOnly(204),
  },
  { name: 'GET /api/projects/:id/activity', call: (h, u, f) => h.get(`/api/projects/${f.projectId}/activity`, { token: u.accessToken }), expected: read },
  { name: 'POST /api/tasks', call: (h, u, f) => h.post('/api/tasks', { token: u.accessToken, json: { title: 't', projectId: f.projectId } }), expected: editorUp(201) },
  { name: 'GET /api/tasks/:id', call: (h, u, f) => h.get(`/api/tasks/${f.taskId}`, { token: u.accessToken }), expected: read },
  { name: 'PATCH /api/tasks/:id', call: (h, u, f) => h.patch(`/api/tasks/${f.taskId}`, { token: u.accessToken, json: { title: 'Changed' } }), expected: editorUp(200) },
  { name: 'DELETE /api/tasks/:id', call: (h, u, f) => h.delete(`/api/tasks/${f.taskId}`, { token: u.accessToken }), expected: editorUp(204) },
  { name: 'GET /api/tasks/:id/activity', call: (h, u, f) => h.get(`/api/tasks/${f.taskId}/activity`, { token: u.accessToken }), expected: read },
  { name: 'GET /api/tasks/:id/comments', call: (h, u, f) => h.get(`/api/tasks/${f.taskId}/comments`, { token: u.accessToken }), expected: read },
  {
    name: 'POST /api/tasks/:id/comments',
    call: (h, u, f) => h.post(`/api/tasks/${f.taskId}/comments`, { token: u.accessToken, json: { body: 'hello' } }),
    expected: { 'non-member': 404, viewer: 201, editor: 201, owner: 201 },
  },
  { name: 'GET /api/comments/:id', call: (h, u, f) => h.get(`/api/comments/${f.commentId}`, { token: u.accessToken }), expected: read },
  {
    name: 'PATCH /api/comments/:id (not the author)',
    call: (h, u, f) => h.patch(`/api/comments/${f.commentId}`, { token: u.accessToken, json: { body: 'edited' } }),
    expected: { 'non-member': 404, viewer: 403, editor: 403, owner: 403 },
  },
  { name: 'DELETE /api/comments/:id (not the author)', call: (h, u, f) => h.delete(`/api/comments/${f.commentId}`, { token: u.accessToken }), expected: ownerOnly(204) },
];

describe('one authorization point: every route against a non-member, a viewer, an editor and an owner', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let users: Record<Role, TestUser>;
  let commenter: TestUser;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
    const [outsider, viewer, editor, owner, other] = await Promise.all([createUser(http), createUser(http), createUser(http), createUser(http), createUser(http)]);
    users = { 'non-member': outsider, viewer, editor, owner };
    commenter = other;
  });
  afterAll(() => testApp.close());

  /** A fresh project per check, so that one role's successful write does not change what the next sees. */
  async function fixture(): Promise<Fixture> {
    const project = await createProject(http, users.owner);
    await addMember(http, users.owner, project.id, users.editor, 'editor');
    await addMember(http, users.owner, project.id, users.viewer, 'viewer');
    await addMember(http, users.owner, project.id, commenter, 'viewer');
    const task = await createTaskIn(http, users.owner, project.id);
    const comment = await http.post<Comment>(`/api/tasks/${task.id}/comments`, { token: commenter.accessToken, json: { body: 'by someone else' } });
    return { projectId: project.id, taskId: task.id, commentId: comment.body.id, memberId: commenter.user.id, newcomer: await createUser(http) };
  }

  describe.each(ROUTES)('$name', (route) => {
    it.each(ROLES)('as %s', async (role) => {
      const response = await route.call(http, users[role], await fixture());
      expect({ status: response.status, body: response.status >= 400 ? (response.body as { status: number }).status : undefined }).toEqual({
        status: route.expected[role],
        body: route.expected[role] >= 400 ? route.expected[role] : undefined,
      });
      if (response.status >= 400) expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    });
  });

  it('GET /api/tasks?projectId= lists nothing for a non-member and the task for every member', async () => {
    const f = await fixture();
    for (const role of ROLES) {
      const list = await http.get<TaskList>(`/api/tasks?projectId=${f.projectId}`, { token: users[role].accessToken });
      expect([role, list.status, list.body.total]).toEqual([role, 200, role === 'non-member' ? 0 : 1]);
    }
  });

  it('GET /api/projects lists the project for every member and not for a non-member', async () => {
    const f = await fixture();
    for (const role of ROLES) {
      const list = await http.get<{ items: { id: string; role: string }[] }>('/api/projects', { token: users[role].accessToken });
      const found = list.body.items.find((p) => p.id === f.projectId);
      expect([role, found?.role]).toEqual([role, role === 'non-member' ? undefined : role]);
    }
  });
});
