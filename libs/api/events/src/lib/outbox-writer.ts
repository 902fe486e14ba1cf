import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { LiveEventDraft } from './live-event-draft';

/** The table every live event is written to, in the transaction of the change it reports. */
export const EVENT_OUTBOX_TABLE = 'event_outbox';
/** The channel its insert trigger NOTIFYs on (see the migration 1764500000000-create-event-outbox). */
export const EVENT_OUTBOX_CHANNEL = 'event_outbox_queued';

/**
 * The one way a write path records live events: in the write's own transaction (so an event
 * exists exactly when its change committed), into `event_outbox`, in the order given (the
 * bigserial id is that order). `transaction()` is `DataSource.transaction` that also tells this
 * process's relay once the events are committed, so they go out within milliseconds even where
 * no NOTIFY arrives (the embedded PGlite).
 */
@Injectable()
export class OutboxWriter {
  private readonly committedListeners: (() => void)[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; after COMMIT, wakes the relay. */
  async transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(work);
    this.committed();
    return result;
  }

  /** Inserts the events with one statement; `db` must be the write's transaction. */
  async write(db: EntityManager, events: readonly LiveEventDraft[]): Promise<void> {
    if (events.length === 0) return;
    await db.query(
      `INSERT INTO ${EVENT_OUTBOX_TABLE} (type, project_id, from_project_id, user_id, payload)
       SELECT e.type, e.project_id, e.from_project_id, e.user_id,
              e.data || jsonb_build_object('actor', jsonb_build_object('id', e.actor_id, 'username', u.username))
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(event, n)
        CROSS JOIN LATERAL jsonb_to_record(a.event) AS e(type text, project_id uuid, from_project_id uuid, user_id uuid, actor_id uuid, data jsonb)
         LEFT JOIN users u ON u.id = e.actor_id
        ORDER BY a.n`,
      [
        JSON.stringify(
          events.map((event) => ({
            type: event.type,
            project_id: event.projectId,
            from_project_id: event.fromProjectId && event.fromProjectId !== event.projectId ? event.fromProjectId : null,
            user_id: event.userId ?? null,
            actor_id: event.actorId,
            data: event.data,
          })),
        ),
      ],
    );
  }

  /**
   * For a hot write that records its event in the same statement (a data-modifying CTE): the
   * INSERT with the table's columns in order, around a SELECT of (type, project_id,
   * from_project_id, user_id, payload), the payload with its `actor` already filled in. Call
   * `committed()` after the statement.
   */
  insertSql(select: string): string {
    return `INSERT INTO ${EVENT_OUTBOX_TABLE} (type, project_id, from_project_id, user_id, payload) ${select}`;
  }

  /** For a write that ran its own transaction (or statement) and has just committed events. */
  committed(): void {
    for (const listener of this.committedListeners) listener();
  }

  /** The relay of this process listens here. */
  onCommitted(listener: () => void): void {
    this.committedListeners.push(listener);
  }
}
