import { createUser, HttpClient, startTestApp, type TestApp, type TestUser } from '@taskflow/api-testing';
import type { ActivityList, Member, MemberList, Project, Task } from '@taskflow/shared-contracts';
import { addMember, createProject, createTaskIn, createTeam, defaultProjectId, MISSING_ID } from './project-helpers';

describe('project members: /api/projects/:id/members', () => {
  let testApp: TestApp;
  let http: HttpClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(() => testApp.close());

  const members = (user: TestUser, projectId: string) => http.get<MemberList>(`/api/projects/${projectId}/members`, { token: user.accessToken });

  it('adds a member (201 Member) and lists members by username, case-insensitively; memberCount follows', async () => {
    const owner = await createUser(http, { username: `Mowner_${Date.now() % 100000}` });
    const member = await createUser(http, { username: `amember_${Date.now() % 100000}` });
    const project = await createProject(http, owner);
    const added = await http.post<Member>(`/api/projects/${project.id}/members`, { token: owner.accessToken, json: { username: member.username.toUpperCase(), role: 'editor' } });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ userId: member.user.id, username: member.username, role: 'editor', addedAt: expect.any(String) });
    const list = await members(member, project.id);
    expect(list.status).toBe(200);
    expect(list.body.items.map((m) => m.username)).toEqual([member.username, owner.username]);
    expect((await http.get<Project>(`/api/projects/${project.id}`, { token: member.accessToken })).body).toMatchObject({ role: 'editor', memberCount: 2 });
  });

  it('refuses an unknown username as a field error, a bad role, and unknown fields with 400', async () => {
    const owner = await createUser(http);
    const project = await createProject(http, owner);
    const unknown = await http.post<{ errors: { field: string }[] }>(`/api/projects/${project.id}/members`, { token: owner.accessToken, json: { username: 'nobody_here_at_all', role: 'viewer' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'username' })]);
    const badRole = await http.post<{ errors: { field: string }[] }>(`/api/projects/${project.id}/members`, { token: owner.accessToken, json: { username: owner.username, role: 'admin' } });
    expect(badRole.status).toBe(400);
    expect(badRole.body.errors.map((e) => e.field)).toEqual(['role']);
    expect((await http.post(`/api/projects/${project.id}/members`, { token: owner.accessToken, json: { username: owner.username } })).status).toBe(400);
  });

  it('answers 409 for an existing member and for the private default project', async () => {
    const { owner, editor, project } = await createTeam(http);
    expect((await http.post(`/api/projects/${project.id}/members`, { token: owner.accessToken, json: { username: editor.username, role: 'viewer' } })).status).toBe(409);
    const inbox = await defaultProjectId(http, owner);
    expect((await http.post(`/api/projects/${inbox}/members`, { token: owner.accessToken, json: { username: editor.username, role: 'viewer' } })).status).toBe(409);
  });

  it('lets only owners add or change members: 403 for editors and viewers, 404 for outsiders, before the body is checked', async () => {
    const { editor, viewer, outsider, project } = await createTeam(http);
    for (const user of [editor, viewer]) {
      expect((await http.post(`/api/projects/${project.id}/members`, { token: user.accessToken, json: { username: outsider.username, role: 'bogus' } })).status).toBe(403);
      expect((await http.patch(`/api/projects/${project.id}/members/${outsider.user.id}`, { token: user.accessToken, json: { role: 'bogus' } })).status).toBe(403);
    }
    expect((await http.post(`/api/projects/${project.id}/members`, { token: outsider.accessToken, json: {} })).status).toBe(404);
    expect((await members(outsider, project.id)).status).toBe(404);
  });

  it('changes a role (200 Member) and refuses to leave no owner (409); a user who is not a member is 404', async () => {
    const { owner, editor, outsider, project } = await createTeam(http);
    const promoted = await http.patch<Member>(`/api/projects/${project.id}/members/${editor.user.id}`, { token: owner.accessToken, json: { role: 'owner' } });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ userId: editor.user.id, role: 'owner' });
    // Two owners: one may step down; the last may not.
    expect((await http.patch(`/api/projects/${project.id}/members/${owner.user.id}`, { token: owner.accessToken, json: { role: 'viewer' } })).status).toBe(200);
    expect((await http.patch(`/api/projects/${project.id}/members/${editor.user.id}`, { token: editor.accessToken, json: { role: 'editor' } })).status).toBe(409);
    expect((await http.patch(`/api/projects/${project.id}/members/${outsider.user.id}`, { token: editor.accessToken, json: { role: 'viewer' } })).status).toBe(404);
    expect((await http.patch(`/api/projects/${project.id}/members/${MISSING_ID}`, { token: editor.accessToken, json: { role: 'viewer' } })).status).toBe(404);
    expect((await http.patch(`/api/projects/${project.id}/members/${owner.user.id}`, { token: editor.accessToken, json: { role: 'boss' } })).status).toBe(400);
  });

  it('lets owners remove anyone and members leave; others get 403; the last owner cannot go (409)', async () => {
    const { owner, editor, viewer, project } = await createTeam(http);
    expect((await http.delete(`/api/projects/${project.id}/members/${editor.user.id}`, { token: viewer.accessToken })).status).toBe(403);
    expect((await http.delete(`/api/projects/${project.id}/members/${owner.user.id}`, { token: editor.accessToken })).status).toBe(403);
    expect((await http.delete(`/api/projects/${project.id}/members/${viewer.user.id}`, { token: viewer.accessToken })).status).toBe(204);
    expect((await http.get(`/api/projects/${project.id}`, { token: viewer.accessToken })).status).toBe(404);
    expect((await http.delete(`/api/projects/${project.id}/members/${editor.user.id}`, { token: owner.accessToken })).status).toBe(204);
    expect((await http.delete(`/api/projects/${project.id}/members/${owner.user.id}`, { token: owner.accessToken })).status).toBe(409);
    expect((await http.delete(`/api/projects/${project.id}/members/${editor.user.id}`, { token: owner.accessToken })).status).toBe(404);
    const inbox = await defaultProjectId(http, owner);
    expect((await http.delete(`/api/projects/${inbox}/members/${owner.user.id}`, { token: owner.accessToken })).status).toBe(409);
  });

  it("unassigns a leaving member's tasks there, each with a new version and a task.updated by whoever removed them", async () => {
    const { owner, editor, project } = await createTeam(http);
    const assigned = await createTaskIn(http, owner, project.id, { assigneeId: editor.user.id });
    const other = await createTaskIn(http, owner, project.id, { assigneeId: owner.user.id });
    const elsewhere = await createProject(http, owner, 'Elsewhere');
    await addMember(http, owner, elsewhere.id, editor, 'editor');
    const kept = await createTaskIn(http, owner, elsewhere.id, { assigneeId: editor.user.id });

    expect((await http.delete(`/api/projects/${project.id}/members/${editor.user.id}`, { token: owner.accessToken })).status).toBe(204);
    const after = (await http.get<Task>(`/api/tasks/${assigned.id}`, { token: owner.accessToken })).body;
    expect(after).toMatchObject({ assigneeId: null, version: assigned.version + 1 });
    expect((await http.get<Task>(`/api/tasks/${other.id}`, { token: owner.accessToken })).body).toMatchObject({ assigneeId: owner.user.id, version: 1 });
    expect((await http.get<Task>(`/api/tasks/${kept.id}`, { token: owner.accessToken })).body.assigneeId).toBe(editor.user.id);
    const activity = (await http.get<ActivityList>(`/api/tasks/${assigned.id}/activity`, { token: owner.accessToken })).body.items;
    expect(activity[0]).toMatchObject({
      type: 'task.updated',
      actor: { id: owner.user.id, username: owner.username },
      changes: { assigneeId: { from: editor.user.id, to: null } },
    });
  });

  it('records the member who left as the actor of the unassignment', async () => {
    const { owner, editor, project } = await createTeam(http);
    const task = await createTaskIn(http, owner, project.id, { assigneeId: editor.user.id });
    expect((await http.delete(`/api/projects/${project.id}/members/${editor.user.id}`, { token: editor.accessToken })).status).toBe(204);
    const activity = (await http.get<ActivityList>(`/api/tasks/${task.id}/activity`, { token: owner.accessToken })).body.items;
    expect(activity[0]).toMatchObject({ actor: { id: editor.user.id, username: editor.username }, changes: { assigneeId: { from: editor.user.id, to: null } } });
  });
});
