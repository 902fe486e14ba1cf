import { ApplicationRef, Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { LiveEvent } from './live-event';
import { FakeEventsServer, FakeSession, until } from './fake-events-server';
import { LIVE_FETCH, LiveConnection } from './live-connection';
import { LiveSession } from './live-session';

/**
 * For component and store specs elsewhere: the real `LiveConnection` on a fake `fetch`. `connect()`
 * signs the fake session in and waits for the stream; `send()` writes an event as the server would
 * (SSE text with an id) and waits until the connection has handed it on.
 */
export class FakeLive {
  readonly server = new FakeEventsServer();
  readonly session = new FakeSession();
  readonly providers: Provider[] = [
    { provide: LIVE_FETCH, useValue: this.server.fetch },
    { provide: LiveSession, useValue: this.session },
  ];
  private sent = 0;
  private received = 0;

  /** Signs in as `userId` (default alice) and waits until the stream is open. */
  async connect(user = { id: 'u-alice', username: 'alice' }): Promise<void> {
    const live = TestBed.inject(LiveConnection);
    live.events.subscribe(() => (this.received += 1));
    this.session.user.set(user);
    this.session.accessToken.set('access-1');
    TestBed.inject(ApplicationRef).tick();
    await until(() => live.status() === 'live', 'the live stream');
  }

  async send(event: Omit<LiveEvent, 'id'>): Promise<void> {
    this.sent += 1;
    this.server.last.stream.send(`id: ${this.sent}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
    await until(() => this.received >= this.sent, `event ${event.type}`);
    // Render what it changed (not whenStable: a reload it caused stays pending until the test answers it).
    TestBed.inject(ApplicationRef).tick();
  }

  disconnect(): void {
    this.session.accessToken.set(null);
    TestBed.inject(ApplicationRef).tick();
  }
}
