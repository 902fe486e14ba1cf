import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthRegistry, TimeoutError, withTimeout, type DependencyHealth, type DependencyName } from '@taskflow/api-core';
import { REDIS_CLIENT, type RedisClient } from '@taskflow/api-redis';
import { DataSource } from 'typeorm';

export interface Readiness {
  status: 'up' | 'down';
  checks: Partial<Record<DependencyName, DependencyHealth>>;
}

const CHECK_TIMEOUT_MS = 1_000;

@Injectable()
export class HealthService implements OnModuleInit {
  constructor(
    private readonly registry: HealthRegistry,
    private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient | null,
  ) {}

  onModuleInit(): void {
    this.registry.register('database', async () => {
      await this.dataSource.query('SELECT 1');
      return { status: 'up' };
    });
    this.registry.register('cache', async () => {
      if (!this.redis) return { status: 'up', detail: 'in-memory' };
      await this.redis.ping();
      return { status: 'up', detail: 'redis' };
    });
  }

  async readiness(): Promise<Readiness> {
    const results = await Promise.all(
      this.registry.entries().map(async ([name, check]) => [name, await probe(check)] as const),
    );
    const checks = Object.fromEntries(results) as Readiness['checks'];
    return { status: checks.database?.status === 'up' ? 'up' : 'down', checks };
  }
}

async function probe(check: () => Promise<DependencyHealth>): Promise<DependencyHealth> {
  try {
    return await withTimeout(check(), CHECK_TIMEOUT_MS, 'readiness check');
  } catch (error) {
    // Driver messages stay in the logs; the body only says which way it failed.
    return { status: 'down', detail: error instanceof TimeoutError ? 'timed out' : 'unreachable' };
  }
}
