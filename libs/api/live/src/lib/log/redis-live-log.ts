import type { RedisClient } from '@taskflow/api-redis';
import { LOG_START } from './stream-id';
import { LiveLog, RECENT_ENTRIES, RETENTION_MS, type AppendOptions, type LiveEnvelope, type LogEntry, type NewEntry } from './live-log';

type RawEntry = [string, string[]];

/**
 * The replay log as a Redis Stream shared by every replica: XADD with MINID trimming (entries
 * older than the retention go, approximately, on each append; each entry holds the event `e` and
 * its domain event id `i`), XRANGE for replay, and one
 * blocking XREAD per replica on a connection of its own (`duplicate()`), since a blocked
 * connection can serve nothing else.
 */
export class RedisLiveLog extends LiveLog {
  readonly kind = 'redis' as const;
  private readonly key: string;
  private blocking: RedisClient | undefined;

  constructor(
    private readonly client: RedisClient,
    keyPrefix: string,
    private readonly retentionMs = RETENTION_MS,
  ) {
    super();
    this.key = `${keyPrefix}live:events`;
  }

  async append(entries: readonly NewEntry[], options: AppendOptions = {}): Promise<void> {
    const fresh = options.skipKnown && entries.length > 0 ? await this.withoutKnown(entries) : entries;
    if (fresh.length === 0) return;
    const minId = `${Math.max(0, Date.now() - this.retentionMs)}-0`;
    const multi = this.client.multi();
    for (const { eventId, event } of fresh) multi.addCommand(['XADD', this.key, 'MINID', '~', minId, '*', 'i', eventId, 'e', JSON.stringify(event)]);
    await multi.exec();
  }

  async head(): Promise<string> {
    const [last] = (await this.client.sendCommand(['XREVRANGE', this.key, '+', '-', 'COUNT', '1'])) as RawEntry[];
    return last?.[0] ?? LOG_START;
  }

  async keepsAfter(id: string): Promise<boolean> {
    if (id === LOG_START) return this.neverTrimmed();
    const found = (await this.client.sendCommand(['XRANGE', this.key, id, id])) as RawEntry[];
    return found.length > 0;
  }

  async after(id: string, count: number): Promise<LogEntry[]> {
    return toEntries((await this.client.sendCommand(['XRANGE', this.key, `(${id}`, '+', 'COUNT', String(count)])) as RawEntry[]);
  }

  async waitAfter(id: string, blockMs: number): Promise<LogEntry[]> {
    const blocking = await this.blockingClient();
    const reply = (await blocking.sendCommand(['XREAD', 'COUNT', '1000', 'BLOCK', String(blockMs), 'STREAMS', this.key, id])) as
      | [string, RawEntry[]][]
      | null;
    return toEntries(reply?.[0]?.[1] ?? []);
  }

  async close(): Promise<void> {
    const blocking = this.blocking;
    this.blocking = undefined;
    // destroy, not close: a blocked XREAD would otherwise hold shutdown for its whole BLOCK.
    if (blocking?.isOpen) blocking.destroy();
  }

  /** One read of the stream's tail; only the relay appends, so nothing lands between it and the XADDs. */
  private async withoutKnown(entries: readonly NewEntry[]): Promise<readonly NewEntry[]> {
    const count = String(Math.max(entries.length, RECENT_ENTRIES));
    const tail = (await this.client.sendCommand(['XREVRANGE', this.key, '+', '-', 'COUNT', count])) as RawEntry[];
    // Entries appended before event ids were kept have no `i`: they match nothing.
    const known = new Set(tail.map(([, fields]) => (fields.includes('i') ? fields[fields.indexOf('i') + 1] : undefined)));
    return entries.filter((entry) => !known.has(entry.eventId));
  }

  /** No stream yet, or every entry ever added is still there (XINFO's `entries-added`, Redis 7). */
  private async neverTrimmed(): Promise<boolean> {
    if (!(await this.client.exists(this.key))) return true;
    const info = (await this.client.sendCommand(['XINFO', 'STREAM', this.key])) as unknown[];
    const field = (name: string) => Number(info[info.indexOf(name) + 1]);
    return field('entries-added') === field('length');
  }

  private async blockingClient(): Promise<RedisClient> {
    if (!this.blocking) {
      const blocking = this.client.duplicate();
      blocking.on('error', () => undefined);
      this.blocking = blocking;
      try {
        await blocking.connect();
      } catch (error) {
        this.blocking = undefined;
        throw error;
      }
    }
    return this.blocking;
  }
}

function toEntries(raw: RawEntry[]): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const [id, fields] of raw) {
    const json = fields[fields.indexOf('e') + 1];
    if (json !== undefined) entries.push({ id, event: JSON.parse(json) as LiveEnvelope });
  }
  return entries;
}
