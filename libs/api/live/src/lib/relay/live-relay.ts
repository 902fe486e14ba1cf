import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DatabaseNotifications } from '@taskflow/api-database';
import { EVENT_OUTBOX_CHANNEL, OutboxWriter } from '@taskflow/api-events';
import { JobLoop } from '@taskflow/api-jobs';
import type { DataSource } from 'typeorm';
import { LiveLog } from '../log/live-log';
import { EventOutboxQueue, type RelayedBatch } from './event-outbox.queue';

/**
 * Moves committed live events from event_outbox into the replay log, in id order, on the one job
 * loop. Woken by the outbox's NOTIFY (any process) and by this process's own commits (the
 * OutboxWriter), so it does not poll beyond the loop's safety net.
 */
@Injectable()
export class LiveRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly loop: JobLoop<RelayedBatch>;

  constructor(@InjectDataSource() db: DataSource, log: LiveLog, writer: OutboxWriter, notifications: DatabaseNotifications) {
    this.loop = new JobLoop(
      {
        name: 'LiveRelay',
        channel: EVENT_OUTBOX_CHANNEL,
        batchSize: 500,
        // The claim is one transaction under a lock, so no lease is needed.
        leaseMs: 0,
        // Where NOTIFY cannot arrive (PGlite: one process), this process's own commits wake the loop.
        pollIntervalMs: 5_000,
        listeningPollMs: 60_000,
      },
      new EventOutboxQueue(db, log),
      async (batches) => batches.filter((batch) => batch.published).length,
      notifications,
    );
    writer.onCommitted(() => this.loop.nudge());
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.loop.stop();
  }

  /** Relays what is due now; for tests. */
  drain(): Promise<number> {
    return this.loop.drain();
  }
}
