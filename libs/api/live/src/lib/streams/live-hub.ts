import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { backoffMs } from '@taskflow/api-core';
import { LiveLog, type LogEntry } from '../log/live-log';
import { LiveStream, type StreamOwner } from './live-stream';

/** ≤ 25 s (the contract), from one interval for all streams. */
export const HEARTBEAT_MS = 20_000;
/** How long one blocking read waits for an entry; the reader checks between reads whether any stream is left. */
const READ_BLOCK_MS = 10_000;
const REPLAY_PAGE = 500;

/**
 * This replica's open streams and the one reader that feeds them: a single loop reads new
 * entries from the replay log (one blocking XREAD at a time, with Redis) while at least one
 * stream is open, and hands each entry to the streams that may want it, found through indexes by
 * project and by user. One heartbeat interval serves every stream, and runs only while there are
 * some. A stream opened after position P first replays the log after P, then goes live; entries
 * the reader delivers meanwhile wait in the stream, so nothing falls between replay and live.
 */
@Injectable()
export class LiveHub implements StreamOwner, OnModuleDestroy {
  private readonly logger = new Logger('LiveHub');
  private readonly streams = new Set<LiveStream>();
  private readonly byProject = new Map<string, Set<LiveStream>>();
  private readonly byUser = new Map<string, Set<LiveStream>>();
  private readonly bySession = new Map<string, Set<LiveStream>>();
  /** Streams still replaying: they see every live entry (their projects may change during the replay). */
  private readonly replaying = new Set<LiveStream>();
  /** Resolves with the reader's starting position once it has one; undefined while no reader runs. */
  private reader: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly log: LiveLog) {}

  get openStreams(): number {
    return this.streams.size;
  }

  /** Registers the stream, replays the log after its start, then keeps it live. */
  async open(stream: LiveStream): Promise<void> {
    if (this.stopped) return stream.end();
    this.streams.add(stream);
    this.replaying.add(stream);
    add(this.byUser, stream.userId, stream);
    add(this.bySession, stream.sessionId, stream);
    for (const projectId of stream.projects) add(this.byProject, projectId, stream);
    this.heartbeat ??= setInterval(() => this.streams.forEach((s) => s.ping()), HEARTBEAT_MS).unref();
    try {
      await this.ensureReader();
      for (let after = stream.position; stream.open; ) {
        const page = await this.log.after(after, REPLAY_PAGE);
        for (const entry of page) stream.deliver(entry);
        const last = page[page.length - 1];
        if (!last || page.length < REPLAY_PAGE) break;
        after = last.id;
      }
    } catch (error) {
      // The log is unreachable: the client reconnects and replays from its last id.
      this.logger.warn(`Could not replay the live log (${error instanceof Error ? error.message : String(error)}); closing the stream`);
      return stream.end();
    }
    this.replaying.delete(stream);
    stream.goLive();
  }

  /** Every stream of the session ends (it was revoked, or its user deleted). */
  sessionEnded(sessionId: string): void {
    for (const stream of [...(this.bySession.get(sessionId) ?? [])]) stream.end();
  }

  /** The sessions that have open streams here, with their users. */
  sessions(): { userId: string; sessionId: string }[] {
    return [...this.bySession.entries()].flatMap(([sessionId, set]) => {
      const first = set.values().next().value;
      return first ? [{ userId: first.userId, sessionId }] : [];
    });
  }

  joined(stream: LiveStream, projectId: string): void {
    add(this.byProject, projectId, stream);
  }

  left(stream: LiveStream, projectId: string): void {
    remove(this.byProject, projectId, stream);
  }

  closed(stream: LiveStream): void {
    if (!this.streams.delete(stream)) return;
    this.replaying.delete(stream);
    remove(this.byUser, stream.userId, stream);
    remove(this.bySession, stream.sessionId, stream);
    for (const projectId of stream.projects) remove(this.byProject, projectId, stream);
    if (this.streams.size === 0) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }

  /** Ends every stream (their clients reconnect elsewhere) so the server can close; stops the reader. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    for (const stream of [...this.streams]) stream.end();
    await this.log.close();
    await this.reader?.catch(() => undefined);
  }

  /** Starts the reader unless one runs; resolves once it knows where it starts reading. */
  private ensureReader(): Promise<void> {
    if (this.reader) return this.reader;
    let started!: () => void;
    let failed!: (error: unknown) => void;
    const ready = new Promise<void>((resolve, reject) => {
      started = resolve;
      failed = reject;
    });
    this.reader = ready;
    void this.read(started, failed);
    return ready;
  }

  private async read(started: () => void, failed: (error: unknown) => void): Promise<void> {
    let cursor: string;
    try {
      cursor = await this.log.head();
    } catch (error) {
      this.reader = undefined;
      return failed(error);
    }
    started();
    let failures = 0;
    while (!this.stopped && this.streams.size > 0) {
      try {
        const entries = await this.log.waitAfter(cursor, READ_BLOCK_MS);
        failures = 0;
        for (const entry of entries) {
          cursor = entry.id;
          this.dispatch(entry);
        }
      } catch (error) {
        if (this.stopped) break;
        const waitMs = backoffMs(++failures, { firstMs: 200, maxMs: 5_000 });
        this.logger.warn(`Could not read the live log (${error instanceof Error ? error.message : String(error)}); retrying in ${waitMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, waitMs).unref());
      }
    }
    // Checked and cleared in one turn: a stream opened from now on starts a new reader.
    this.reader = undefined;
  }

  private dispatch(entry: LogEntry): void {
    const targets = new Set(this.replaying);
    for (const projectId of entry.event.projectIds) for (const stream of this.byProject.get(projectId) ?? []) targets.add(stream);
    if (entry.event.userId) for (const stream of this.byUser.get(entry.event.userId) ?? []) targets.add(stream);
    for (const stream of targets) stream.offer(entry);
  }
}

function add<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (set) set.add(value);
  else index.set(key, new Set([value]));
}

function remove<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) index.delete(key);
}
