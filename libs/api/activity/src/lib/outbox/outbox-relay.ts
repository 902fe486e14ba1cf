import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ActivityStore } from '../activity-store';
import { withTimeout } from '../with-timeout';
import { OutboxRepository } from './outbox.repository';
import { retryDelayMs } from './retry-schedule';

export interface OutboxRelayOptions {
  /** Rows claimed per round. */
  batchSize: number;
  /** How often the outbox is polled when nobody nudges. */
  pollIntervalMs: number;
  /** How long a claim keeps other relays off the rows; far longer than `storeTimeoutMs`. */
  leaseMs: number;
  /** A store call slower than this counts as failed (and is retried). */
  storeTimeoutMs: number;
  /** Backoff after `failures` failed deliveries. */
  retryDelayMs: (failures: number) => number;
}

export const OUTBOX_RELAY_OPTIONS = Symbol('OUTBOX_RELAY_OPTIONS');

export const DEFAULT_RELAY_OPTIONS: OutboxRelayOptions = {
  batchSize: 100,
  pollIntervalMs: 1_000,
  leaseMs: 60_000,
  // Also bounds how long shutdown waits for the batch in flight.
  storeTimeoutMs: 5_000,
  retryDelayMs,
};

export interface BatchOutcome {
  claimed: number;
  delivered: number;
}

/**
 * Copies activity events from the PostgreSQL outbox to the activity store, then deletes them.
 * At least once into an idempotent store = exactly once in the store. A failed delivery stays in
 * the outbox with its attempt counted and a later next_attempt_at; nothing is ever dropped.
 * Runs beside the request path: task writes only insert outbox rows and never wait on this.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private readonly options: OutboxRelayOptions;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private started = false;
  private stopping = false;
  private nudged = false;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly store: ActivityStore,
    @Optional() @Inject(OUTBOX_RELAY_OPTIONS) options?: Partial<OutboxRelayOptions>,
  ) {
    this.options = { ...DEFAULT_RELAY_OPTIONS, ...options };
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  /** Finishes the batch in flight, starts no other; runs before the pools close. */
  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  start(): void {
    if (this.started || this.stopping) return;
    this.started = true;
    this.schedule(0);
  }

  /** A write just committed an event: relay soon instead of at the next poll. Never waits. */
  nudge(): void {
    if (!this.started || this.stopping) return;
    if (this.inFlight) this.nudged = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  /**
   * Relays batch after batch until the due rows run out, a batch fails (the store is likely down:
   * wait for the next poll rather than hammer it), or the relay is stopping.
   */
  async drain(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const outcome = await this.relayBatch();
      delivered += outcome.delivered;
      if (this.stopping || outcome.delivered < outcome.claimed || outcome.claimed < this.options.batchSize) return delivered;
    }
  }

  /** One round: claim due rows, store them, delete them; or count the failure and back off. */
  async relayBatch(): Promise<BatchOutcome> {
    const entries = await this.outbox.claimDue(this.options.batchSize, this.options.leaseMs);
    if (entries.length === 0) return { claimed: 0, delivered: 0 };
    const events = entries.map((entry) => entry.event);
    try {
      await withTimeout(this.store.append(events), this.options.storeTimeoutMs, `${this.store.kind} activity store`);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await this.outbox.markFailed(
        entries.map((entry) => ({ id: entry.event.id, delayMs: this.options.retryDelayMs(entry.attempts + 1) })),
        reason,
      );
      this.logger.warn(`Could not deliver ${entries.length} activity event(s) to ${this.store.kind}; will retry (${reason})`);
      return { claimed: entries.length, delivered: 0 };
    }
    // If this delete is lost (crash, database blip), the claim expires and the rows are delivered
    // again: a no-op for the idempotent store.
    await this.outbox.remove(events.map((event) => event.id));
    return { claimed: entries.length, delivered: entries.length };
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    // Never the reason the process stays alive.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopping || this.inFlight) return;
    this.nudged = false;
    this.inFlight = this.drain()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`Outbox relay round failed: ${error.message}`))
      .finally(() => (this.inFlight = undefined));
    await this.inFlight;
    if (!this.stopping) this.schedule(this.nudged ? 0 : this.options.pollIntervalMs);
  }
}
