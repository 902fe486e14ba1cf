import { HttpClient, startTestApp, type TestApp, type TestUser } from '@taskflow/api-testing';
import type { ActivityList, Task, TaskList } from '@taskflow/shared-contracts';
import { addMember, createProject, createTaskIn, createTeam, defaultProjectId, MISSING_ID } from '../projects/project-helpers';
import { pageThrough } from './task-helpers';

describe('tasks in projects (v2): projectId, assignees, moves, filters, board order', () => {
  let testApp: TestApp;
  let http: HttpClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(() => testApp.close());

  describe('POST /api/tasks', () => {
    it("puts a task in the caller's default project when projectId is absent, after its last task", async () => {
      const { owner } = await createTeam(http);
      const inbox = await defaultProjectId(http, owner);
      const first = (await http.post<Task>('/api/tasks', { token: owner.accessToken, json: { title: 'one' } })).body;
      const second = (await http.post<Task>('/api/tasks', { token: owner.accessToken, json: { title: 'two' } })).body;
      expect(first).toMatchObject({ projectId: inbox, position: 1024, assigneeId: null });
      expect(second.position).toBe(2048);
      const placed = (await http.post<Task>('/api/tasks', { token: owner.accessToken, json: { title: 'placed', position: -5.5 } })).body;
      expect(placed.position).toBe(-5.5);
      expect((await http.post<Task>('/api/tasks', { token: owner.accessToken, json: { title: 'three' } })).body.position).toBe(3072);
    });

    it('needs editor or owner in projectId: viewers 403, non-members and missing projects 404, malformed 400', async () => {
      const { owner, editor, viewer, outsider, project } = await createTeam(http);
      expect((await http.post('/api/tasks', { token: editor.accessToken, json: { title: 'x', projectId: project.id } })).status).toBe(201);
      expect((await http.post('/api/tasks', { token: owner.accessToken, json: { title: 'x', projectId: project.id } })).status).toBe(201);
      // The role is checked before the body: a viewer's invalid body is still 403.
      expect((await http.post('/api/tasks', { token: viewer.accessToken, json: { title: '', projectId: project.id } })).status).toBe(403);
      expect((await http.post('/api/tasks', { token: outsider.accessToken, json: { title: '', projectId: project.id } })).status).toBe(404);
      expect((await http.post('/api/tasks', { token: owner.accessToken, json: { title: 'x', projectId: MISSING_ID } })).status).toBe(404);
      const malformed = await http.post<{ errors: { field: string }[] }>('/api/tasks', { token: owner.accessToken, json: { title: 'x', projectId: 'nope' } });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors.map((e) => e.field)).toEqual(['projectId']);
    });

    it('takes an assignee who is a member, and refuses anyone else with 400 on assigneeId', async () => {
      const { owner, viewer, outsider, project } = await createTeam(http);
      expect((await http.post<Task>('/api/tasks', { token: owner.accessToken, json: { title: 'x', projectId: project.id, assigneeId: viewer.user.id } })).body.assigneeId).toBe(viewer.user.id);
      const refused = await http.post<{ errors: { field: string }[] }>('/api/tasks', { token: owner.accessToken, json: { title: 'x', projectId: project.id, assigneeId: outsider.user.id } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e) => e.field)).toEqual(['assigneeId']);
    });
  });

  describe('reads and writes by role', () => {
    it('lets every member read, editors and owners change and delete, and answers 404 to outsiders like a missing task', async () => {
      const { owner, editor, viewer, outsider, project } = await createTeam(http);
      const task = await createTaskIn(http, owner, project.id);
      for (const user of [owner, editor, viewer]) expect((await http.get(`/api/tasks/${task.id}`, { token: user.accessToken })).status).toBe(200);
      const foreign = await http.get<Record<string, unknown>>(`/api/tasks/${task.id}`, { token: outsider.accessToken });
      const missing = await http.get<Record<string, unknown>>(`/api/tasks/${MISSING_ID}`, { token: outsider.accessToken });
      expect([foreign.status, missing.status]).toEqual([404, 404]);
      expect({ ...foreign.body, instance: undefined }).toEqual({ ...missing.body, instance: undefined });
      expect((await http.patch(`/api/tasks/${task.id}`, { token: viewer.accessToken, json: { title: '' } })).status).toBe(403);
      expect((await http.patch(`/api/tasks/${task.id}`, { token: editor.accessToken, json: { title: 'edited' } })).status).toBe(200);
      expect((await http.delete(`/api/tasks/${task.id}`, { token: viewer.accessToken })).status).toBe(403);
      expect((await http.delete(`/api/tasks/${task.id}`, { token: outsider.accessToken })).status).toBe(404);
      expect((await http.delete(`/api/tasks/${task.id}`, { token: editor.accessToken })).status).toBe(204);
    });

    it('checks If-Match (412) only after the role (403) and the body (400)', async () => {
      const { owner, viewer, project } = await createTeam(http);
      const task = await createTaskIn(http, owner, project.id);
      expect((await http.patch(`/api/tasks/${task.id}`, { token: viewer.accessToken, json: { title: 'x' }, headers: { 'if-match': 'W/"7"' } })).status).toBe(403);
      expect((await http.patch(`/api/tasks/${task.id}`, { token: owner.accessToken, json: { title: '' }, headers: { 'if-match': 'W/"7"' } })).status).toBe(400);
      expect((await http.patch(`/api/tasks/${task.id}`, { token: owner.accessToken, json: { title: 'x' }, headers: { 'if-match': 'W/"7"' } })).status).toBe(412);
    });
  });

  describe('assignees and moves', () => {
    it('assigns and unassigns members only (400 on assigneeId otherwise)', async () => {
      const { owner, editor, outsider, project } = await createTeam(http);
      const task = await createTaskIn(http, owner, project.id);
      const assigned = await http.patch<Task>(`/api/tasks/${task.id}`, { token: owner.accessToken, json: { assigneeId: editor.user.id } });
      expect(assigned.body).toMatchObject({ assigneeId: editor.user.id, version: 2 });
      const refused = await http.patch<{ errors: { field: string }[] }>(`/api/tasks/${task.id}`, { token: owner.accessToken, json: { assigneeId: outsider.user.id } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e) => e.field)).toEqual(['assigneeId']);
      expect((await http.patch<Task>(`/api/tasks/${task.id}`, { token: owner.accessToken, json: { assigneeId: null } })).body.assigneeId).toBeNull();
    });

    it('moves a task with editor or owner in both projects; 403 as a viewer of the target, 404 when not in it', async () => {
      const { owner, editor, project } = await createTeam(http);
      const target = await createProject(http, owner, 'Target');
      const task = await createTaskIn(http, editor, project.id);
      // The editor is not in the target yet: 404, as for a project that does not exist.
      expect((await http.patch(`/api/tasks/${task.id}`, { token: editor.accessToken, json: { projectId: target.id } })).status).toBe(404);
      await addMember(http, owner, target.id, editor, 'viewer');
      expect((await http.patch(`/api/tasks/${task.id}`, { token: editor.accessToken, json: { projectId: target.id } })).status).toBe(403);
      await http.patch(`/api/projects/${target.id}/members/${editor.user.id}`, { token: owner.accessToken, json: { role: 'editor' } });
      const moved = await http.patch<Task>(`/api/tasks/${task.id}`, { token: editor.accessToken, json: { projectId: target.id } });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ projectId: target.id, version: 2 });
      const events = (await http.get<ActivityList>(`/api/tasks/${task.id}/activity`, { token: editor.accessToken })).body.items;
      expect(events[0]).toMatchObject({ type: 'task.updated', changes: { projectId: { from: project.id, to: target.id } }, actor: { id: editor.user.id } });
      // The move shows in both projects' activity.
      for (const id of [project.id, target.id]) {
        const items = (await http.get<ActivityList>(`/api/projects/${id}/activity`, { token: owner.accessToken })).body.items;
        expect(items.map((e) => e.id)).toContain(events[0]!.id);
      }
    });

    it('refuses a move that leaves the assignee outside the project (400 on assigneeId) unless the request sets assigneeId', async () => {
      const { owner, viewer, project } = await createTeam(http);
      const target = await createProject(http, owner, 'Target');
      const task = await createTaskIn(http, owner, project.id, { assigneeId: viewer.user.id });
      const refused = await http.patch<{ errors: { field: string }[] }>(`/api/tasks/${task.id}`, { token: owner.accessToken, json: { projectId: target.id } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e) => e.field)).toEqual(['assigneeId']);
      const withNull = await http.patch<Task>(`/api/tasks/${task.id}`, { token: owner.accessToken, json: { projectId: target.id, assigneeId: null } });
      expect(withNull.body).toMatchObject({ projectId: target.id, assigneeId: null });
      const back = await http.patch<Task>(`/api/tasks/${task.id}`, { token: owner.accessToken, json: { projectId: project.id, assigneeId: owner.user.id } });
      expect(back.body).toMatchObject({ projectId: project.id, assigneeId: owner.user.id });
    });
  });

  describe('GET /api/tasks filters', () => {
    it('lists tasks of every project the caller is in, narrowed by projectId and assignee', async () => {
      const { owner, editor, outsider, project } = await createTeam(http);
      const inbox = await defaultProjectId(http, editor);
      const mine = await createTaskIn(http, editor, inbox, { title: 'mine' });
      const shared = await createTaskIn(http, owner, project.id, { title: 'shared', assigneeId: editor.user.id });
      const unassigned = await createTaskIn(http, owner, project.id, { title: 'unassigned' });
      const theirs = await createTaskIn(http, outsider, await defaultProjectId(http, outsider), { title: 'theirs' });
      const ids = async (query: string) => (await http.get<TaskList>(`/api/tasks?${query}`, { token: editor.accessToken })).body.items.map((t) => t.id).sort();

      expect(await ids('')).toEqual([mine.id, shared.id, unassigned.id].sort());
      expect(await ids(`projectId=${project.id}`)).toEqual([shared.id, unassigned.id].sort());
      expect(await ids(`projectId=${project.id},${inbox}`)).toEqual([mine.id, shared.id, unassigned.id].sort());
      expect(await ids(`projectId=${theirs.projectId}`)).toEqual([]);
      expect(await ids(`projectId=${MISSING_ID},${inbox}`)).toEqual([mine.id]);
      expect(await ids('assignee=me')).toEqual([shared.id]);
      expect(await ids('assignee=none')).toEqual([mine.id, unassigned.id].sort());
      expect(await ids(`assignee=${editor.user.id}`)).toEqual([shared.id]);
      expect(await ids(`assignee=${owner.user.id}`)).toEqual([]);
      expect(await ids(`assignee=${editor.user.id}&projectId=${inbox}`)).toEqual([]);
      expect((await http.get<TaskList>(`/api/tasks?projectId=${project.id}`, { token: editor.accessToken })).body.total).toBe(2);
    });

    it.each(['projectId=nope', `projectId=${MISSING_ID},x`, 'projectId=', 'assignee=someone', 'assignee='])('refuses %s with 400 naming the field', async (query) => {
      const { owner } = await createTeam(http);
      const response = await http.get<{ errors: { field: string }[] }>(`/api/tasks?${query}`, { token: owner.accessToken });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e) => e.field)).toEqual([query.split('=')[0]]);
    });

    it('binds the cursor to the new filters too', async () => {
      const { owner, project } = await createTeam(http);
      for (let i = 0; i < 3; i++) await createTaskIn(http, owner, project.id);
      const page = (await http.get<TaskList>(`/api/tasks?projectId=${project.id}&limit=1`, { token: owner.accessToken })).body;
      expect(page.nextCursor).not.toBeNull();
      expect((await http.get(`/api/tasks?assignee=none&limit=1&cursor=${page.nextCursor}`, { token: owner.accessToken })).status).toBe(400);
      const all = await pageThrough(http, owner, `projectId=${project.id}&limit=1`);
      expect(all).toHaveLength(3);
    });
  });

  describe('board order', () => {
    /** The position halfway between two tasks as they are stored now: where a card dropped between them goes. */
    const between = async (user: TestUser, leftId: string, rightId: string) => {
      const [left, right] = await Promise.all([leftId, rightId].map((id) => http.get<Task>(`/api/tasks/${id}`, { token: user.accessToken })));
      return ((left?.body.position ?? NaN) + (right?.body.position ?? NaN)) / 2;
    };
    /** Neighbours on the board at least 1e-6 apart, as the renumbering keeps them. */
    const expectSpaced = (board: Task[]) => {
      for (const [i, task] of board.entries()) if (i > 0) expect(task.position - (board[i - 1]?.position ?? -Infinity)).toBeGreaterThanOrEqual(1e-6);
    };

    it('sorts by position, ties by id, and pages through it', async () => {
      const { owner, project } = await createTeam(http);
      const a = await createTaskIn(http, owner, project.id, { position: 30 });
      const b = await createTaskIn(http, owner, project.id, { position: 10 });
      const c = await createTaskIn(http, owner, project.id, { position: 20 });
      const d = await createTaskIn(http, owner, project.id, { position: 20.5 });
      // One more at c's position: the tie is ordered by id, in the sort's direction, across a page
      // boundary; if the server renumbers the crowded pair instead (0 apart), it keeps that order.
      const tied = [c, await createTaskIn(http, owner, project.id, { position: 20 })].map((t) => t.id).sort();
      const sorted = await pageThrough(http, owner, `projectId=${project.id}&sort=position&limit=2`);
      expect(sorted.map((t) => t.id)).toEqual([b.id, ...tied, d.id, a.id]);
      const reversed = await pageThrough(http, owner, `projectId=${project.id}&sort=-position&limit=3`);
      expect(reversed.map((t) => t.id)).toEqual([a.id, d.id, ...[...tied].reverse(), b.id]);
    });

    it('refuses a position that is not a finite number', async () => {
      const { owner, project } = await createTeam(http);
      const task = await createTaskIn(http, owner, project.id);
      for (const position of ['1', null, '1e400']) {
        expect((await http.patch(`/api/tasks/${task.id}`, { token: owner.accessToken, json: { position } })).status).toBe(400);
      }
    });

    it('renumbers only within a column: a card dropped right next to the number of a card in another column leaves that one alone', async () => {
      const { owner, project } = await createTeam(http);
      const todo = await createTaskIn(http, owner, project.id, { title: 'todo' });
      const moving = await createTaskIn(http, owner, project.id, { title: 'moving', status: 'in_progress' });
      // 1e-7 below a card of another column: crowded if the whole project counted, which would renumber `todo`.
      const position = todo.position - 1e-7;
      const moved = await http.patch<Task>(`/api/tasks/${moving.id}`, { token: owner.accessToken, json: { status: 'done', position } });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ position, version: 2 });
      const untouched = (await http.get<Task>(`/api/tasks/${todo.id}`, { token: owner.accessToken })).body;
      expect(untouched).toMatchObject({ version: 1, position: todo.position });
    });

    it('keeps the order when the same gap is bisected 60 times: crowded neighbours are renumbered, each with a new version', async () => {
      const { owner, project } = await createTeam(http);
      const left = await createTaskIn(http, owner, project.id, { title: 'left' });
      const right = await createTaskIn(http, owner, project.id, { title: 'right' });
      const expected = [left.id];
      // Each new card goes just right of `left`: between left and the card placed before it.
      let neighbour = right.id;
      for (let i = 0; i < 60; i++) {
        const card = await createTaskIn(http, owner, project.id, { title: `card ${i}`, position: await between(owner, left.id, neighbour) });
        expected.splice(1, 0, card.id);
        neighbour = card.id;
      }
      expected.push(right.id);
      const board = await pageThrough(http, owner, `projectId=${project.id}&sort=position&limit=100`);
      expect(board.map((t) => t.id)).toEqual(expected);
      expectSpaced(board);
      // A renumbering moved `right` (and others): each move is a new version and a task.updated event.
      const rightNow = (await http.get<Task>(`/api/tasks/${right.id}`, { token: owner.accessToken })).body;
      expect(rightNow.version).toBeGreaterThan(1);
      const events = (await http.get<ActivityList>(`/api/tasks/${right.id}/activity`, { token: owner.accessToken })).body.items;
      expect(events.filter((e) => e.type === 'task.updated' && 'position' in e.changes).length).toBe(rightNow.version - 1);
    });

    it('keeps the order when cards are dragged into the same gap 60 times by PATCH, each answer the task as stored', async () => {
      const { owner, project } = await createTeam(http);
      const left = await createTaskIn(http, owner, project.id, { title: 'left' });
      const right = await createTaskIn(http, owner, project.id, { title: 'right' });
      const cards = [];
      for (let i = 0; i < 60; i++) cards.push(await createTaskIn(http, owner, project.id, { title: `card ${i}` }));
      const expected = [left.id, right.id];
      let neighbour = right.id;
      for (const card of cards) {
        const position = await between(owner, left.id, neighbour);
        const moved = await http.patch<Task>(`/api/tasks/${card.id}`, { token: owner.accessToken, json: { position } });
        expect(moved.status).toBe(200);
        // If the drop crowded its neighbours, the renumbering moved this card too: the answer says where it is now.
        const stored = await http.get<Task>(`/api/tasks/${card.id}`, { token: owner.accessToken });
        expect(moved.body).toEqual(stored.body);
        expect(moved.headers.get('etag')).toBe(stored.headers.get('etag'));
        expected.splice(1, 0, card.id);
        neighbour = card.id;
      }
      const board = await pageThrough(http, owner, `projectId=${project.id}&sort=position&limit=100`);
      expect(board.map((t) => t.id)).toEqual(expected);
      expectSpaced(board);
      expect((await http.get<Task>(`/api/tasks/${right.id}`, { token: owner.accessToken })).body.version).toBeGreaterThan(1);
    });
  });
});
