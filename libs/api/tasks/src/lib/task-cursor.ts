import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SortValue } from './task-sort';

export interface CursorPosition {
  /** The last row's sort-key values, in sort order. */
  values: SortValue[];
  id: string;
}

const PURPOSE = 'task-list-cursor';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Opaque keyset cursors: `<base64url JSON>.<HMAC>`. The signature covers the position and the
 * query it belongs to (sort and filters), so a cursor that was forged, altered or made for
 * another query fails verification instead of reaching SQL.
 */
export class TaskCursorCodec {
  constructor(private readonly secret: string) {}

  encode(position: CursorPosition, query: string): string {
    const payload = Buffer.from(JSON.stringify([position.values, position.id])).toString('base64url');
    return `${payload}.${this.sign(payload, query)}`;
  }

  /** The position, or undefined when the cursor is not one this server made for this query. */
  decode(cursor: string, query: string): CursorPosition | undefined {
    const [payload, signature, extra] = cursor.split('.');
    if (!payload || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(payload, query));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const decoded: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (!Array.isArray(decoded) || decoded.length !== 2) return undefined;
      const [values, id] = decoded as [unknown, unknown];
      if (!Array.isArray(values) || typeof id !== 'string' || !UUID.test(id)) return undefined;
      if (!values.every((value) => value === null || typeof value === 'string' || typeof value === 'number')) return undefined;
      return { values: values as SortValue[], id };
    } catch {
      return undefined;
    }
  }

  private sign(payload: string, query: string): string {
    return createHmac('sha256', this.secret).update(`${PURPOSE}\n${query}\n${payload}`).digest('base64url');
  }
}
