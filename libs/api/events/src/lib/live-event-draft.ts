import type { LiveEventDataMap, LiveEventType } from '@taskflow/shared-contracts';

/**
 * A live event as a write path records it: the contract's `data` without `actor` (the outbox
 * insert fills in `{ id, username }` from `actorId`, so no write path reads the user first), and
 * who it is for: the members of `projectId` (and of `fromProjectId`, for a task moved out of a
 * project), plus, for member events, the member concerned (`userId`).
 */
export type LiveEventDraft = {
  [K in LiveEventType]: {
    type: K;
    projectId: string;
    fromProjectId?: string;
    userId?: string;
    actorId: string;
    data: Omit<LiveEventDataMap[K], 'actor'>;
  };
}[LiveEventType];

/** A committed event as the relay reads it from the outbox: the draft with its actor filled in. */
export interface OutboxEvent {
  /** The outbox row's id (bigserial): the order events were written in. */
  id: string;
  type: LiveEventType;
  projectId: string;
  fromProjectId: string | null;
  userId: string | null;
  data: LiveEventDataMap[LiveEventType];
  occurredAt: Date;
}
