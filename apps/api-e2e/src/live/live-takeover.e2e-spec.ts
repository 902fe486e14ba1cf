import { EventDispatcher, EventLog } from '@taskflow/api-events';
import { LiveLog, LOG_START } from '@taskflow/api-live';
import { createUser, HttpClient, openEventStream, startTestAppOnOwnDatabase, type EventStream, type TestApp } from '@taskflow/api-testing';
import { DataSource } from 'typeorm';
import { eventually } from '../activity/activity-helpers';
import { createProject, createTaskIn } from '../projects/project-helpers';

/**
 * The `live` consumer's lease taken over from a process that appended a batch to the replay log
 * but stopped before its cursor moved: the next holder is handed the same batch, and the log (so
 * every stream) still has each event once. One in-process API on the run's defaults (embedded
 * PGlite and memory, or PostgreSQL and Redis when set); the "stop" is the cursor update failing
 * after the append, which leaves the lease held exactly as a killed process does.
 */
describe('live: a batch redelivered after a lease takeover', () => {
  let testApp: TestApp;
  let stream: EventStream | undefined;
  beforeAll(async () => {
    // Its own database: the spied append and ack must be this app's, not a neighbouring suite's app's.
    testApp = await startTestAppOnOwnDatabase();
  });
  afterAll(async () => {
    stream?.close();
    await stream?.ended;
    await testApp.close();
  });

  it('sends a comment.created once, under one stream id, when the next holder redelivers its batch', async () => {
    const http = new HttpClient(testApp.baseUrl);
    const owner = await createUser(http);
    const project = await createProject(http, owner, 'Takeover');
    const task = await createTaskIn(http, owner, project.id);
    stream = await openEventStream(testApp.baseUrl, owner.accessToken);

    const events = testApp.app.get(EventLog);
    const liveLog = testApp.app.get(LiveLog);
    const appends = jest.spyOn(liveLog, 'append');
    const ack = events.ack.bind(events);
    let stopped = false;
    // The stream can see the event before the consumer's append returns and it calls ack (Redis
    // publishes to the subscriber first), so the test waits for the stop rather than assuming it.
    let markStopped!: () => void;
    const stop = new Promise<void>((resolve) => (markStopped = resolve));
    const acks = jest.spyOn(events, 'ack').mockImplementation(async (name, batch, limit) => {
      if (name === 'live' && !stopped && batch.some((event) => event.type === 'comment.created')) {
        stopped = true;
        markStopped();
        throw new Error('the process stopped before its cursor moved');
      }
      return ack(name, batch, limit);
    });
    try {
      const comment = await http.post<{ id: string }>(`/api/tasks/${task.id}/comments`, { token: owner.accessToken, json: { body: 'Once' } });
      expect(comment.status).toBe(201);
      const isTheComment = (data: Record<string, unknown>) => data['commentId'] === comment.body.id;
      const first = await stream.next((event) => event.event === 'comment.created' && isTheComment(event.data));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([stop, new Promise((resolve) => (timer = setTimeout(resolve, 5_000)))]);
      clearTimeout(timer);
      expect(stopped).toBe(true);

      // Its lease runs out (without waiting its 30 s); the next holder claims the same batch.
      await testApp.app.get(DataSource).query(`UPDATE event_consumers SET lease_until = now() WHERE name = 'live'`);
      await eventually(async () => {
        testApp.app.get(EventDispatcher).nudge();
        return (await events.backlog('live', undefined)).pending === 0;
      });
      expect(await events.backlog('live', undefined)).toMatchObject({ pending: 0, attempts: 0 });

      const redelivered = appends.mock.calls.filter(([entries]) => entries.some((entry) => isTheComment(entry.event.data as never)));
      expect(redelivered.map(([, options]) => options?.skipKnown ?? false)).toEqual([false, true]);
      const inLog = (await liveLog.after(LOG_START, 100_000)).filter((entry) => entry.event.type === 'comment.created' && isTheComment(entry.event.data as never));
      expect(inLog.map((entry) => entry.id)).toEqual([first.id]);

      // What follows still arrives (the cursor moved on), and the comment was sent once.
      await http.patch(`/api/tasks/${task.id}`, { token: owner.accessToken, json: { title: 'After the takeover' } });
      await stream.next((event) => event.event === 'task.updated');
      expect(stream.events.filter((event) => event.event === 'comment.created' && isTheComment(event.data))).toHaveLength(1);
    } finally {
      acks.mockRestore();
      appends.mockRestore();
    }
  });
});
