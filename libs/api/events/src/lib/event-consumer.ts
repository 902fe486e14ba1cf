import type { DomainEvent, DomainEventType } from './domain-event';

/** An event the consumer will never take (a bad shape, a reference it cannot resolve): it is dead-lettered. */
export interface RejectedEvent {
  event: DomainEvent;
  reason: string;
}

/** How a batch reaches `handle`. */
export interface Delivery {
  /**
   * The batch was handed over before: a delivery failed, or the process working it stopped
   * before its cursor moved (its lease was taken over), so some of it may already be applied.
   * False on the common path, so a consumer can keep its duplicate check off that path.
   */
  redelivered: boolean;
}

export interface ConsumerOptions {
  /** Events handed over per call. */
  batchSize: number;
  /** How long a claim keeps other processes off this consumer; far longer than `timeoutMs`. */
  leaseMs: number;
  /** A `handle` slower than this counts as failed (and is retried). Also bounds shutdown. */
  timeoutMs: number;
  /** Backoff after a failed batch: `backoffMs` of api-core from `firstMs`, doubling up to `maxMs`. */
  retry: { firstMs: number; maxMs: number };
}

export const DEFAULT_CONSUMER_OPTIONS: ConsumerOptions = {
  batchSize: 100,
  leaseMs: 60_000,
  timeoutMs: 5_000,
  retry: { firstMs: 1_000, maxMs: 5 * 60_000 },
};

/**
 * A named subscriber to the event outbox: one class, registered with the `EventDispatcher`
 * (`dispatcher.register(this)` in its constructor). It receives every committed event of its
 * `types`, in order, at least once: `handle` must be idempotent by `event.id`. Throwing (or
 * timing out) retries the whole batch later with backoff, and nothing after it is delivered
 * first; returning rejections dead-letters those events and moves on. One process at a time
 * works a consumer; other consumers are never held back by it.
 */
export abstract class EventConsumer {
  /** Its row in `event_consumers`: renaming a consumer starts a new one (and the old row must go). */
  abstract readonly name: string;
  /** The types it takes, or undefined for all; the others pass it by. */
  readonly types?: readonly DomainEventType[];
  readonly options?: Partial<ConsumerOptions>;

  abstract handle(events: readonly DomainEvent[], delivery: Delivery): Promise<readonly RejectedEvent[] | void>;
}
