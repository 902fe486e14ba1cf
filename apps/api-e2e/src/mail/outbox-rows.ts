import type { TestApp } from '@taskflow/api-testing';
import { DataSource } from 'typeorm';

export interface OutboxRow {
  id: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string;
  failed_at: string | null;
}

/** The outbox rows for one recipient, read through the app's own connection pool. */
export function outboxRows(testApp: TestApp, recipient: string): Promise<OutboxRow[]> {
  return testApp.app
    .get(DataSource)
    .query(`SELECT id, attempts, last_error, next_attempt_at, failed_at FROM email_outbox WHERE recipient = $1`, [recipient]);
}
