import { Injectable, OnDestroy } from '@angular/core';

const CHANNEL = 'taskflow.session';
const LOCK = 'taskflow.refresh';

export type SessionEvent = 'logout' | 'login';

/**
 * What the tabs of one browser share about the session. The refresh token is an HttpOnly cookie
 * all tabs send, so they must not spend it at the same moment (the second use would look like
 * theft and end the session): refreshes run one at a time across tabs under a Web Lock. A
 * logout in one tab is broadcast so every other tab drops its in-memory access token too.
 */
@Injectable({ providedIn: 'root' })
export class SessionSync implements OnDestroy {
  private readonly channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
  private readonly listeners = new Set<(event: SessionEvent) => void>();

  constructor() {
    if (this.channel) {
      this.channel.onmessage = (message: MessageEvent<unknown>) => {
        if (message.data === 'logout' || message.data === 'login') {
          for (const listener of this.listeners) listener(message.data);
        }
      };
    }
  }

  /** Tells the other tabs (not this one). */
  announce(event: SessionEvent): void {
    this.channel?.postMessage(event);
  }

  onEvent(listener: (event: SessionEvent) => void): void {
    this.listeners.add(listener);
  }

  /** Runs `task` while no other tab of this browser runs one (where Web Locks exist; else at once). */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    return locks ? (locks.request(LOCK, task) as Promise<T>) : task();
  }

  ngOnDestroy(): void {
    this.channel?.close();
  }
}
