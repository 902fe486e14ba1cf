import { openTestDataSource as openRunDataSource } from '@taskflow/api-testing-db';
import type { DataSource } from 'typeorm';

/**
 * Kept only for outbox/outbox-relay.db.spec.ts (rewritten elsewhere at the moment); new specs call
 * api-testing-db's openTestDataSource directly. Three connections, as the outbox spec had.
 */
export function openTestDataSource(): Promise<DataSource> {
  return openRunDataSource({ poolSize: 3 });
}
