import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { LiveEvent } from './live-event';
import { LIVE_FETCH, LiveConnection } from './live-connection';
import { LiveSession } from './live-session';
import { LIVE_RECONNECT, reconnectDelay, tokenExpiry } from './reconnect';
import { FakeEventsServer, FakeSession, jwtExpiringAt, until } from './fake-events-server';

describe('LiveConnection', () => {
  let server: FakeEventsServer;
  let session: FakeSession;
  let live: LiveConnection;
  let events: LiveEvent[];
  const settle = () => TestBed.inject(ApplicationRef).tick();

  function start(options: Partial<{ stallMs: number; healthyMs: number }> = {}) {
    server = new FakeEventsServer();
    session = new FakeSession();
    TestBed.configureTestingModule({
      providers: [
        { provide: LIVE_FETCH, useValue: server.fetch },
        { provide: LiveSession, useValue: session },
        // Short delays so the test runs quickly; random fixed at its middle.
        { provide: LIVE_RECONNECT, useValue: { baseMs: 20, maxMs: 160, stallMs: options.stallMs ?? 60_000, healthyMs: options.healthyMs ?? 60_000, random: () => 0.5 } },
      ],
    });
    live = TestBed.inject(LiveConnection);
    events = [];
    live.events.subscribe((event) => events.push(event));
  }

  function signIn(token = 'access-1') {
    session.accessToken.set(token);
    settle();
  }

  afterEach(() => {
    session.accessToken.set(null);
    settle();
  });

  it('opens only once signed in, with the bearer header, and says live', async () => {
    start();
    settle();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.connections).toHaveLength(0);
    expect(live.status()).toBe('offline');
    signIn();
    await until(() => live.status() === 'live', 'live');
    expect(server.connections).toHaveLength(1);
    expect(server.last.headers['Authorization']).toBe('Bearer access-1');
    expect(server.last.headers['Last-Event-ID']).toBeUndefined();
  });

  it('parses events from the body, skipping pings, unknown types and bad JSON', async () => {
    start();
    signIn();
    await until(() => live.status() === 'live', 'live');
    const task = { id: 't1', version: 2 };
    server.last.stream.send(': ping\n\nid: 1\nevent: task.updated\ndata: ');
    server.last.stream.send(`${JSON.stringify({ projectId: 'p1', taskId: 't1', version: 2, actor: { id: 'u-bob', username: 'bob' }, task })}\n\n`);
    server.last.stream.send('id: 2\nevent: something.else\ndata: {}\n\nid: 3\nevent: task.deleted\ndata: {not json\n\nid: 4\nevent: reset\ndata: {}\n\n');
    await until(() => events.length === 2, 'two events');
    expect(events[0]).toMatchObject({ id: '1', type: 'task.updated', data: { taskId: 't1', version: 2, actor: { username: 'bob' } } });
    expect(events[1]).toEqual({ id: '4', type: 'reset', data: {} });
  });

  it('reconnects after the stream drops, with Last-Event-ID, and says reconnecting meanwhile', async () => {
    start();
    signIn();
    await until(() => live.status() === 'live', 'live');
    server.last.stream.send('id: 17\nevent: reset\ndata: {}\n\n');
    await until(() => events.length === 1, 'the event');
    server.last.stream.fail();
    await until(() => live.status() === 'reconnecting', 'reconnecting');
    await until(() => server.connections.length === 2 && live.status() === 'live', 'the second connection');
    expect(server.last.headers['Last-Event-ID']).toBe('17');
    expect(server.last.headers['Authorization']).toBe('Bearer access-1');
    // It had an id to replay from: no reset of its own.
    expect(events.map((e) => e.type)).toEqual(['reset']);
  });

  it('backs off with growing, jittered delays while the server refuses, then recovers', async () => {
    start();
    server.answer(503, 503, 503);
    signIn();
    await until(() => server.connections.length === 4 && live.status() === 'live', 'the fourth attempt', 3000);
    const gaps = server.connections.slice(1).map((c, i) => c.at - server.connections[i].at);
    // random 0.5 → 75% of 20, 40, 80 ms. Timers may be late under load, never early.
    expect(gaps[0]).toBeGreaterThanOrEqual(14);
    expect(gaps[1]).toBeGreaterThanOrEqual(29);
    expect(gaps[2]).toBeGreaterThanOrEqual(59);
    console.log(`backoff gaps (ms): ${gaps.join(', ')}`);
    expect(reconnectDelay(0, { baseMs: 1000, maxMs: 30_000, random: () => 0 })).toBe(500);
    expect(reconnectDelay(0, { baseMs: 1000, maxMs: 30_000, random: () => 1 })).toBe(1000);
    expect(reconnectDelay(10, { baseMs: 1000, maxMs: 30_000, random: () => 1 })).toBe(30_000);
  });

  it('on 401 gets a fresh token from the session and connects again with it at once', async () => {
    start();
    server.answer(401);
    signIn();
    await until(() => live.status() === 'live', 'live');
    expect(session.refreshes).toBe(1);
    expect(server.connections.map((c) => [c.status, c.headers['Authorization']])).toEqual([
      [401, 'Bearer access-1'],
      [200, 'Bearer access-2'],
    ]);
  });

  it('refreshes a token that is about to expire before connecting (the stream ended at its exp)', async () => {
    start({ healthyMs: 0 });
    signIn(jwtExpiringAt(Math.floor(Date.now() / 1000) + 3600));
    await until(() => live.status() === 'live', 'live');
    session.accessToken.set(jwtExpiringAt(Math.floor(Date.now() / 1000) - 1));
    server.last.stream.end();
    await until(() => server.connections.length === 2 && live.status() === 'live', 'the reconnect');
    expect(session.refreshes).toBe(1);
    expect(server.last.headers['Authorization']).toBe('Bearer access-2');
    expect(tokenExpiry('not a jwt')).toBeNull();
  });

  it('keeps retrying when the refresh is refused, without a stream', async () => {
    start();
    server.answer(401, 401, 401, 401);
    session.refuseRefresh = true;
    signIn();
    await until(() => session.refreshes >= 3, 'three refresh attempts');
    expect(live.status()).toBe('reconnecting');
    expect(server.connections.every((c) => c.status === 401)).toBe(true);
  });

  it('reports a reset itself when it comes back without an id to replay from', async () => {
    start();
    signIn();
    await until(() => live.status() === 'live', 'live');
    server.last.stream.fail();
    await until(() => server.connections.length === 2 && live.status() === 'live', 'the reconnect');
    expect(server.last.headers['Last-Event-ID']).toBeUndefined();
    expect(events).toEqual([{ type: 'reset', data: {} }]);
  });

  it('replays from an id sent without data (a stream position), with no reset of its own', async () => {
    start();
    signIn();
    await until(() => live.status() === 'live', 'live');
    server.last.stream.send('id: 1700-0\n\n');
    await new Promise((resolve) => setTimeout(resolve, 10));
    server.last.stream.fail();
    await until(() => server.connections.length === 2 && live.status() === 'live', 'the reconnect');
    expect(server.last.headers['Last-Event-ID']).toBe('1700-0');
    expect(events).toEqual([]);
  });

  it('treats a silent connection as dead after stallMs and reconnects', async () => {
    start({ stallMs: 60 });
    signIn();
    await until(() => live.status() === 'live', 'live');
    const first = server.last.stream;
    await until(() => server.connections.length === 2, 'a reconnect after the stall', 2000);
    expect(first.cancelled).toBe(true);
  });

  it('goes offline with the browser and reconnects as soon as it is back', async () => {
    start();
    signIn();
    await until(() => live.status() === 'live', 'live');
    server.down = true;
    window.dispatchEvent(new Event('offline'));
    settle();
    expect(live.status()).toBe('offline');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(server.connections).toHaveLength(1);
    server.down = false;
    window.dispatchEvent(new Event('online'));
    settle();
    await until(() => server.connections.length === 2 && live.status() === 'live', 'back online');
  });

  it('closes on logout and does not come back', async () => {
    start();
    signIn();
    await until(() => live.status() === 'live', 'live');
    const stream = server.last.stream;
    session.accessToken.set(null);
    settle();
    expect(live.status()).toBe('offline');
    await until(() => stream.cancelled, 'the body cancelled');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(server.connections).toHaveLength(1);
  });
});
