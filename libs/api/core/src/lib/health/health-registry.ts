import { Injectable } from '@nestjs/common';

export type DependencyName = 'database' | 'cache' | 'activityStore' | 'queue';

export interface DependencyHealth {
  status: 'up' | 'down';
  /** What backs it (e.g. `redis`, `in-memory`, `embedded`), or why it is down. */
  detail?: string;
  [extra: string]: unknown;
}

type Check = () => Promise<DependencyHealth>;

/**
 * Each module that owns a dependency registers how to check it; the readiness endpoint asks
 * them all. Only a database outage makes the API unready: the others degrade a feature.
 */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<DependencyName, Check>();

  register(name: DependencyName, check: Check): void {
    this.checks.set(name, check);
  }

  entries(): [DependencyName, Check][] {
    return [...this.checks.entries()];
  }
}
