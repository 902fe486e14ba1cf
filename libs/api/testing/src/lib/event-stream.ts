/** One SSE message as a test sees it: its id, event name, parsed data, and when it arrived. */
export interface ReceivedEvent {
  id: string | undefined;
  event: string;
  data: Record<string, unknown>;
  receivedAt: number;
}

export interface EventStream {
  status: number;
  headers: Headers;
  /** Every message so far, in arrival order (comments such as `: ping` are counted in `comments`). */
  events: ReceivedEvent[];
  comments: number;
  /** The id a client would reconnect with: the last `id:` line, also of a block without data. */
  lastEventId: string | undefined;
  /** Resolves when the server ends the stream (or the connection breaks), with the time it did. */
  ended: Promise<number>;
  /** The first message (from `from` on) that matches, waiting up to `timeoutMs` for it. */
  next(match: (event: ReceivedEvent) => boolean, timeoutMs?: number, from?: number): Promise<ReceivedEvent>;
  /** Closes from the client side, as a dropped connection would. */
  close(): void;
  /** The body text of a response that was not a stream (a 401, say). */
  text?: string;
}

/**
 * Opens `GET /api/events` with fetch and reads its body stream as a client does (the web app
 * uses fetch streaming too, not EventSource), parsing messages as they arrive.
 */
export async function openEventStream(
  baseUrl: string,
  token: string | undefined,
  options: { lastEventId?: string; query?: string; headers?: Record<string, string> } = {},
): Promise<EventStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  const response = await fetch(`${baseUrl}/api/events${options.query ?? ''}`, { headers, signal: controller.signal });
  const events: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  const stream: EventStream = {
    status: response.status,
    headers: response.headers,
    events,
    comments: 0,
    lastEventId: undefined,
    ended: Promise.resolve(Date.now()),
    close: () => controller.abort(),
    next: (match, timeoutMs = 5_000, from = 0) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = events.slice(from).find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got: ${events.map((e) => e.event).join(', ') || 'nothing'}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
  };
  if (!response.ok || !response.body) {
    stream.text = await response.text();
    return stream;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  stream.ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const { id, message } = parseBlock(block);
          if (id !== undefined) stream.lastEventId = id;
          if (!message) stream.comments++;
          else {
            events.push(message);
            for (const waiter of [...waiters]) waiter();
          }
        }
      }
    } catch {
      // Aborted by close(), or the connection broke: the stream has ended either way.
    }
    return Date.now();
  })();
  return stream;
}

function parseBlock(block: string): { id: string | undefined; message?: ReceivedEvent } {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return { id };
  return { id, message: { id, event, data: JSON.parse(data.join('\n')) as Record<string, unknown>, receivedAt: Date.now() } };
}
