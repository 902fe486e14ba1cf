import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { backoffMs, withTimeout } from '@taskflow/api-core';
import { DatabaseNotifications } from '@taskflow/api-database';
import { JobLoop } from '@taskflow/api-jobs';
import { ActivityStore } from '../activity-store';
import { OutboxRepository, type OutboxEntry } from './outbox.repository';

/** The channel the activity_outbox insert trigger announces new events on. */
export const ACTIVITY_OUTBOX_CHANNEL = 'activity_outbox_queued';

export interface OutboxRelayOptions {
  /** Rows claimed per round. */
  batchSize: number;
  /** How often the outbox is read when no NOTIFY can arrive (the embedded PGlite). */
  pollIntervalMs: number;
  /** How often it is read while NOTIFY does arrive: only a safety net. */
  listeningPollMs: number;
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
  listeningPollMs: 60_000,
  leaseMs: 60_000,
  // Also bounds how long shutdown waits for the batch in flight.
  storeTimeoutMs: 5_000,
  // 1 s, 2 s, 4 s … (jittered) up to 5 minutes.
  retryDelayMs: (failures) => backoffMs(failures, { firstMs: 1_000, maxMs: 5 * 60_000 }),
};

/**
 * Copies activity events from the PostgreSQL outbox to the activity store, then deletes them.
 * At least once into an idempotent store = exactly once in the store. A failed delivery stays in
 * the outbox with its attempt counted and a later next_attempt_at; nothing is ever dropped.
 * Runs beside the request path: task writes only insert outbox rows and never wait on this; the
 * outbox's insert trigger wakes the relay of every process (the job loop of `@taskflow/api-jobs`).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private readonly options: OutboxRelayOptions;
  private readonly loop: JobLoop<OutboxEntry>;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly store: ActivityStore,
    @Optional() @Inject(OUTBOX_RELAY_OPTIONS) options?: Partial<OutboxRelayOptions>,
    @Optional() notifications?: DatabaseNotifications,
  ) {
    this.options = { ...DEFAULT_RELAY_OPTIONS, ...options };
    this.loop = new JobLoop(
      { name: 'OutboxRelay', channel: ACTIVITY_OUTBOX_CHANNEL, ...this.options },
      outbox,
      (entries) => this.deliver(entries),
      notifications,
    );
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  /** Finishes the batch in flight, starts no other; runs before the pools close. */
  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  start(): void {
    this.loop.start();
  }

  /** A write just committed an event: relay soon instead of at the next poll. Never waits. */
  nudge(): void {
    this.loop.nudge();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /**
   * Relays batch after batch until the due rows run out, a batch fails (the store is likely down:
   * wait rather than hammer it), or the relay is stopping. Resolves with the events delivered.
   */
  drain(): Promise<number> {
    return this.loop.drain();
  }

  /** Stores claimed rows and deletes them, or counts the failure; resolves with how many were delivered. */
  private async deliver(entries: OutboxEntry[]): Promise<number> {
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
      return 0;
    }
    // If this delete is lost (crash, database blip), the claim expires and the rows are delivered
    // again: a no-op for the idempotent store.
    await this.outbox.remove(events.map((event) => event.id));
    return entries.length;
  }
}
