import { HttpClient, startTestApp, type TestApp } from '@taskflow/api-testing';
import type { Comment, CommentList } from '@taskflow/shared-contracts';
import { createTaskIn, createTeam, MISSING_ID } from '../projects/project-helpers';

describe('comments: /api/tasks/:id/comments and /api/comments/:id', () => {
  let testApp: TestApp;
  let http: HttpClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(() => testApp.close());

  it('lets any member comment (viewers too): 201 Comment with Location /api/comments/:id', async () => {
    const { owner, viewer, project } = await createTeam(http);
    const task = await createTaskIn(http, owner, project.id);
    const response = await http.post<Comment>(`/api/tasks/${task.id}/comments`, { token: viewer.accessToken, json: { body: '  Looks good  ' } });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      taskId: task.id,
      author: { id: viewer.user.id, username: viewer.username },
      body: 'Looks good',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(response.headers.get('location')).toBe(`/api/comments/${response.body.id}`);
    expect((await http.get<Comment>(`/api/comments/${response.body.id}`, { token: owner.accessToken })).body).toEqual(response.body);
  });

  it.each([{}, { body: '   ' }, { body: 'x'.repeat(10_001) }, { body: 'ok', author: 'me' }])('refuses %j with 400', async (json) => {
    const { owner, project } = await createTeam(http);
    const task = await createTaskIn(http, owner, project.id);
    expect((await http.post(`/api/tasks/${task.id}/comments`, { token: owner.accessToken, json })).status).toBe(400);
  });

  it('lists oldest first with a cursor; limit 1–100, a bad cursor is 400', async () => {
    const { owner, editor, project } = await createTeam(http);
    const task = await createTaskIn(http, owner, project.id);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await http.post<Comment>(`/api/tasks/${task.id}/comments`, { token: i % 2 ? editor.accessToken : owner.accessToken, json: { body: `c${i}` } })).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: CommentList = (await http.get<CommentList>(`/api/tasks/${task.id}/comments?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: editor.accessToken })).body;
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made);
    const all = (await http.get<CommentList>(`/api/tasks/${task.id}/comments`, { token: owner.accessToken })).body;
    expect(all.items.map((c) => c.body)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(all.nextCursor).toBeNull();
    for (const query of ['limit=0', 'limit=101', 'cursor=garbage']) {
      expect((await http.get(`/api/tasks/${task.id}/comments?${query}`, { token: owner.accessToken })).status).toBe(400);
    }
  });

  it('pages 50 comments at a time when no limit is given', async () => {
    const { owner, project } = await createTeam(http);
    const task = await createTaskIn(http, owner, project.id);
    for (let i = 0; i < 51; i++) await http.post(`/api/tasks/${task.id}/comments`, { token: owner.accessToken, json: { body: `c${i}` } });
    const first = (await http.get<CommentList>(`/api/tasks/${task.id}/comments`, { token: owner.accessToken })).body;
    expect(first.items.map((c) => c.body)).toEqual(Array.from({ length: 50 }, (_, i) => `c${i}`));
    expect(first.nextCursor).not.toBeNull();
    const rest = (await http.get<CommentList>(`/api/tasks/${task.id}/comments?cursor=${first.nextCursor}`, { token: owner.accessToken })).body;
    expect(rest.items.map((c) => c.body)).toEqual(['c50']);
    expect(rest.nextCursor).toBeNull();
  });

  it('lets only the author edit (403 for others, owners included), before the body is checked', async () => {
    const { owner, editor, project } = await createTeam(http);
    const task = await createTaskIn(http, owner, project.id);
    const comment = (await http.post<Comment>(`/api/tasks/${task.id}/comments`, { token: editor.accessToken, json: { body: 'first' } })).body;
    expect((await http.patch(`/api/comments/${comment.id}`, { token: owner.accessToken, json: { body: '' } })).status).toBe(403);
    const edited = await http.patch<Comment>(`/api/comments/${comment.id}`, { token: editor.accessToken, json: { body: 'second' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: comment.id, body: 'second', author: { id: editor.user.id } });
    expect((await http.patch(`/api/comments/${comment.id}`, { token: editor.accessToken, json: { body: ' ' } })).status).toBe(400);
  });

  it('lets the author or a project owner delete; anyone else gets 403; deleting the task deletes its comments', async () => {
    const { owner, editor, viewer, project } = await createTeam(http);
    const task = await createTaskIn(http, owner, project.id);
    const byViewer = (await http.post<Comment>(`/api/tasks/${task.id}/comments`, { token: viewer.accessToken, json: { body: 'a' } })).body;
    const byEditor = (await http.post<Comment>(`/api/tasks/${task.id}/comments`, { token: editor.accessToken, json: { body: 'b' } })).body;
    expect((await http.delete(`/api/comments/${byViewer.id}`, { token: editor.accessToken })).status).toBe(403);
    expect((await http.delete(`/api/comments/${byViewer.id}`, { token: viewer.accessToken })).status).toBe(204);
    expect((await http.delete(`/api/comments/${byEditor.id}`, { token: owner.accessToken })).status).toBe(204);
    const last = (await http.post<Comment>(`/api/tasks/${task.id}/comments`, { token: viewer.accessToken, json: { body: 'c' } })).body;
    await http.delete(`/api/tasks/${task.id}`, { token: owner.accessToken });
    expect((await http.get(`/api/comments/${last.id}`, { token: viewer.accessToken })).status).toBe(404);
  });

  it('answers 404 to non-members and for missing ids, with the same body', async () => {
    const { owner, outsider, project } = await createTeam(http);
    const task = await createTaskIn(http, owner, project.id);
    const comment = (await http.post<Comment>(`/api/tasks/${task.id}/comments`, { token: owner.accessToken, json: { body: 'a' } })).body;
    const foreign = await http.get<Record<string, unknown>>(`/api/comments/${comment.id}`, { token: outsider.accessToken });
    const missing = await http.get<Record<string, unknown>>(`/api/comments/${MISSING_ID}`, { token: outsider.accessToken });
    expect([foreign.status, missing.status]).toEqual([404, 404]);
    expect({ ...foreign.body, instance: undefined }).toEqual({ ...missing.body, instance: undefined });
    expect((await http.post(`/api/tasks/${task.id}/comments`, { token: outsider.accessToken, json: {} })).status).toBe(404);
    expect((await http.get(`/api/tasks/${task.id}/comments`, { token: outsider.accessToken })).status).toBe(404);
    expect((await http.patch(`/api/comments/${comment.id}`, { token: outsider.accessToken, json: { body: 'x' } })).status).toBe(404);
    expect((await http.delete(`/api/comments/${comment.id}`, { token: outsider.accessToken })).status).toBe(404);
    expect((await http.get(`/api/comments/not-a-uuid`, { token: owner.accessToken })).status).toBe(400);
  });
});
