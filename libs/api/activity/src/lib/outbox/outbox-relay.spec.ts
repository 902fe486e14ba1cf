import { aTimeline } from '../../testing/activity-events';
import type { ActivityEventRecord } from '../activity-event';
import type { ActivityStore } from '../activity-store';
import { DEFAULT_RELAY_OPTIONS, OutboxRelay } from './outbox-relay';
import type { OutboxEntry, OutboxRepository } from './outbox.repository';

/** The outbox stubbed: a due list handed out once per claim, and the calls the relay makes. */
function stubOutbox(batches: OutboxEntry[][]) {
  return {
    claimDue: jest.fn(async () => batches.shift() ?? []),
    remove: jest.fn(async () => undefined),
    markFailed: jest.fn(async () => undefined),
    msUntilNextDue: jest.fn(async () => undefined),
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
  // The loop itself (drain, nudge, stop, polling, NOTIFY) is JobLoop's and tested in api-jobs.
  it('stores a claimed batch, then removes exactly those rows', async () => {
    const events = aTimeline(2);
    const outbox = stubOutbox([entries(events)]);
    const store = stubStore(async () => undefined);
    expect(await relayWith(outbox, store).drain()).toBe(2);
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
    expect(await relayWith(outbox, store).drain()).toBe(0);
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
    await relayWith(outbox, store, { storeTimeoutMs: 20 }).drain();
    expect(outbox.markFailed).toHaveBeenCalledWith([expect.objectContaining({ delayMs: 1_000 })], expect.stringMatching(/TimeoutError/));
    expect(outbox.remove).not.toHaveBeenCalled();
  });

  it('backs off 1 s, 2 s, 4 s … by default, jittered in the upper half, capped at five minutes', () => {
    const expectBetween = (failures: number, low: number, high: number) => {
      for (let draw = 0; draw < 20; draw++) {
        const delay = DEFAULT_RELAY_OPTIONS.retryDelayMs(failures);
        expect(delay).toBeGreaterThanOrEqual(low);
        expect(delay).toBeLessThanOrEqual(high);
      }
    };
    expectBetween(1, 500, 1_000);
    expectBetween(3, 2_000, 4_000);
    expectBetween(50, 150_000, 300_000);
  });

  it('claims nothing once stopped, nudged or not', async () => {
    const outbox = stubOutbox([]);
    const relay = relayWith(outbox, stubStore(async () => undefined));
    relay.start();
    await waitFor(() => outbox.claimDue.mock.calls.length === 1);
    await relay.stop();
    relay.nudge();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(outbox.claimDue).toHaveBeenCalledTimes(1);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
