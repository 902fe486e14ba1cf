import { createUser, HttpClient, login, openEventStream, type EventStream, type ReceivedEvent, type TestUser } from '@taskflow/api-testing';
import type { Task } from '@taskflow/shared-contracts';
import { createHmac } from 'node:crypto';
import { addMember, createProject, createTaskIn } from '../projects/project-helpers';

/** Where the two members' streams are opened: one API process each, or the same one twice. */
export interface LiveSetup {
  /** The owner's process. */
  first: () => string;
  /** The member's process. */
  second: () => string;
  /** The SECRET_KEY the processes sign with (to mint a short-lived token of a real session). */
  secretKey: string;
}

/** The contract's bound: an event reaches every stream within 1 s of the response that made it. */
const WITHIN_MS = 1_000;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/** The same access token with `exp` moved to `expSeconds` and signed again, as the server would sign it. */
function withExpiry(token: string, secretKey: string, expSeconds: number): string {
  const [header, payload] = token.split('.') as [string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const body = Buffer.from(JSON.stringify({ ...claims, exp: expSeconds })).toString('base64url');
  const signature = createHmac('sha256', secretKey).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}

/**
 * The contract's "Live updates (v2)" as seen by two members whose streams may be on different API
 * processes: every event kind arrives within 1 s, task events in version order, replay after a
 * drop, reset for an id that cannot be replayed, removal, revocation and expiry.
 */
export function liveScenarios(setup: LiveSetup): void {
  let owner: TestUser;
  let member: TestUser;
  let ownerHttp: HttpClient;
  let memberHttp: HttpClient;
  const open: EventStream[] = [];
  const stream = async (baseUrl: string, token: string | undefined, options?: Parameters<typeof openEventStream>[2]) => {
    const opened = await openEventStream(baseUrl, token, options);
    open.push(opened);
    return opened;
  };

  beforeAll(async () => {
    ownerHttp = new HttpClient(setup.first());
    memberHttp = new HttpClient(setup.second());
    [owner, member] = await Promise.all([createUser(ownerHttp), createUser(memberHttp)]);
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await Promise.all(open.map((s) => s.ended));
  });

  it('answers 401 problem+json without a token, before any stream byte', async () => {
    const response = await stream(setup.first(), undefined);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(JSON.parse(response.text ?? '{}')).toMatchObject({ status: 401 });
    const bad = await stream(setup.first(), 'not.a.token');
    expect(bad.status).toBe(401);
  });

  it('streams with the SSE headers', async () => {
    const response = await stream(setup.first(), owner.accessToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    response.close();
  });

  it('delivers every event kind to both members, across processes, within 1 s, task events in version order', async () => {
    const ownerStream = await stream(setup.first(), owner.accessToken);
    const memberStream = await stream(setup.second(), member.accessToken);
    const latencies: number[] = [];
    /** Runs the write and waits for the event on the given streams, recording response-to-arrival times. */
    const expectEvent = async (streams: EventStream[], write: () => Promise<unknown>, match: (event: ReceivedEvent) => boolean) => {
      const from = streams.map((s) => s.events.length);
      await write();
      const answeredAt = Date.now();
      const arrived = await Promise.all(streams.map((s, i) => s.next(match, 5_000, from[i])));
      for (const event of arrived) latencies.push(Math.max(0, event.receivedAt - answeredAt));
      return arrived;
    };
    const both = [ownerStream, memberStream];

    const project = await createProject(ownerHttp, owner, 'Live');
    const [added] = await expectEvent(both, () => addMember(ownerHttp, owner, project.id, member, 'editor'), (e) => e.event === 'member.added' && e.data['projectId'] === project.id && e.data['userId'] === member.user.id);
    expect(added?.data).toMatchObject({ projectId: project.id, userId: member.user.id, role: 'editor', actor: { id: owner.user.id, username: owner.username } });

    let task: Task | undefined;
    const [created] = await expectEvent(both, async () => (task = await createTaskIn(ownerHttp, owner, project.id, { title: 'Live one' })), (e) => e.event === 'task.created');
    expect(created?.data).toMatchObject({ projectId: project.id, taskId: task?.id, version: 1, actor: { id: owner.user.id }, task });

    // Every field rendered as GET renders it (the create path builds the event's task in SQL).
    let full: Task | undefined;
    const [fullCreated] = await expectEvent(
      both,
      async () => (full = await createTaskIn(ownerHttp, owner, project.id, { title: 'Full', description: 'd', status: 'done', priority: 'urgent', dueDate: '2030-01-02', tags: ['b', 'a'], position: 0.1 + 0.2, assigneeId: member.user.id })),
      (e) => e.event === 'task.created' && e.data['taskId'] === full?.id,
    );
    expect(fullCreated?.data['task']).toEqual((await ownerHttp.get<Task>(`/api/tasks/${full?.id}`, { token: owner.accessToken })).body);
    expect(fullCreated?.data['changes']).toMatchObject({ title: { from: null, to: 'Full' }, position: { from: null, to: 0.1 + 0.2 }, completedAt: { from: null, to: full?.completedAt } });

    // The member moves the card: the owner's stream on the other process sees it, with the task as GET returns it.
    const [moved] = await expectEvent(
      both,
      () => memberHttp.patch(`/api/tasks/${task?.id}`, { token: member.accessToken, json: { status: 'in_progress' } }),
      (e) => e.event === 'task.updated' && e.data['version'] === 2,
    );
    const fetched = await ownerHttp.get<Task>(`/api/tasks/${task?.id}`, { token: owner.accessToken });
    expect(moved?.data).toMatchObject({ taskId: task?.id, actor: { id: member.user.id, username: member.username }, changes: { status: { from: 'todo', to: 'in_progress' } } });
    expect(moved?.data['task']).toEqual(fetched.body);

    // A burst of changes by both: each stream gets them in version order.
    const burst = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) =>
        (n % 2 ? ownerHttp : memberHttp).patch(`/api/tasks/${task?.id}`, { token: (n % 2 ? owner : member).accessToken, json: { title: `Title ${n}` } }),
      ),
    );
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    for (const s of both) {
      await s.next((e) => e.event === 'task.updated' && e.data['version'] === 8);
      const versions = s.events.filter((e) => e.data['taskId'] === task?.id && e.event.startsWith('task.')).map((e) => e.data['version']);
      expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    }

    let commentId = '';
    const [commented] = await expectEvent(
      both,
      async () => (commentId = ((await memberHttp.post<{ id: string }>(`/api/tasks/${task?.id}/comments`, { token: member.accessToken, json: { body: 'Hello' } })).body.id)),
      (e) => e.event === 'comment.created',
    );
    expect(commented?.data).toMatchObject({ projectId: project.id, taskId: task?.id, commentId, comment: { body: 'Hello' }, actor: { id: member.user.id } });
    await expectEvent(both, () => memberHttp.patch(`/api/comments/${commentId}`, { token: member.accessToken, json: { body: 'Edited' } }), (e) => e.event === 'comment.updated' && (e.data['comment'] as { body?: string })?.body === 'Edited');
    const [uncommented] = await expectEvent(both, () => ownerHttp.delete(`/api/comments/${commentId}`, { token: owner.accessToken }), (e) => e.event === 'comment.deleted');
    expect(uncommented?.data).toEqual({ projectId: project.id, taskId: task?.id, commentId, actor: { id: owner.user.id, username: owner.username } });

    const [renamed] = await expectEvent(both, () => ownerHttp.patch(`/api/projects/${project.id}`, { token: owner.accessToken, json: { name: 'Live, renamed' } }), (e) => e.event === 'project.updated');
    expect(renamed?.data).toMatchObject({ projectId: project.id, project: { id: project.id, name: 'Live, renamed' } });
    expect(renamed?.data['project']).not.toHaveProperty('role');

    await expectEvent(both, () => ownerHttp.patch(`/api/projects/${project.id}/members/${member.user.id}`, { token: owner.accessToken, json: { role: 'viewer' } }), (e) => e.event === 'member.updated' && e.data['role'] === 'viewer');

    const [deleted] = await expectEvent(both, () => ownerHttp.delete(`/api/tasks/${task?.id}`, { token: owner.accessToken }), (e) => e.event === 'task.deleted');
    expect(deleted?.data).toEqual({ projectId: project.id, taskId: task?.id, version: 9, actor: { id: owner.user.id, username: owner.username } });

    const [gone] = await expectEvent(both, () => ownerHttp.delete(`/api/projects/${project.id}`, { token: owner.accessToken }), (e) => e.event === 'project.deleted');
    expect(gone?.data).toEqual({ projectId: project.id, actor: { id: owner.user.id, username: owner.username } });

    // Every message carries an id, in increasing order on each stream.
    for (const s of both) {
      const ids = s.events.map((e) => e.id ?? '');
      expect(ids.every((id) => /^\d+-\d+$/.test(id))).toBe(true);
      const sorted = [...ids].sort((a, b) => {
        const [am, as] = a.split('-').map(Number) as [number, number];
        const [bm, bs] = b.split('-').map(Number) as [number, number];
        return am - bm || as - bs;
      });
      expect(ids).toEqual(sorted);
    }
    console.log(`live: ${latencies.length} deliveries, response-to-arrival p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${Math.max(...latencies)} ms`);
    expect(percentile(latencies, 99)).toBeLessThan(WITHIN_MS);
    ownerStream.close();
    memberStream.close();
  }, 60_000);

  it('replays exactly the missed events after a dropped connection (Last-Event-ID), then goes on live', async () => {
    const project = await createProject(ownerHttp, owner, 'Replay');
    await addMember(ownerHttp, owner, project.id, member, 'editor');
    const first = await stream(setup.second(), member.accessToken);
    const seen = await createTaskIn(ownerHttp, owner, project.id, { title: 'Seen' });
    const last = await first.next((e) => e.event === 'task.created' && e.data['taskId'] === seen.id);
    first.close();
    await first.ended;

    const missed: string[] = [];
    for (const title of ['Missed 1', 'Missed 2', 'Missed 3']) missed.push((await createTaskIn(ownerHttp, owner, project.id, { title })).id);
    // The owner's own stream shows when the last of them has gone out.
    const watcher = await stream(setup.first(), owner.accessToken, { lastEventId: last.id });
    await watcher.next((e) => e.data['taskId'] === missed[2]);
    watcher.close();

    const again = await stream(setup.second(), member.accessToken, { lastEventId: last.id });
    await again.next((e) => e.data['taskId'] === missed[2]);
    const live = await createTaskIn(ownerHttp, owner, project.id, { title: 'Live after replay' });
    await again.next((e) => e.data['taskId'] === live.id);
    const ofProject = again.events.filter((e) => e.data['projectId'] === project.id);
    expect(ofProject.map((e) => [e.event, e.data['taskId']])).toEqual([...missed, live.id].map((id) => ['task.created', id]));
    expect(again.events.some((e) => e.event === 'reset')).toBe(false);

    // The query parameter works like the header.
    const byQuery = await stream(setup.second(), member.accessToken, { query: `?lastEventId=${encodeURIComponent(last.id ?? '')}` });
    await byQuery.next((e) => e.data['taskId'] === live.id);
    expect(byQuery.events.filter((e) => e.data['projectId'] === project.id).map((e) => e.data['taskId'])).toEqual([...missed, live.id]);
    again.close();
    byQuery.close();
  }, 30_000);

  it('gives a stream its position at once, so a reconnect before any event replays instead of resetting', async () => {
    const project = await createProject(ownerHttp, owner, 'Quiet');
    // The member's stream opens once the membership's event is in the log, so nothing at all follows its position.
    const watcher = await stream(setup.first(), owner.accessToken);
    await addMember(ownerHttp, owner, project.id, member, 'viewer');
    await watcher.next((e) => e.event === 'member.added' && e.data['projectId'] === project.id && e.data['userId'] === member.user.id);
    watcher.close();
    const quiet = await stream(setup.second(), member.accessToken);
    const position = await until(() => quiet.lastEventId);
    expect(position).toMatch(/^\d+-\d+$/);
    expect(quiet.events).toEqual([]);
    quiet.close();
    await quiet.ended;

    const missed = await createTaskIn(ownerHttp, owner, project.id, { title: 'While away' });
    const again = await stream(setup.second(), member.accessToken, { lastEventId: position });
    await again.next((e) => e.data['taskId'] === missed.id);
    const later = await createTaskIn(ownerHttp, owner, project.id, { title: 'Live again' });
    await again.next((e) => e.data['taskId'] === later.id);
    expect(again.events.some((e) => e.event === 'reset')).toBe(false);
    expect(again.events.filter((e) => e.data['projectId'] === project.id).map((e) => [e.event, e.data['taskId']])).toEqual([
      ['task.created', missed.id],
      ['task.created', later.id],
    ]);
    again.close();
  });

  it.each(['1-0', 'not-an-id', '99999999999999-0'])('starts with reset for a Last-Event-ID it cannot replay from (%s)', async (id) => {
    const s = await stream(setup.second(), member.accessToken, { lastEventId: id });
    const first = await s.next(() => true);
    expect(first).toMatchObject({ event: 'reset', data: {} });
    expect(first.id).toMatch(/^\d+-\d+$/);
    s.close();
  });

  it('sends a removed member member.removed, then nothing more of that project', async () => {
    const project = await createProject(ownerHttp, owner, 'Leaving');
    await addMember(ownerHttp, owner, project.id, member, 'editor');
    const ownerStream = await stream(setup.first(), owner.accessToken);
    const memberStream = await stream(setup.second(), member.accessToken);
    const assigned = await createTaskIn(ownerHttp, owner, project.id, { assigneeId: member.user.id });
    await memberStream.next((e) => e.data['taskId'] === assigned.id);

    expect((await ownerHttp.delete(`/api/projects/${project.id}/members/${member.user.id}`, { token: owner.accessToken })).status).toBe(204);
    const removed = await memberStream.next((e) => e.event === 'member.removed');
    expect(removed.data).toMatchObject({ projectId: project.id, userId: member.user.id, actor: { id: owner.user.id } });
    // Unassigned on the way out, and told so before the removal.
    const unassigned = memberStream.events.find((e) => e.event === 'task.updated' && e.data['taskId'] === assigned.id);
    expect(unassigned?.data).toMatchObject({ version: 2, changes: { assigneeId: { from: member.user.id, to: null } } });

    const after = await createTaskIn(ownerHttp, owner, project.id, { title: 'Private again' });
    await ownerStream.next((e) => e.data['taskId'] === after.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const index = memberStream.events.indexOf(removed);
    expect(memberStream.events.slice(index + 1).filter((e) => e.data['projectId'] === project.id)).toEqual([]);
    ownerStream.close();
    memberStream.close();
  }, 30_000);

  it('tells the members of both projects of a move: the one a task leaves (not in the other) and the one it goes to', async () => {
    const from = await createProject(ownerHttp, owner, 'From');
    const to = await createProject(ownerHttp, owner, 'To');
    await addMember(ownerHttp, owner, from.id, member, 'viewer');
    // Only in the project the task goes to, following it on the owner's process.
    const arriving = await createUser(ownerHttp);
    await addMember(ownerHttp, owner, to.id, arriving, 'viewer');
    const memberStream = await stream(setup.second(), member.accessToken);
    const arrivingStream = await stream(setup.first(), arriving.accessToken);
    const task = await createTaskIn(ownerHttp, owner, from.id, { title: 'Moving' });
    await memberStream.next((e) => e.data['taskId'] === task.id);
    expect((await ownerHttp.patch(`/api/tasks/${task.id}`, { token: owner.accessToken, json: { projectId: to.id } })).status).toBe(200);
    const expected = { projectId: to.id, version: 2, changes: { projectId: { from: from.id, to: to.id } } };
    const moved = await memberStream.next((e) => e.event === 'task.updated' && e.data['taskId'] === task.id);
    expect(moved.data).toMatchObject(expected);
    const arrived = await arrivingStream.next((e) => e.event === 'task.updated' && e.data['taskId'] === task.id);
    expect(arrived.data).toMatchObject(expected);
    // It saw nothing of the task before the move: it was not in the project then.
    expect(arrivingStream.events.filter((e) => e.data['taskId'] === task.id).map((e) => e.event)).toEqual(['task.updated']);
    memberStream.close();
    arrivingStream.close();
  }, 30_000);

  it('closes a revoked session’s stream within 1 s while another session of the same user stays open', async () => {
    const other = await login(memberHttp, member.username, member.password);
    const revoked = await stream(setup.second(), member.accessToken);
    const kept = await stream(setup.first(), other.access_token);
    const started = Date.now();
    // Revoked through the other process: the stream's process hears of it by NOTIFY (or is the same process).
    expect((await ownerHttp.post('/api/token/revoke', { form: { token: member.refreshToken } })).status).toBe(200);
    const endedAt = await revoked.ended;
    console.log(`live: revoked session's stream closed ${endedAt - started} ms after the revoke was sent`);
    expect(endedAt - started).toBeLessThan(WITHIN_MS);

    const project = await createProject(memberHttp, { ...member, accessToken: other.access_token }, 'Still here');
    await kept.next((e) => e.event === 'member.added' && e.data['projectId'] === project.id && e.data['role'] === 'owner');
    const task = await createTaskIn(memberHttp, { ...member, accessToken: other.access_token }, project.id);
    await kept.next((e) => e.data['taskId'] === task.id);
    kept.close();
    member = { ...member, accessToken: other.access_token, refreshToken: other.refresh_token };
  }, 30_000);

  it('ends the stream when its access token expires', async () => {
    const expSeconds = Math.floor(Date.now() / 1000) + 2;
    const short = withExpiry(member.accessToken, setup.secretKey, expSeconds);
    const s = await stream(setup.second(), short);
    expect(s.status).toBe(200);
    const endedAt = await s.ended;
    console.log(`live: stream ended ${endedAt - expSeconds * 1000} ms after exp`);
    expect(endedAt).toBeGreaterThanOrEqual(expSeconds * 1000 - 50);
    expect(endedAt - expSeconds * 1000).toBeLessThan(3_000);
  }, 15_000);
}

/** Polls `read` until it gives a value (the stream's id-only block has no event to wait on). */
async function until<T>(read: () => T | undefined, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
