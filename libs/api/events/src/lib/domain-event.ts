import type { ActivityActor, LiveEventDataMap, LiveEventType } from '@taskflow/shared-contracts';

/** What every change members see is reported as: the contract's live event types. */
export type DomainEventType = LiveEventType;

/**
 * An event as a write path records it: the contract's `data` without `actor` (the outbox insert
 * fills in `{ id, username }` from `actorId`, so no write path reads the user first), and who it
 * is for: the members of `projectId` (and of `fromProjectId`, for a task moved out of a project),
 * plus, for member events, the member concerned (`userId`). `ownerId` is the task's creator, for
 * task events.
 */
export type EventDraft = {
  [K in DomainEventType]: {
    type: K;
    projectId: string;
    fromProjectId?: string;
    userId?: string;
    ownerId?: string | null;
    actorId: string;
    data: Omit<LiveEventDataMap[K], 'actor'>;
  };
}[DomainEventType];

/**
 * A committed event as consumers receive it. `id` is its identity (a UUID: what idempotent
 * consumers key on); `seq` is its outbox row (the order it was written in within its window of
 * commits, see the README). `aggregateId` is the task, comment or project it is about; task
 * events carry that task's `version` in `data`, the per-aggregate sequence.
 */
export type DomainEvent = {
  [K in DomainEventType]: {
    id: string;
    seq: string;
    type: K;
    aggregateId: string;
    projectId: string;
    fromProjectId: string | null;
    userId: string | null;
    ownerId: string | null;
    /** `username` is null only if the account was gone when the event was written. */
    actor: { id: string; username: string | null };
    occurredAt: Date;
    data: LiveEventDataMap[K];
  };
}[DomainEventType];

export type TaskDomainEvent = Extract<DomainEvent, { type: 'task.created' | 'task.updated' | 'task.deleted' }>;

/** The task, comment or project an event is about: the stream its order matters within. */
export function aggregateIdOf(draft: EventDraft): string {
  const data = draft.data as { commentId?: string; taskId?: string };
  return data.commentId ?? data.taskId ?? draft.projectId;
}

export type { ActivityActor };
