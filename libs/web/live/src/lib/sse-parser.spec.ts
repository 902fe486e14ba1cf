import { SseMessage, SseParser } from './sse-parser';

function parse(chunks: string[], lastEventId: string | null = null) {
  const messages: SseMessage[] = [];
  const retries: number[] = [];
  const parser = new SseParser((m) => messages.push(m), { lastEventId, onRetry: (ms) => retries.push(ms) });
  for (const chunk of chunks) parser.push(chunk);
  return { messages, retries, parser };
}

describe('SseParser', () => {
  it('reads id, event and data of each message and drops the `: ping` comments', () => {
    const { messages } = parse([': ping\n\nid: 7\nevent: task.updated\ndata: {"a":1}\n\n: ping\n\nid: 8\nevent: reset\ndata: {}\n\n']);
    expect(messages).toEqual([
      { event: 'task.updated', data: '{"a":1}', lastEventId: '7', hasId: true },
      { event: 'reset', data: '{}', lastEventId: '8', hasId: true },
    ]);
  });

  it('puts together a message split anywhere across chunks, CRLF and CR line ends included', () => {
    const text = 'id: 41\r\nevent: task.created\r\ndata: {"title":"Buy milk"}\r\n\r\nid: 42\revent: task.deleted\rdata: {}\r\r';
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      const { messages } = parse(chunks);
      expect(messages.map((m) => [m.lastEventId, m.event, m.data])).toEqual([
        ['41', 'task.created', '{"title":"Buy milk"}'],
        ['42', 'task.deleted', '{}'],
      ]);
    }
  });

  it('joins several data lines with a newline, defaults the event to "message", and skips a message without data', () => {
    const { messages } = parse(['event: nothing\n\ndata: one\ndata:two\n\n']);
    expect(messages).toEqual([{ event: 'message', data: 'one\ntwo', lastEventId: null, hasId: false }]);
  });

  it('carries the last id over to a later message without one, starting from the id it was given', () => {
    const { messages } = parse(['data: a\n\nid: 9\ndata: b\n\ndata: c\n\n'], '5');
    expect(messages.map((m) => [m.lastEventId, m.hasId])).toEqual([
      ['5', false],
      ['9', true],
      ['9', false],
    ]);
  });

  it('takes the id of a message without data, which it does not dispatch', () => {
    const { messages, parser } = parse(['id: 30\n\n: ping\n\n']);
    expect(messages).toEqual([]);
    expect(parser.lastEventId).toBe('30');
  });

  it('drops a message the stream ended in the middle of, and reports retry', () => {
    const { messages, retries, parser } = parse(['retry: 3000\nid: 1\ndata: whole\n\nid: 2\ndata: half']);
    parser.end();
    expect(messages.map((m) => m.data)).toEqual(['whole']);
    expect(retries).toEqual([3000]);
  });
});
