import { DestroyRef, Injectable, InjectionToken, computed, effect, inject, signal, untracked } from '@angular/core';
import { isLiveEventName, type LiveEvent } from './live-event';
import { Observable, Subject, filter, firstValueFrom } from 'rxjs';
import { LIVE_RECONNECT, reconnectDelay, tokenExpiry } from './reconnect';
import { LiveSession } from './live-session';
import { SseMessage, SseParser } from './sse-parser';

export type LiveStatus = 'live' | 'reconnecting' | 'offline';

/** The HTTP edge: `fetch` (tests give a fake one). */
export const LIVE_FETCH = new InjectionToken<typeof fetch>('LIVE_FETCH', {
  providedIn: 'root',
  factory: () => (input, init) => globalThis.fetch(input, init),
});

/** A token this close to its `exp` is refreshed before connecting (the server would end the stream at `exp`). */
const EXPIRY_MARGIN_S = 5;

/**
 * The live stream `GET /api/events` ("Live updates (v2)"), open while someone is signed in.
 * It uses `fetch` rather than `EventSource` so the token travels in the Authorization header, never
 * in a URL. It reconnects with jittered backoff and `Last-Event-ID`, so the server replays what was
 * missed; on 401 (or a token about to expire) it gets a fresh token from the session first. A
 * reconnect that cannot name a last event is reported as a `reset`: what was missed is unknown.
 * Nothing runs while idle but the stall check, one timer re-armed by each chunk the server sends.
 */
@Injectable({ providedIn: 'root' })
export class LiveConnection {
  /** Absent outside the app (component tests that do not provide it): then the stream never opens. */
  private readonly session = inject(LiveSession, { optional: true });
  private readonly fetch = inject(LIVE_FETCH);
  private readonly options = inject(LIVE_RECONNECT);

  private readonly events$ = new Subject<LiveEvent>();
  /** Every event of the stream, in order, including `reset`. */
  readonly events: Observable<LiveEvent> = this.events$.asObservable();

  private readonly signedIn = computed(() => (this.session?.accessToken() ?? null) !== null);
  private readonly online = signal(typeof navigator === 'undefined' || navigator.onLine !== false);
  private readonly open = signal(false);
  readonly status = computed<LiveStatus>(() => (!this.signedIn() || !this.online() ? 'offline' : this.open() ? 'live' : 'reconnecting'));
  /** Who is signed in: events they caused themselves get no "edited by" mark. */
  readonly userId = computed(() => this.session?.user()?.id ?? null);

  private lastEventId: string | null = null;
  private connectedBefore = false;
  private attempt = 0;
  private serverRetryMs: number | null = null;
  private current: AbortController | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    effect(() => {
      const wanted = this.signedIn() && this.online();
      untracked(() => (wanted ? this.connectSoon(0) : this.close()));
    });
    // Forget the previous session's place in the stream only when it ends, not on every token refresh.
    effect(() => {
      if (!this.signedIn()) untracked(() => this.forget());
    });
    if (typeof window !== 'undefined') {
      const onOnline = () => {
        this.attempt = 0;
        this.online.set(true);
      };
      const onOffline = () => this.online.set(false);
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      inject(DestroyRef).onDestroy(() => {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
        this.close();
      });
    }
  }

  /** Events of one type (or several). */
  on<T extends LiveEvent['type']>(...types: T[]): Observable<Extract<LiveEvent, { type: T }>> {
    return this.events.pipe(filter((event): event is Extract<LiveEvent, { type: T }> => (types as string[]).includes(event.type)));
  }

  private forget(): void {
    this.lastEventId = null;
    this.connectedBefore = false;
    this.attempt = 0;
  }

  private close(): void {
    this.clearRetry();
    const current = this.current;
    this.current = null;
    current?.abort();
    this.open.set(false);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private connectSoon(delayMs: number): void {
    this.close();
    if (delayMs <= 0) {
      void this.connect();
      return;
    }
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delayMs);
  }

  private async connect(): Promise<void> {
    if (!untracked(this.signedIn) || !untracked(this.online)) return;
    const controller = new AbortController();
    this.current = controller;
    const startedAt = Date.now();
    let opened = false;
    try {
      const session = this.session;
      if (!session) return;
      let token = untracked(session.accessToken);
      const exp = token ? tokenExpiry(token) : null;
      if (exp !== null && exp - EXPIRY_MARGIN_S <= Date.now() / 1000) token = await this.freshToken();
      let response = await this.request(token, controller.signal);
      if (response.status === 401) {
        void response.body?.cancel().catch(() => undefined);
        token = await this.freshToken();
        if (controller.signal.aborted) return;
        response = await this.request(token, controller.signal);
      }
      if (!response.ok || !response.body) {
        void response.body?.cancel().catch(() => undefined);
        throw new Error(`GET /api/events answered ${response.status}`);
      }
      if (controller.signal.aborted) return;
      opened = true;
      this.open.set(true);
      if (this.connectedBefore && this.lastEventId === null) {
        // Connected again without an id to replay from: whatever happened in between is unknown.
        this.events$.next({ type: 'reset', data: {} });
      }
      this.connectedBefore = true;
      await this.read(response.body, controller);
    } catch {
      // Refused, unreachable, dropped or stalled: retried below unless it was closed on purpose.
    }
    if (this.current !== controller) return;
    this.current = null;
    this.open.set(false);
    const healthy = opened && Date.now() - startedAt >= this.options.healthyMs;
    this.attempt = healthy ? 0 : this.attempt + 1;
    const base = this.serverRetryMs ?? this.options.baseMs;
    this.connectSoon(reconnectDelay(healthy ? 0 : this.attempt - 1, { ...this.options, baseMs: base }));
  }

  private async freshToken(): Promise<string> {
    if (!this.session) throw new Error('no session');
    return firstValueFrom(this.session.refreshAccessToken());
  }

  private request(token: string | null, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (token) headers['Authorization'] = `Bearer ${token}`;
    if (this.lastEventId !== null) headers['Last-Event-ID'] = this.lastEventId;
    return this.fetch('/api/events', { headers, signal, cache: 'no-store' });
  }

  /** Reads until the server ends the stream, the connection drops, or nothing arrives for `stallMs`. */
  private async read(body: ReadableStream<Uint8Array>, controller: AbortController): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser((message) => this.dispatch(message), {
      lastEventId: this.lastEventId,
      onRetry: (ms) => (this.serverRetryMs = ms),
    });
    let stall: ReturnType<typeof setTimeout> | null = null;
    const armStall = () => {
      if (stall !== null) clearTimeout(stall);
      stall = setTimeout(() => void reader.cancel().catch(() => undefined), this.options.stallMs);
    };
    const onAbort = () => void reader.cancel().catch(() => undefined);
    controller.signal.addEventListener('abort', onAbort);
    try {
      armStall();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || controller.signal.aborted) break;
        armStall();
        parser.push(decoder.decode(value, { stream: true }));
        if (parser.lastEventId !== null) this.lastEventId = parser.lastEventId;
      }
    } finally {
      if (stall !== null) clearTimeout(stall);
      controller.signal.removeEventListener('abort', onAbort);
      parser.end();
    }
  }

  private dispatch(message: SseMessage): void {
    if (message.hasId) this.lastEventId = message.lastEventId;
    if (!isLiveEventName(message.event)) return;
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      return;
    }
    if (typeof data !== 'object' || data === null) return;
    this.events$.next({ ...(message.hasId && message.lastEventId !== null ? { id: message.lastEventId } : {}), type: message.event, data } as LiveEvent);
  }
}
