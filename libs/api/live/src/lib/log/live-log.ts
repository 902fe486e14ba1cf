import type { LiveEventDataMap, LiveEventType } from '@taskflow/shared-contracts';

/** One event as the log keeps it: what the streams need to route it and what they send. */
export interface LiveEnvelope {
  type: LiveEventType;
  /** The projects whose members receive it (two for a task moved between projects). */
  projectIds: string[];
  /** The member concerned by a member event: they receive it even when not (or no longer) a member. */
  userId: string | null;
  data: LiveEventDataMap[LiveEventType];
}

/** What the relay appends: the envelope and the id of the domain event it came from. */
export interface NewEntry {
  /** The DomainEvent's id: a redelivered batch is recognised by it. */
  eventId: string;
  event: LiveEnvelope;
}

export interface AppendOptions {
  /**
   * Leave out entries whose `eventId` is among the log's recent entries (the last
   * RECENT_ENTRIES, or the batch's length if larger). For a redelivered batch only: the
   * common path appends without reading anything.
   */
  skipKnown?: boolean;
}

export interface LogEntry {
  /** The entry's stream id: the SSE `id:` and what `Last-Event-ID` names. */
  id: string;
  event: LiveEnvelope;
}

/**
 * The replay log shared by the replicas: one ordered log serves both live delivery (each replica
 * reads new entries as they are appended) and replay (a reconnecting client reads from its last
 * id), so there is no window between "subscribe" and "replay" in which an event could fall.
 * Kept at least RETENTION_MS. A Redis Stream with REDIS_URL, process memory without (the embedded
 * mode is one process).
 */
export abstract class LiveLog {
  abstract readonly kind: 'redis' | 'memory';
  /** Appends in the order given; only the relay appends (one process at a time: the live consumer's lease). */
  abstract append(entries: readonly NewEntry[], options?: AppendOptions): Promise<void>;
  /** The newest entry's id, or LOG_START when the log is empty. */
  abstract head(): Promise<string>;
  /**
   * Whether the log still keeps everything after `id`: it keeps the entry `id`, or `id` is
   * LOG_START (a stream opened on an empty log) and no entry has been trimmed since.
   */
  abstract keepsAfter(id: string): Promise<boolean>;
  /** Up to `count` entries after `id`, oldest first. */
  abstract after(id: string, count: number): Promise<LogEntry[]>;
  /** Entries after `id`, waiting up to `blockMs` for one to arrive. One caller at a time: the hub's reader. */
  abstract waitAfter(id: string, blockMs: number): Promise<LogEntry[]>;
  /** Ends a pending waitAfter (it resolves or rejects at once) and releases connections. */
  abstract close(): Promise<void>;
}

/**
 * How far back `skipKnown` looks. A redelivered batch was the last thing appended (nothing
 * after it is delivered first), so its own length would do; this margin covers a batch size
 * that changed between the two deliveries (a rolling upgrade).
 */
export const RECENT_ENTRIES = 1_000;

/** "Keep at least 10 minutes" (the contract): 15, so a client that was away 10 minutes is well inside. */
export const RETENTION_MS = 15 * 60_000;
