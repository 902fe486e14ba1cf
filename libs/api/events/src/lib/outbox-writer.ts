import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { aggregateIdOf, type EventDraft } from './domain-event';

/** The one outbox: every domain event is written here, in the transaction of the change it reports. */
export const EVENT_OUTBOX_TABLE = 'event_outbox';
/** The channel its insert trigger NOTIFYs on (migration 1764600000000-one-event-outbox); every consumer listens. */
export const EVENT_OUTBOX_CHANNEL = 'event_outbox_queued';

/** The columns a write fills, in the order `insertSql`'s SELECT must produce them. */
const WRITTEN_COLUMNS = 'type, aggregate_id, project_id, from_project_id, user_id, owner_id, actor_id, actor_username, occurred_at, payload';

/**
 * The one way a write path records events: in the write's own transaction (so an event exists
 * exactly when its change committed), into `event_outbox`, in the order given. `transaction()` is
 * `DataSource.transaction` that also tells this process's consumers once the events are
 * committed, so they go out within milliseconds even where no NOTIFY arrives (the embedded PGlite).
 */
@Injectable()
export class OutboxWriter {
  private readonly committedListeners: (() => void)[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; after COMMIT, wakes the consumers. */
  async transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(work);
    this.committed();
    return result;
  }

  /** Inserts the events with one statement; `db` must be the write's transaction. */
  async write(db: EntityManager, events: readonly EventDraft[]): Promise<void> {
    if (events.length === 0) return;
    await db.query(
      `INSERT INTO ${EVENT_OUTBOX_TABLE} (${WRITTEN_COLUMNS})
       SELECT e.type, e.aggregate_id, e.project_id, e.from_project_id, e.user_id, e.owner_id, e.actor_id, u.username, now(),
              e.data || jsonb_build_object('actor', jsonb_build_object('id', e.actor_id, 'username', u.username))
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(event, n)
        CROSS JOIN LATERAL jsonb_to_record(a.event)
                AS e(type text, aggregate_id uuid, project_id uuid, from_project_id uuid, user_id uuid, owner_id uuid, actor_id uuid, data jsonb)
         LEFT JOIN users u ON u.id = e.actor_id
        ORDER BY a.n`,
      [
        JSON.stringify(
          events.map((event) => ({
            type: event.type,
            aggregate_id: aggregateIdOf(event),
            project_id: event.projectId,
            from_project_id: event.fromProjectId && event.fromProjectId !== event.projectId ? event.fromProjectId : null,
            user_id: event.userId ?? null,
            owner_id: event.ownerId ?? null,
            actor_id: event.actorId,
            data: event.data,
          })),
        ),
      ],
    );
  }

  /**
   * For a hot write that records its event in the same statement (a data-modifying CTE): the
   * INSERT around a SELECT of (type, aggregate_id, project_id, from_project_id, user_id, owner_id,
   * actor_id, actor_username, occurred_at, payload), the payload with its `actor` already filled
   * in. Call `committed()` after the statement.
   */
  insertSql(select: string): string {
    return `INSERT INTO ${EVENT_OUTBOX_TABLE} (${WRITTEN_COLUMNS}) ${select}`;
  }

  /**
   * The actor's username as of now, for `insertSql`'s SELECT: kept with the event so history
   * reads the same after the account is gone. `param` is the placeholder of the actor's id.
   */
  actorUsernameSql(param: string): string {
    return `(SELECT username FROM users WHERE id = ${param}::uuid)`;
  }

  /** For a write that ran its own transaction (or statement) and has just committed events. */
  committed(): void {
    for (const listener of this.committedListeners) listener();
  }

  /** The consumers of this process listen here. */
  onCommitted(listener: () => void): void {
    this.committedListeners.push(listener);
  }
}
