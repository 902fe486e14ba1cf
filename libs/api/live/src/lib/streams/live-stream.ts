import type { ServerResponse } from 'node:http';
import type { LogEntry } from '../log/live-log';
import { compareStreamIds } from '../log/stream-id';
import { sseMessage, ssePosition, SSE_PING } from './sse';

/** A client that has not drained its socket within this long is disconnected (it reconnects and replays). */
export const DRAIN_TIMEOUT_MS = 5_000;
/** Nor may the server hold more than this for one stream. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/** What a stream tells the hub that keeps its indexes. */
export interface StreamOwner {
  joined(stream: LiveStream, projectId: string): void;
  left(stream: LiveStream, projectId: string): void;
  closed(stream: LiveStream): void;
}

/**
 * One open `GET /api/events` response: which projects it follows (changing live with its
 * member's memberships), the last id it sent, and the socket it writes to. Entries are offered
 * by the hub, possibly twice or out of the stream's interest; the stream sends each entry at
 * most once, in log order, and only what its member may see.
 */
export class LiveStream {
  private lastId: string;
  /** While replaying: live entries wait here so that replay and live do not interleave. */
  private pending: LogEntry[] | undefined = [];
  private drainTimer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    readonly userId: string,
    readonly sessionId: string,
    readonly projects: Set<string>,
    startAfter: string,
    private readonly raw: ServerResponse,
    private readonly owner: StreamOwner,
    /** When the access token expires (ms since the epoch): the stream ends then. */
    expiresAt: number,
  ) {
    this.lastId = startAfter;
    raw.on('close', () => this.end());
    this.expiryTimer = setTimeout(() => this.end(), Math.max(0, expiresAt - Date.now()));
    this.expiryTimer.unref();
  }

  get open(): boolean {
    return !this.ended;
  }

  get replaying(): boolean {
    return this.pending !== undefined;
  }

  get position(): string {
    return this.lastId;
  }

  /** From the hub's live reader: sent now, or after the replay when one is running. */
  offer(entry: LogEntry): void {
    if (this.pending) this.pending.push(entry);
    else this.deliver(entry);
  }

  /** The replay is done: what arrived meanwhile goes out, then the stream is live. */
  goLive(): void {
    const pending = this.pending ?? [];
    this.pending = undefined;
    for (const entry of pending) this.deliver(entry);
  }

  /** Sends the entry if it is new to this stream and its member may see it; follows membership changes. */
  deliver(entry: LogEntry): void {
    if (this.ended || compareStreamIds(entry.id, this.lastId) <= 0) return;
    this.lastId = entry.id;
    const { event } = entry;
    const concernsMe = event.userId === this.userId;
    const projectId = event.data.projectId;
    if (event.type === 'member.added' && concernsMe && !this.projects.has(projectId)) {
      this.projects.add(projectId);
      this.owner.joined(this, projectId);
    }
    const visible = concernsMe || event.projectIds.some((id) => this.projects.has(id));
    if (!visible) return;
    this.write(sseMessage(entry.id, event.type, event.data));
    // Sent, then nothing more of the project: the member is out, or the project is gone.
    if ((event.type === 'member.removed' && concernsMe) || event.type === 'project.deleted') {
      if (this.projects.delete(projectId)) this.owner.left(this, projectId);
    }
  }

  /** The first message when the client's Last-Event-ID cannot be replayed from. */
  reset(id: string): void {
    this.write(sseMessage(id, 'reset', {}));
  }

  /** The first bytes of a stream opened without Last-Event-ID: the log position it starts after. */
  announcePosition(): void {
    this.write(ssePosition(this.lastId));
  }

  ping(): void {
    this.write(SSE_PING);
  }

  /** Ends the response; the client reconnects (with a fresh token when that was the reason). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.drainTimer);
    clearTimeout(this.expiryTimer);
    if (!this.raw.writableEnded) this.raw.end();
    this.owner.closed(this);
  }

  /** The connection goes at once: for a client that does not read. */
  private destroy(): void {
    this.raw.destroy();
    this.end();
  }

  private write(text: string): void {
    if (this.ended) return;
    const flushed = this.raw.write(text);
    if (this.raw.writableLength > MAX_BUFFERED_BYTES) return this.destroy();
    if (flushed || this.drainTimer) return;
    // One timer per stream only while its socket is full.
    this.drainTimer = setTimeout(() => this.destroy(), DRAIN_TIMEOUT_MS);
    this.drainTimer.unref();
    this.raw.once('drain', () => {
      clearTimeout(this.drainTimer);
      this.drainTimer = undefined;
    });
  }
}
