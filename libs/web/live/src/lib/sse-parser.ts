/** One dispatched Server-Sent Events message: the `event:`, `data:` and last `id:` lines before a blank line. */
export interface SseMessage {
  /** `message` when the message had no `event:` line, as the HTML standard says. */
  event: string;
  data: string;
  /** The last event id seen on the stream so far (it carries over to later messages), or null. */
  lastEventId: string | null;
  /** Whether this message itself carried an `id:` line. */
  hasId: boolean;
}

/**
 * An incremental parser of `text/event-stream` (HTML standard, "Interpreting an event stream"),
 * fed decoded text in chunks of any size: a line or a field may be split across chunks. Lines end
 * in LF, CRLF or CR; `:` lines are comments (the server's `: ping`) and are dropped; a message
 * without data is not dispatched. `retry:` is parsed and reported to `onRetry`.
 */
export class SseParser {
  private buffer = '';
  /** A chunk that ended in CR: an LF at the start of the next one belongs to the same line break. */
  private pendingCr = false;
  private event = '';
  private data: string[] = [];
  private sawId = false;
  private lastId: string | null;
  private readonly onRetry?: (ms: number) => void;

  constructor(
    private readonly onMessage: (message: SseMessage) => void,
    options: { lastEventId?: string | null; onRetry?: (ms: number) => void } = {},
  ) {
    this.lastId = options.lastEventId ?? null;
    this.onRetry = options.onRetry;
  }

  /**
   * The id to reconnect with: set by every `id:` line, also of a message without data (which is not
   * dispatched), as a browser's `EventSource` does.
   */
  get lastEventId(): string | null {
    return this.lastId;
  }

  push(chunk: string): void {
    let text = chunk;
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = false;
    this.buffer += text;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(this.buffer.slice(start, i));
      if (c === 13) {
        if (i + 1 === this.buffer.length) this.pendingCr = true;
        else if (this.buffer.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
  }

  /** The stream ended: a message not closed by a blank line is dropped, as a browser would. */
  end(): void {
    this.buffer = '';
    this.pendingCr = false;
    this.event = '';
    this.data = [];
    this.sawId = false;
  }

  private line(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.event = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        // An id with U+0000 is ignored, as the standard says.
        if (!value.includes('\u0000')) {
          this.lastId = value === '' ? null : value;
          this.sawId = true;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.onRetry?.(Number(value));
        break;
      default:
        break;
    }
  }

  private dispatch(): void {
    const hasId = this.sawId;
    this.sawId = false;
    const event = this.event || 'message';
    this.event = '';
    if (this.data.length === 0) return;
    const data = this.data.join('\n');
    this.data = [];
    this.onMessage({ event, data, lastEventId: this.lastId, hasId });
  }
}
