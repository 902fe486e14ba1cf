import { randomUUID } from 'node:crypto';
import { EventDispatcher, EventLog, OutboxWriter, type EventDraft } from '@taskflow/api-events';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '@taskflow/api-testing-db';
import type { ActivityEventRecord } from '../activity-event';
import { ActivityStore } from '../activity-store';
import { PostgresActivityStore } from '../postgres/postgres-activity.store';
import { ACTIVITY_CONSUMER, ActivityConsumer } from './activity.consumer';
import { PendingActivity } from './pending-activity';
import { ACTIVITY_EVENT_TYPES } from './activity-event.from-domain';

/**
 * The activity consumer on the run's test database: task events written by the OutboxWriter,
 * delivered by the dispatcher into the Postgres adapter (or a store that fails on purpose), and
 * the timeline's reads of what is not stored yet. Only this file runs the `activity` consumer.
 */
describe('ActivityConsumer on the test database', () => {
  let db: DataSource;
  let log: EventLog;
  let writer: OutboxWriter;
  let postgres: PostgresActivityStore;
  let pending: PendingActivity;
  let dispatcher: EventDispatcher | undefined;

  beforeAll(async () => {
    db = await openTestDataSource({ poolSize: 3 });
    log = new EventLog(db);
    writer = new OutboxWriter(db);
    postgres = new PostgresActivityStore(db);
    pending = new PendingActivity(log);
  });
  afterEach(() => dispatcher?.onModuleDestroy());
  afterAll(() => db?.destroy());

  async function start(store: ActivityStore): Promise<void> {
    dispatcher = new EventDispatcher(log, writer, undefined, undefined, { pollIntervalMs: 50 });
    new ActivityConsumer(store, dispatcher);
    await dispatcher.onApplicationBootstrap();
  }

  /** A task's life as the tasks library records it, plus a comment on it (not an activity event). */
  async function writeTaskHistory(changes: unknown = { title: { from: 'a', to: 'b' } }) {
    const projectId = randomUUID();
    const taskId = randomUUID();
    const ownerId = randomUUID();
    const actorId = randomUUID();
    const task = (type: 'task.created' | 'task.updated', version: number, taskChanges: unknown): EventDraft => ({
      type,
      projectId,
      ownerId,
      actorId,
      data: { projectId, taskId, version, changes: taskChanges as never, task: {} as never },
    });
    await writer.transaction((tx) => writer.write(tx, [task('task.created', 1, { title: { from: null, to: 'a' } })]));
    await writer.transaction((tx) => writer.write(tx, [task('task.updated', 2, changes)]));
    await writer.transaction((tx) =>
      writer.write(tx, [
        { type: 'comment.created', projectId, actorId, data: { projectId, taskId, commentId: randomUUID(), comment: {} as never } },
        { type: 'task.deleted', projectId, ownerId, actorId, data: { projectId, taskId, version: 3 } },
      ]),
    );
    return { projectId, taskId, ownerId, actorId };
  }

  const stored = (taskId: string) => postgres.listForTask(taskId, 50);
  async function eventually(check: () => Promise<boolean>): Promise<void> {
    const until = Date.now() + 15_000;
    while (!(await check())) {
      if (Date.now() > until) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('serves not-yet-stored events from the outbox, then stores each task event exactly once and no other', async () => {
    const { taskId, projectId, ownerId, actorId } = await writeTaskHistory();
    // Nothing consumes yet: the timeline's pending reads see the three task events, newest first.
    const waiting = await pending.forTask(taskId, 50);
    expect(waiting.map((event) => event.type)).toEqual(['task.deleted', 'task.updated', 'task.created']);
    expect((await pending.forProject(projectId, 50)).map((event) => event.id)).toEqual(waiting.map((event) => event.id));

    await start(postgres);
    await eventually(async () => (await stored(taskId)).length === 3 && (await pending.forTask(taskId, 50)).length === 0);
    const events = await stored(taskId);
    expect(events.map((event) => event.id)).toEqual(waiting.map((event) => event.id));
    expect(events[1]).toMatchObject<Partial<ActivityEventRecord>>({
      taskId,
      projectId,
      ownerId,
      fromProjectId: null,
      type: 'task.updated',
      changes: { title: { from: 'a', to: 'b' } },
      // The actor's account does not exist in this test.
      actor: { id: actorId, username: '(deleted user)' },
    });
    expect(events[0]).toMatchObject({ type: 'task.deleted', changes: {} });
  });

  it('keeps events while the store is down, counting attempts on the consumer, and stores them once it is back', async () => {
    let down = true;
    const flaky = Object.assign(Object.create(postgres) as ActivityStore, {
      append: (events: readonly ActivityEventRecord[]) => (down ? Promise.reject(new Error('MongoDB is not connected')) : postgres.append(events)),
    });
    await start(flaky);
    const { taskId } = await writeTaskHistory();
    await eventually(async () => (await log.backlog(ACTIVITY_CONSUMER, undefined)).attempts > 0);
    expect((await log.backlog(ACTIVITY_CONSUMER, undefined)).lastError).toContain('MongoDB is not connected');
    expect(await pending.forTask(taskId, 50)).toHaveLength(3);
    expect(await stored(taskId)).toHaveLength(0);

    down = false;
    await eventually(async () => (await log.backlog(ACTIVITY_CONSUMER, ACTIVITY_EVENT_TYPES)).pending === 0);
    expect(await stored(taskId)).toHaveLength(3);
    expect(await log.backlog(ACTIVITY_CONSUMER, ACTIVITY_EVENT_TYPES)).toMatchObject({ attempts: 0, lastError: null });
  });

  it('dead-letters an event no store can take and stores the rest', async () => {
    await start(postgres);
    const { taskId } = await writeTaskHistory(['not', 'a', 'map']);
    await eventually(async () => (await pending.forTask(taskId, 50)).length === 0 && (await stored(taskId)).length === 2);
    expect((await stored(taskId)).map((event) => event.type)).toEqual(['task.deleted', 'task.created']);
    const dead = await log.deadLetters(ACTIVITY_CONSUMER);
    expect(dead.filter((letter) => letter.error === 'changes is not an object')).toHaveLength(1);
  });
});
