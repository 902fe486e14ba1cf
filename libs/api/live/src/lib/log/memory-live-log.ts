import { compareStreamIds, LOG_START } from './stream-id';
import { LiveLog, RECENT_ENTRIES, RETENTION_MS, type AppendOptions, type LiveEnvelope, type LogEntry, type NewEntry } from './live-log';

/** The replay log in this process's memory, for the embedded mode (one process, no Redis). */
export class MemoryLiveLog extends LiveLog {
  readonly kind = 'memory' as const;
  private readonly entries: { id: string; at: number; eventId: string; event: LiveEnvelope }[] = [];
  private lastMs = 0;
  private seq = 0;
  private trimmed = false;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly retentionMs = RETENTION_MS) {
    super();
  }

  async append(entries: readonly NewEntry[], options: AppendOptions = {}): Promise<void> {
    const now = Date.now();
    for (const { eventId, event } of options.skipKnown ? this.withoutKnown(entries) : entries) {
      // Redis's rule: ids grow even when the clock does not (or steps back).
      if (now > this.lastMs) {
        this.lastMs = now;
        this.seq = 0;
      } else this.seq++;
      this.entries.push({ id: `${this.lastMs}-${this.seq}`, at: now, eventId, event });
    }
    const keepFrom = now - this.retentionMs;
    let drop = 0;
    while (drop < this.entries.length && (this.entries[drop]?.at ?? now) < keepFrom) drop++;
    if (drop > 0) {
      this.entries.splice(0, drop);
      this.trimmed = true;
    }
    for (const wake of [...this.waiters]) wake();
  }

  async head(): Promise<string> {
    return this.entries[this.entries.length - 1]?.id ?? LOG_START;
  }

  async keepsAfter(id: string): Promise<boolean> {
    if (id === LOG_START) return !this.trimmed;
    return this.entries[this.indexOf(id)]?.id === id;
  }

  async after(id: string, count: number): Promise<LogEntry[]> {
    return this.entriesAfter(id).slice(0, count);
  }

  waitAfter(id: string, blockMs: number): Promise<LogEntry[]> {
    const ready = this.entriesAfter(id);
    if (ready.length > 0) return Promise.resolve(ready);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(this.entriesAfter(id));
      };
      const timer = setTimeout(wake, blockMs);
      timer.unref();
      this.waiters.add(wake);
    });
  }

  async close(): Promise<void> {
    for (const wake of [...this.waiters]) wake();
  }

  private withoutKnown(entries: readonly NewEntry[]): readonly NewEntry[] {
    const recent = this.entries.slice(-Math.max(entries.length, RECENT_ENTRIES));
    const known = new Set(recent.map((entry) => entry.eventId));
    return entries.filter((entry) => !known.has(entry.eventId));
  }

  /** The first index whose id is >= `id` (binary search: ids are in order). */
  private indexOf(id: string): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (compareStreamIds(this.entries[mid]?.id ?? LOG_START, id) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private entriesAfter(id: string): LogEntry[] {
    let start = this.indexOf(id);
    if (this.entries[start]?.id === id) start++;
    return this.entries.slice(start).map(({ id: entryId, event }) => ({ id: entryId, event }));
  }
}
