import { aTimeline } from '../../testing/activity-events';
import type { ActivityEventRecord } from '../activity-event';
import type { ActivityStore } from '../activity-store';
import { OutboxRelay } from './outbox-relay';
import type { OutboxEntry, OutboxRepository } from './outbox.repository';

/** The outbox stubbed: a due list handed out once per claim, and the calls the relay makes. */
function stubOutbox(batches: OutboxEntry[][]) {
  return {
    claimDue: jest.fn(async () => batches.shift() ?? []),
    remove: jest.fn(async () => undefined),
    markFailed: jest.fn(async () => undefined),
  };
}

function stubStore(append: (events: readonly ActivityEventRecord[]) => Promise<void>) {
  return { kind: 'mongodb', append: jest.fn(append), listForTask: jest.fn(), ping: jest.fn() };
}

const entries = (events: ActivityEventRecord[], attempts = 0): OutboxEntry[] => events.map((event) => ({ event, attempts }));

function relayWith(outbox: ReturnType<typeof stubOutbox>, store: ReturnType<typeof stubStore>, options = {}) {
  return new OutboxRelay(outbox as unknown as OutboxRepository, store as unknown as ActivityStore, {
    batchSize: 2,
    retryDelayMs: (failures) => failures * 1_000,
    ...options,
  });
}

describe('OutboxRelay (outbox and store stubbed)', () => {
  it('stores a claimed batch, then removes exactly those rows', async () => {
    const events = aTimeline(2);
    const outbox = stubOutbox([entries(events)]);
    const store = stubStore(async () => undefined);
    expect(await relayWith(outbox, store).relayBatch()).toEqual({ claimed: 2, delivered: 2 });
    expect(store.append).toHaveBeenCalledWith(events);
    expect(outbox.remove).toHaveBeenCalledWith(events.map((event) => event.id));
    expect(outbox.markFailed).not.toHaveBeenCalled();
  });

  it('leaves a failed batch in the outbox: attempts counted, each row backed off from its own count, the error kept', async () => {
    const events = aTimeline(2);
    const outbox = stubOutbox([[{ event: events[0]!, attempts: 0 }, { event: events[1]!, attempts: 3 }]]);
    const store = stubStore(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:1');
    });
    expect(await relayWith(outbox, store).relayBatch()).toEqual({ claimed: 2, delivered: 0 });
    expect(outbox.remove).not.toHaveBeenCalled();
    expect(outbox.markFailed).toHaveBeenCalledWith(
      [
        { id: events[0]!.id, delayMs: 1_000 },
        { id: events[1]!.id, delayMs: 4_000 },
      ],
      'Error: connect ECONNREFUSED 127.0.0.1:1',
    );
  });

  it('counts a store that hangs as failed once its timeout passes', async () => {
    const outbox = stubOutbox([entries(aTimeline(1))]);
    const store = stubStore(() => new Promise<void>(() => undefined));
    await relayWith(outbox, store, { storeTimeoutMs: 20 }).relayBatch();
    expect(outbox.markFailed).toHaveBeenCalledWith([expect.objectContaining({ delayMs: 1_000 })], expect.stringMatching(/TimeoutError/));
    expect(outbox.remove).not.toHaveBeenCalled();
  });

  it('stops draining after a failed batch instead of hammering a store that is down', async () => {
    const events = aTimeline(4);
    const outbox = stubOutbox([entries(events.slice(0, 2)), entries(events.slice(2))]);
    const store = stubStore(() => Promise.reject(new Error('down')));
    expect(await relayWith(outbox, store).drain()).toBe(0);
    expect(outbox.claimDue).toHaveBeenCalledTimes(1);
  });

  it('drains full batches until a short one, and does not call the store for an empty claim', async () => {
    const events = aTimeline(5);
    const outbox = stubOutbox([entries(events.slice(0, 2)), entries(events.slice(2, 4)), entries(events.slice(4))]);
    const store = stubStore(async () => undefined);
    expect(await relayWith(outbox, store).drain()).toBe(5);
    expect(store.append).toHaveBeenCalledTimes(3);

    const empty = stubOutbox([]);
    const idle = stubStore(async () => undefined);
    expect(await relayWith(empty, idle).drain()).toBe(0);
    expect(idle.append).not.toHaveBeenCalled();
  });

  it('on stop, finishes the batch in flight and claims no other', async () => {
    const events = aTimeline(4);
    const outbox = stubOutbox([entries(events.slice(0, 2)), entries(events.slice(2))]);
    let release: () => void = () => undefined;
    const store = stubStore(() => new Promise<void>((resolve) => (release = resolve)));
    const relay = relayWith(outbox, store, { pollIntervalMs: 10 });
    relay.start();
    await waitFor(() => store.append.mock.calls.length === 1);
    const stopped = relay.stop();
    release();
    await stopped;
    expect(outbox.remove).toHaveBeenCalledWith(events.slice(0, 2).map((event) => event.id));
    expect(outbox.claimDue).toHaveBeenCalledTimes(1);
    relay.nudge();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(outbox.claimDue).toHaveBeenCalledTimes(1);
  });

  it('relays soon after a nudge instead of waiting for the next poll', async () => {
    const outbox = stubOutbox([]);
    const store = stubStore(async () => undefined);
    const relay = relayWith(outbox, store, { pollIntervalMs: 60_000 });
    relay.start();
    await waitFor(() => outbox.claimDue.mock.calls.length === 1);
    relay.nudge();
    await waitFor(() => outbox.claimDue.mock.calls.length === 2);
    await relay.stop();
  });

  it('keeps polling after a round fails (database down), without throwing', async () => {
    const outbox = stubOutbox([]);
    outbox.claimDue.mockRejectedValueOnce(new Error('connection terminated'));
    const store = stubStore(async () => undefined);
    const relay = relayWith(outbox, store, { pollIntervalMs: 5 });
    relay.start();
    await waitFor(() => outbox.claimDue.mock.calls.length >= 2);
    await relay.stop();
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
