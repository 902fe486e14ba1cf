import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry, TimeoutError, withTimeout, type DependencyHealth } from '@taskflow/api-core';
import { ActivityStore } from './activity-store';
import { PendingActivity } from './consumer/pending-activity';

/** Under the readiness endpoint's own 1 s limit, so the body still says which store is down. */
const PING_TIMEOUT_MS = 800;

/** Reports the activity store and the activity consumer's backlog. Neither makes the API unready: activity degrades, tasks go on. */
@Injectable()
export class ActivityHealth implements OnModuleInit {
  constructor(
    private readonly registry: HealthRegistry,
    private readonly store: ActivityStore,
    private readonly pending: PendingActivity,
  ) {}

  onModuleInit(): void {
    this.registry.register('activityStore', () => this.checkStore());
    this.registry.register('queue', () => this.checkOutbox());
  }

  async checkStore(): Promise<DependencyHealth> {
    try {
      await withTimeout(this.store.ping(), PING_TIMEOUT_MS, 'activity store ping');
      return { status: 'up', detail: this.store.kind };
    } catch (error) {
      return { status: 'down', detail: this.store.kind, reason: error instanceof TimeoutError ? 'timed out' : 'unreachable' };
    }
  }

  async checkOutbox(): Promise<DependencyHealth> {
    const backlog = await this.pending.backlog();
    const oldestAgeSeconds = backlog.oldestOccurredAt ? Math.max(0, (Date.now() - backlog.oldestOccurredAt.getTime()) / 1_000) : 0;
    return {
      status: 'up',
      detail: 'event outbox, activity consumer',
      pending: backlog.pending,
      // Events held back by a failing store: the whole backlog waits for the consumer's retry.
      retrying: backlog.attempts > 0 ? backlog.pending : 0,
      oldestAgeSeconds: Math.round(oldestAgeSeconds * 10) / 10,
      // Rejected for good: a person must look (event_dead_letters), so they never make it "down".
      deadLetters: backlog.deadLetters,
    };
  }
}
