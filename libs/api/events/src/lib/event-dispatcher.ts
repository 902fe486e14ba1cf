import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { databaseConfig, type DatabaseConfig } from '@taskflow/api-config';
import { backoffMs, withTimeout } from '@taskflow/api-core';
import { DatabaseNotifications } from '@taskflow/api-database';
import { JobLoop, type JobQueue } from '@taskflow/api-jobs';
import type { DomainEvent } from './domain-event';
import { DEFAULT_CONSUMER_OPTIONS, type ConsumerOptions, type EventConsumer } from './event-consumer';
import { EventLog, type ConsumerBacklog } from './event-log';
import { EVENT_OUTBOX_CHANNEL, OutboxWriter } from './outbox-writer';

/** Where no NOTIFY can arrive but the listener should (it is reconnecting): poll like before. */
const SERVER_FALLBACK_POLL_MS = 1_000;
/** The embedded PGlite is one process: its own commits wake every consumer, so this is a safety net only. */
const EMBEDDED_POLL_MS = 30_000;
/** While NOTIFY arrives, a read a minute in case one was missed. */
const LISTENING_POLL_MS = 60_000;
/** Events deleted per retention round, so a long backlog is trimmed in short statements. */
const PRUNE_BATCH = 1_000;
const PRUNE_EVERY_MS = 2_000;

/** How often a loop falls back to reading the outbox, by where the database is. */
export interface DispatcherOptions {
  pollIntervalMs: number;
}
export const EVENT_DISPATCHER_OPTIONS = Symbol('EVENT_DISPATCHER_OPTIONS');

/**
 * Runs every registered consumer, each on its own job loop (`@taskflow/api-jobs`) over its own
 * cursor: one failing consumer backs off on its own row while the others go on. Every loop wakes
 * on the outbox's one NOTIFY channel and on this process's commits (`OutboxWriter`). After
 * delivering, a process also trims what every consumer has passed (retention).
 */
@Injectable()
export class EventDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EventDispatcher');
  private readonly loops = new Map<string, { consumer: EventConsumer; loop: JobLoop<DomainEvent> }>();
  private readonly pollIntervalMs: number;
  private started = false;
  private lastPruneAt = 0;

  constructor(
    private readonly log: EventLog,
    writer: OutboxWriter,
    @Optional() private readonly notifications?: DatabaseNotifications,
    @Optional() @Inject(databaseConfig.KEY) config?: DatabaseConfig,
    @Optional() @Inject(EVENT_DISPATCHER_OPTIONS) options?: DispatcherOptions,
  ) {
    this.pollIntervalMs = options?.pollIntervalMs ?? (config && !config.url ? EMBEDDED_POLL_MS : SERVER_FALLBACK_POLL_MS);
    writer.onCommitted(() => this.nudge());
  }

  /** Subscribes a consumer by its name; it starts with the dispatcher (or at once, if already started). */
  register(consumer: EventConsumer): void {
    if (this.loops.has(consumer.name)) throw new Error(`An event consumer named ${consumer.name} is already registered`);
    const options: ConsumerOptions = { ...DEFAULT_CONSUMER_OPTIONS, ...consumer.options };
    const queue = new ConsumerQueue(this.log, consumer, options);
    const loop = new JobLoop<DomainEvent>(
      {
        name: `EventConsumer:${consumer.name}`,
        channel: EVENT_OUTBOX_CHANNEL,
        batchSize: options.batchSize,
        leaseMs: options.leaseMs,
        pollIntervalMs: this.pollIntervalMs,
        listeningPollMs: LISTENING_POLL_MS,
      },
      queue,
      async (events) => {
        await queue.deliver(events);
        await this.pruneNow();
        // The outcome (cursor moved, or the failure and its backoff) is on the consumer's row;
        // the loop then reads that row's due time, so a failing consumer waits its own backoff.
        return events.length;
      },
      this.notifications,
    );
    this.loops.set(consumer.name, { consumer, loop });
    if (this.started) void this.log.register(consumer.name).then(() => loop.start());
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const { consumer } of this.loops.values()) await this.log.register(consumer.name);
    this.started = true;
    for (const { loop } of this.loops.values()) loop.start();
  }

  /** Finishes each batch in flight (its outcome is recorded) and claims no other. */
  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.loops.values()].map(({ loop }) => loop.stop()));
  }

  /** Events were just committed in this process: every consumer looks within moments. */
  nudge(): void {
    for (const { loop } of this.loops.values()) loop.nudge();
  }

  /** Every registered consumer's backlog, by name, in the order they registered (readiness reports them). */
  async backlogs(): Promise<Record<string, ConsumerBacklog>> {
    const consumers = [...this.loops.values()].map(({ consumer }) => consumer);
    const backlogs = await Promise.all(consumers.map((consumer) => this.log.backlog(consumer.name, consumer.types)));
    return Object.fromEntries(consumers.map((consumer, i) => [consumer.name, backlogs[i]]));
  }

  /** Delivers what one consumer has due now (for tests); resolves with the events handed over. */
  drain(name: string): Promise<number> {
    const entry = this.loops.get(name);
    if (!entry) throw new Error(`No event consumer named ${name}`);
    return entry.loop.drain();
  }

  private async pruneNow(): Promise<void> {
    if (Date.now() - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = Date.now();
    try {
      await this.log.prune(PRUNE_BATCH);
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not trim the event outbox; will try again');
    }
  }
}

/**
 * One consumer's view of the outbox for its job loop: a claim takes the consumer's lease and its
 * next events; the loop runs one round at a time, so the claim in hand is the one delivered.
 */
class ConsumerQueue implements JobQueue<DomainEvent> {
  private readonly logger: Logger;
  private attempts = 0;

  constructor(
    private readonly log: EventLog,
    private readonly consumer: EventConsumer,
    private readonly options: ConsumerOptions,
  ) {
    this.logger = new Logger(`EventConsumer:${consumer.name}`);
  }

  async claimDue(limit: number, leaseMs: number): Promise<DomainEvent[]> {
    const claim = await this.log.claim(this.consumer.name, this.consumer.types, limit, leaseMs);
    this.attempts = claim?.attempts ?? 0;
    return claim?.events ?? [];
  }

  msUntilNextDue(): Promise<number | undefined> {
    return this.log.msUntilNextDue(this.consumer.name, this.consumer.types);
  }

  /** Hands the claimed events over; records the outcome on the consumer's row. Never throws for the consumer's failure. */
  async deliver(events: DomainEvent[]): Promise<void> {
    const name = this.consumer.name;
    let rejected;
    try {
      const delivery = { redelivered: this.attempts > 0 };
      rejected = (await withTimeout(this.consumer.handle(events, delivery), this.options.timeoutMs, `event consumer ${name}`)) ?? [];
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const delayMs = backoffMs(this.attempts + 1, this.options.retry);
      await this.log.fail(name, reason, delayMs);
      this.logger.warn(`Could not deliver ${events.length} event(s) to ${name}; retrying in ${Math.round(delayMs)} ms (${reason})`);
      return;
    }
    if (rejected.length > 0) {
      // Only the newly kept: a redelivered batch's rejections were logged the first time.
      const kept = new Set(await this.log.deadLetter(name, rejected));
      for (const { event, reason } of rejected) {
        if (kept.has(event.id))
          this.logger.error({ consumer: name, eventId: event.id, reason }, `${name} rejected event ${event.id} for good (${reason}); kept in event_dead_letters`);
      }
    }
    // If this is lost (crash, database blip), the lease runs out and the batch is delivered
    // again: consumers are idempotent by event id.
    await this.log.ack(name, events, this.options.batchSize);
  }
}
