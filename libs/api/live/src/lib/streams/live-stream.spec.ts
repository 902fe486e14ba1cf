import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { LiveEnvelope, LogEntry } from '../log/live-log';
import { LiveStream, MAX_BUFFERED_BYTES, type StreamOwner } from './live-stream';

/** Just what LiveStream uses of a ServerResponse, recording what is written. */
class FakeResponse extends EventEmitter {
  written: string[] = [];
  writableEnded = false;
  writableLength = 0;
  destroyed = false;
  full = false;
  write(text: string): boolean {
    this.written.push(text);
    if (this.full) this.writableLength += text.length;
    return !this.full;
  }
  end(): void {
    this.writableEnded = true;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

const ME = 'user-me';
let seq = 0;
const entry = (event: Partial<LiveEnvelope> & { projectId: string }): LogEntry => ({
  id: `1000-${seq++}`,
  event: { type: event.type ?? 'task.created', projectIds: event.projectIds ?? [event.projectId], userId: event.userId ?? null, data: { projectId: event.projectId } as never },
});

function openStream(projects: string[]) {
  const raw = new FakeResponse();
  const owner: StreamOwner & { joins: string[]; leaves: string[]; closes: number } = {
    joins: [],
    leaves: [],
    closes: 0,
    joined: (_s, p) => owner.joins.push(p),
    left: (_s, p) => owner.leaves.push(p),
    closed: () => owner.closes++,
  };
  const stream = new LiveStream(ME, 'session', new Set(projects), '0-0', raw as unknown as ServerResponse, owner, Date.now() + 60_000);
  stream.goLive();
  const sent = () => raw.written.filter((t) => t.startsWith('id:')).map((t) => /event: (\S+)/.exec(t)?.[1]);
  return { raw, owner, stream, sent };
}

describe('LiveStream', () => {
  it('sends its projects’ events once each, in log order, and nothing of other projects', () => {
    const { stream, sent } = openStream(['p1']);
    const first = entry({ projectId: 'p1' });
    stream.deliver(first);
    stream.deliver(first);
    stream.deliver(entry({ projectId: 'p2' }));
    stream.deliver(entry({ projectId: 'p1', type: 'task.updated' }));
    expect(sent()).toEqual(['task.created', 'task.updated']);
  });

  it('follows membership: joins on member.added for its user, sends member.removed then nothing more of the project', () => {
    const { stream, owner, sent } = openStream([]);
    stream.deliver(entry({ projectId: 'p9', type: 'member.added', userId: ME }));
    stream.deliver(entry({ projectId: 'p9' }));
    stream.deliver(entry({ projectId: 'p9', type: 'member.removed', userId: ME }));
    stream.deliver(entry({ projectId: 'p9', type: 'task.updated' }));
    expect(sent()).toEqual(['member.added', 'task.created', 'member.removed']);
    expect(owner.joins).toEqual(['p9']);
    expect(owner.leaves).toEqual(['p9']);
  });

  it('drops a project once project.deleted is sent, and ignores other members’ removals', () => {
    const { stream, sent } = openStream(['p1']);
    stream.deliver(entry({ projectId: 'p1', type: 'member.removed', userId: 'someone-else' }));
    stream.deliver(entry({ projectId: 'p1' }));
    stream.deliver(entry({ projectId: 'p1', type: 'project.deleted' }));
    stream.deliver(entry({ projectId: 'p1' }));
    expect(sent()).toEqual(['member.removed', 'task.created', 'project.deleted']);
  });

  it('sees a task moved out of its project (routed to both projects)', () => {
    const { stream, sent } = openStream(['old']);
    stream.deliver(entry({ projectId: 'new', projectIds: ['new', 'old'], type: 'task.updated' }));
    expect(sent()).toEqual(['task.updated']);
  });

  it('holds live entries while replaying and sends them after the replay, without repeats', () => {
    const raw = new FakeResponse();
    const owner = { joined: () => undefined, left: () => undefined, closed: () => undefined };
    const stream = new LiveStream(ME, 's', new Set(['p1']), '0-0', raw as unknown as ServerResponse, owner, Date.now() + 60_000);
    const [a, b, c] = [entry({ projectId: 'p1' }), entry({ projectId: 'p1' }), entry({ projectId: 'p1' })] as [LogEntry, LogEntry, LogEntry];
    stream.offer(b);
    stream.offer(c);
    stream.deliver(a);
    stream.deliver(b);
    expect(raw.written).toHaveLength(2);
    stream.goLive();
    expect(raw.written.map((t) => /^id: (\S+)/.exec(t)?.[1])).toEqual([a.id, b.id, c.id]);
  });

  it('cuts off a client that makes the server buffer more than the limit', () => {
    const { raw, stream, owner } = openStream(['p1']);
    raw.full = true;
    raw.writableLength = MAX_BUFFERED_BYTES;
    stream.ping();
    expect(raw.destroyed).toBe(true);
    expect(stream.open).toBe(false);
    expect(owner.closes).toBe(1);
  });

  it('cuts off a client whose socket has not drained within the drain timeout', () => {
    jest.useFakeTimers();
    try {
      const { raw, stream } = openStream(['p1']);
      raw.full = true;
      stream.ping();
      jest.advanceTimersByTime(4_000);
      expect(raw.destroyed).toBe(false);
      jest.advanceTimersByTime(1_500);
      expect(raw.destroyed).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps a client whose socket drains in time', () => {
    jest.useFakeTimers();
    try {
      const { raw, stream } = openStream(['p1']);
      raw.full = true;
      stream.ping();
      raw.full = false;
      raw.emit('drain');
      jest.advanceTimersByTime(10_000);
      expect(raw.destroyed).toBe(false);
      expect(stream.open).toBe(true);
      stream.end();
    } finally {
      jest.useRealTimers();
    }
  });
});
