import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry, TimeoutError, withTimeout, type DependencyHealth } from '@taskflow/api-core';
import { ActivityStore } from './activity-store';

/** Under the readiness endpoint's own 1 s limit, so the body still says which store is down. */
const PING_TIMEOUT_MS = 800;

/** Reports the activity store; it never makes the API unready: activity degrades, tasks go on. (Its consumer's backlog is in the `queue` entry of api-health.) */
@Injectable()
export class ActivityHealth implements OnModuleInit {
  constructor(
    private readonly registry: HealthRegistry,
    private readonly store: ActivityStore,
  ) {}

  onModuleInit(): void {
    this.registry.register('activityStore', () => this.checkStore());
  }

  async checkStore(): Promise<DependencyHealth> {
    try {
      await withTimeout(this.store.ping(), PING_TIMEOUT_MS, 'activity store ping');
      return { status: 'up', detail: this.store.kind };
    } catch (error) {
      return { status: 'down', detail: this.store.kind, reason: error instanceof TimeoutError ? 'timed out' : 'unreachable' };
    }
  }
}
