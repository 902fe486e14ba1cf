import type { DatabaseNotifications, NotificationSubscriber } from '@taskflow/api-database';
import { JobLoop, type JobLoopOptions } from './job-loop';

const options: JobLoopOptions = { name: 'TestJobs', channel: 'test_jobs', batchSize: 2, leaseMs: 60_000, pollIntervalMs: 10, listeningPollMs: 60_000 };

/** A queue handing out the given batches, one per claim, with the calls the loop makes. */
function stubQueue(batches: number[][], nextDue: number | undefined = undefined) {
  return {
    claimDue: jest.fn(async (): Promise<number[]> => batches.shift() ?? []),
    msUntilNextDue: jest.fn(async () => nextDue),
  };
}

/** Notifications that say they are listening and let the test deliver a NOTIFY. */
function stubNotifications() {
  const subscribers: NotificationSubscriber[] = [];
  const notifications = {
    subscribe: jest.fn((_channel: string, subscriber: NotificationSubscriber) => subscribers.push(subscriber)),
    isListening: jest.fn(() => true),
  };
  return { notifications: notifications as unknown as DatabaseNotifications, deliver: () => subscribers.forEach((s) => s.notify('')) };
}

describe('JobLoop (queue stubbed)', () => {
  it('drains full batches until a short one, and does not call the handler for an empty claim', async () => {
    const queue = stubQueue([[1, 2], [3, 4], [5]]);
    const handle = jest.fn(async (jobs: number[]) => jobs.length);
    expect(await new JobLoop(options, queue, handle).drain()).toBe(5);
    expect(handle.mock.calls).toEqual([[[1, 2]], [[3, 4]], [[5]]]);
    expect(queue.claimDue).toHaveBeenCalledWith(2, 60_000);

    const idleHandle = jest.fn(async (jobs: number[]) => jobs.length);
    expect(await new JobLoop(options, stubQueue([]), idleHandle).drain()).toBe(0);
    expect(idleHandle).not.toHaveBeenCalled();
  });

  it('stops draining after a failed batch instead of hammering a consumer that is down', async () => {
    const queue = stubQueue([[1, 2], [3, 4]]);
    await new JobLoop(options, queue, async () => 0).drain();
    expect(queue.claimDue).toHaveBeenCalledTimes(1);
  });

  it('after a failed batch, waits the poll interval before claiming for that consumer again, though more is due', async () => {
    const queue = stubQueue([[1, 2], [3, 4]], 0);
    const loop = new JobLoop({ ...options, pollIntervalMs: 300 }, queue, async () => 0);
    loop.start();
    await waitFor(() => queue.claimDue.mock.calls.length === 1);
    await sleep(150);
    expect(queue.claimDue).toHaveBeenCalledTimes(1);
    await waitFor(() => queue.claimDue.mock.calls.length === 2);
    await loop.stop();
  });

  it('on stop, finishes the batch in flight and claims no other', async () => {
    const queue = stubQueue([[1, 2], [3, 4]]);
    let release: (done: number) => void = () => undefined;
    const handle = jest.fn(() => new Promise<number>((resolve) => (release = resolve)));
    const loop = new JobLoop(options, queue, handle);
    loop.start();
    await waitFor(() => handle.mock.calls.length === 1);
    const stopped = loop.stop();
    release(2);
    await stopped;
    expect(queue.claimDue).toHaveBeenCalledTimes(1);
    loop.nudge();
    await sleep(30);
    expect(queue.claimDue).toHaveBeenCalledTimes(1);
  });

  it('looks again soon after a nudge instead of waiting for the next poll', async () => {
    const queue = stubQueue([]);
    const loop = new JobLoop({ ...options, pollIntervalMs: 60_000 }, queue, async (jobs: number[]) => jobs.length);
    loop.start();
    await waitFor(() => queue.claimDue.mock.calls.length === 1);
    loop.nudge();
    await waitFor(() => queue.claimDue.mock.calls.length === 2);
    await loop.stop();
  });

  it('runs another round at once when nudged during one', async () => {
    const queue = stubQueue([[1]]);
    let release: (done: number) => void = () => undefined;
    const handle = jest.fn(() => new Promise<number>((resolve) => (release = resolve)));
    const loop = new JobLoop({ ...options, pollIntervalMs: 60_000 }, queue, handle);
    loop.start();
    await waitFor(() => handle.mock.calls.length === 1);
    loop.nudge();
    release(1);
    await waitFor(() => queue.claimDue.mock.calls.length === 2);
    await loop.stop();
  });

  it('wakes on a NOTIFY on its channel and, while listening, reads the queue only at the slow safety-net interval', async () => {
    const queue = stubQueue([]);
    const { notifications, deliver } = stubNotifications();
    const loop = new JobLoop(options, queue, async (jobs: number[]) => jobs.length, notifications);
    expect(notifications.subscribe).toHaveBeenCalledWith('test_jobs', loop);
    loop.start();
    await waitFor(() => queue.msUntilNextDue.mock.calls.length === 1);
    // pollIntervalMs is 10 ms: were the loop polling, it would have read the queue many times by now.
    await sleep(100);
    expect(queue.claimDue).toHaveBeenCalledTimes(1);
    deliver();
    await waitFor(() => queue.claimDue.mock.calls.length === 2);
    await loop.stop();
  });

  it('sleeps until the next job is due rather than the whole interval', async () => {
    const queue = stubQueue([], 30);
    const { notifications } = stubNotifications();
    const loop = new JobLoop(options, queue, async (jobs: number[]) => jobs.length, notifications);
    loop.start();
    await waitFor(() => queue.claimDue.mock.calls.length >= 2, 1_000);
    await loop.stop();
  });

  it('does not spin on an empty queue: "nothing pending" means the poll interval, not now', async () => {
    const queue = stubQueue([], undefined);
    const loop = new JobLoop({ ...options, pollIntervalMs: 200 }, queue, async (jobs: number[]) => jobs.length);
    loop.start();
    await sleep(100);
    expect(queue.claimDue).toHaveBeenCalledTimes(1);
    await loop.stop();
  });

  it('keeps polling after a round fails (database down), without throwing', async () => {
    const queue = stubQueue([]);
    queue.claimDue.mockRejectedValueOnce(new Error('connection terminated'));
    const loop = new JobLoop(options, queue, async (jobs: number[]) => jobs.length);
    loop.start();
    await waitFor(() => queue.claimDue.mock.calls.length >= 2);
    await loop.stop();
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(2);
  }
}
