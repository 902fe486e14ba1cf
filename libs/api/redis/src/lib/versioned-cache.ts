export type CacheRead<T> =
  | { hit: true; value: T }
  /** A miss; store the fresh value with this stamp so a write in between is never served. */
  | { hit: false; stamp: string }
  /** The cache cannot be trusted right now (Redis away): read the source and do not store. */
  | { hit: false; stamp: undefined };

/**
 * A cache split into scopes (e.g. one per user) that are invalidated whole, without scanning keys:
 * each scope has a generation number, entries are stored under the generation current when they
 * were read, and a write bumps it. A reader that raced a write stored its value under the old
 * generation, where nobody looks any more.
 */
export abstract class VersionedCache {
  abstract read<T>(scope: string, key: string): Promise<CacheRead<T>>;
  abstract write<T>(scope: string, key: string, stamp: string, value: T, ttlSeconds: number): Promise<void>;
  /** Must complete before a write is acknowledged, so the next read on any replica misses. */
  abstract invalidate(scope: string): Promise<void>;
}
