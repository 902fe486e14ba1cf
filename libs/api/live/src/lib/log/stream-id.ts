/**
 * Ids of the replay log, and so of the SSE messages: Redis Stream entry ids, `<ms>-<seq>`. The
 * in-memory log makes ids of the same form, so one comparison serves both.
 */
const STREAM_ID = /^(\d{1,15})-(\d{1,15})$/;

/** The position before every entry: an empty log's head. */
export const LOG_START = '0-0';

export function isStreamId(value: unknown): value is string {
  return typeof value === 'string' && STREAM_ID.test(value);
}

/** Negative when `a` comes before `b`. Both must be stream ids. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(Number) as [number, number];
  const [bMs, bSeq] = b.split('-').map(Number) as [number, number];
  return aMs - bMs || aSeq - bSeq;
}
