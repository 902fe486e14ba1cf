import { DomainError, ErrorCode } from '@taskflow/api-core';
import type { TimelinePosition } from './activity-event';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `<base64url JSON [at, id]>`: the last event of a page. */
export function encodeTimelineCursor(position: TimelinePosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString('base64url');
}

/** The position, or 400 naming `cursor` for anything this server could not have made. */
export function decodeTimelineCursor(cursor: string): TimelinePosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && typeof decoded[0] === 'string' && typeof decoded[1] === 'string' && UUID.test(decoded[1])) {
      const at = new Date(decoded[0]);
      if (!Number.isNaN(at.getTime()) && at.toISOString() === decoded[0]) return { at, id: decoded[1].toLowerCase() };
    }
  } catch {
    // Falls through to the 400.
  }
  throw new DomainError(ErrorCode.InvalidInput, 'cursor is not a cursor this server made', { field: 'cursor' });
}
