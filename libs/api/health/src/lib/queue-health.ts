import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry, type DependencyHealth } from '@taskflow/api-core';
import { EventDispatcher, type ConsumerBacklog } from '@taskflow/api-events';

export interface ConsumerHealth {
  pending: number;
  /** All of its pending events while the consumer is failing: the whole backlog waits for its retry. */
  retrying: number;
  oldestAgeSeconds: number;
  /** Rejected for good: a person must look (event_dead_letters), so they never make it "down". */
  deadLetters: number;
}

/**
 * The `queue` entry: the event outbox's backlog, per consumer (activity log, live streams) and
 * summed over them, so an operator sees which consumer lags. It is always `up`: a consumer
 * behind degrades its feature (history, live updates), not the API.
 */
@Injectable()
export class QueueHealth implements OnModuleInit {
  constructor(
    private readonly registry: HealthRegistry,
    private readonly events: EventDispatcher,
  ) {}

  onModuleInit(): void {
    this.registry.register('queue', () => this.check());
  }

  async check(): Promise<DependencyHealth> {
    const backlogs = await this.events.backlogs();
    const consumers = Object.fromEntries(Object.entries(backlogs).map(([name, backlog]) => [name, toConsumerHealth(backlog)]));
    const all = Object.values(consumers);
    const total = (field: keyof ConsumerHealth) => all.reduce((sum, consumer) => sum + consumer[field], 0);
    return {
      status: 'up',
      detail: 'event outbox',
      pending: total('pending'),
      retrying: total('retrying'),
      oldestAgeSeconds: Math.max(0, ...all.map((consumer) => consumer.oldestAgeSeconds)),
      deadLetters: total('deadLetters'),
      consumers,
    };
  }
}

function toConsumerHealth(backlog: ConsumerBacklog): ConsumerHealth {
  const ageSeconds = backlog.oldestOccurredAt ? Math.max(0, (Date.now() - backlog.oldestOccurredAt.getTime()) / 1_000) : 0;
  return {
    pending: backlog.pending,
    retrying: backlog.attempts > 0 ? backlog.pending : 0,
    oldestAgeSeconds: Math.round(ageSeconds * 10) / 10,
    deadLetters: backlog.deadLetters,
  };
}
