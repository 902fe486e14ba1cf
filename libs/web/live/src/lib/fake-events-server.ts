import { signal } from '@angular/core';
import { Observable, of, throwError } from 'rxjs';
import { LiveSession } from './live-session';

/** The body of one fake `GET /api/events` response: the test pushes text and ends or breaks it. */
export class FakeStream {
  private readonly queue: Uint8Array[] = [];
  private waiting: ((result: ReadableStreamReadResult<Uint8Array>) => void) | null = null;
  private failWaiting: ((error: unknown) => void) | null = null;
  closed = false;
  cancelled = false;

  constructor(signal?: AbortSignal | null) {
    signal?.addEventListener('abort', () => this.fail(new DOMException('aborted', 'AbortError')));
  }

  send(text: string): void {
    this.queue.push(new TextEncoder().encode(text));
    this.flush();
  }

  end(): void {
    this.closed = true;
    this.flush();
  }

  fail(error: unknown = new TypeError('network error')): void {
    this.closed = true;
    const fail = this.failWaiting;
    this.waiting = null;
    this.failWaiting = null;
    fail?.(error);
  }

  readonly body = {
    getReader: () => ({
      read: () =>
        new Promise<ReadableStreamReadResult<Uint8Array>>((resolve, reject) => {
          this.waiting = resolve;
          this.failWaiting = reject;
          this.flush();
        }),
      cancel: async () => {
        this.cancelled = true;
        this.fail(new DOMException('cancelled', 'AbortError'));
      },
    }),
    cancel: async () => {
      this.cancelled = true;
    },
  } as unknown as ReadableStream<Uint8Array>;

  private flush(): void {
    if (!this.waiting) return;
    const resolve = this.waiting;
    if (this.queue.length) {
      this.waiting = null;
      this.failWaiting = null;
      resolve({ done: false, value: this.queue.shift() as Uint8Array });
    } else if (this.closed) {
      this.waiting = null;
      this.failWaiting = null;
      resolve({ done: true, value: undefined });
    }
  }
}

export interface FakeConnection {
  headers: Record<string, string>;
  status: number;
  stream: FakeStream;
  at: number;
}

/**
 * A fake `fetch` for `/api/events` at the HTTP edge: answers with the planned statuses (200 once
 * the plan is used up), records each request's headers, and fails like a dropped network while `down`.
 */
export class FakeEventsServer {
  readonly connections: FakeConnection[] = [];
  private readonly plan: number[] = [];
  down = false;

  answer(...statuses: number[]): void {
    this.plan.push(...statuses);
  }

  get last(): FakeConnection {
    return this.connections[this.connections.length - 1];
  }

  readonly fetch = (async (_url: string, init?: RequestInit) => {
    if (this.down) throw new TypeError('Failed to fetch');
    const status = this.plan.shift() ?? 200;
    const stream = new FakeStream(init?.signal);
    this.connections.push({ headers: { ...(init?.headers as Record<string, string>) }, status, stream, at: Date.now() });
    if (status !== 200) stream.end();
    return { status, ok: status >= 200 && status < 300, body: stream.body } as Response;
  }) as unknown as typeof fetch;
}

/** A session for the stream's tests: `refresh()` hands out access-2, access-3, … or fails when told to. */
export class FakeSession extends LiveSession {
  readonly accessToken = signal<string | null>(null);
  readonly user = signal<{ id: string; username: string } | null>({ id: 'u-alice', username: 'alice' });
  refreshes = 0;
  refuseRefresh = false;

  refreshAccessToken(): Observable<string> {
    this.refreshes += 1;
    if (this.refuseRefresh) return throwError(() => new Error('refresh refused'));
    const token = `access-${this.refreshes + 1}`;
    this.accessToken.set(token);
    return of(token);
  }
}

/** A JWT-shaped token (only `exp` is read client-side; the signature is the server's business). */
export function jwtExpiringAt(expSeconds: number): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'u-alice', exp: expSeconds })}.signature`;
}

/** Waits until `condition` holds (polling every few ms), failing after `timeoutMs` with `what`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
