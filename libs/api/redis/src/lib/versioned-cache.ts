/**
 * A hit carries the value. A miss carries the stamp to store the fresh value under, so a write in
 * between is never served; a miss without a stamp means the cache cannot be trusted right now
 * (Redis away): read the source and do not store. (One shape with optional fields rather than a
 * union, because the app's build does not narrow unions without strictNullChecks.)
 */
export interface CacheRead {
  hit: boolean;
  value?: string;
  stamp?: string;
}

export interface CacheAddress {
  scope: string;
  key: string;
}

export interface ChainedRead {
  head: CacheRead;
  tail?: CacheRead;
}

/**
 * A cache split into scopes (e.g. one per user) that are invalidated whole, without scanning keys:
 * each scope has a generation number, entries are stored under the generation current when they
 * were read, and a write bumps it. A reader that raced a write stored its value under the old
 * generation, where nobody looks any more. Values are text (JSON, typically), so a hit can go to the
 * client as it is, and nobody can mutate a cached value in place.
 */
export abstract class VersionedCache {
  abstract read(scope: string, key: string): Promise<CacheRead>;
  /**
   * `dependsOn` names scopes (no whitespace in them) whose generations an entry read through this
   * one in a chained read is also stamped with, see readChained.
   */
  abstract write(scope: string, key: string, stamp: string, value: string, ttlSeconds: number, dependsOn?: readonly string[]): Promise<void>;
  /**
   * Two reads in one round trip, the second depending on the first: `head` is read as by read();
   * on a hit, `tail` is read under a stamp made of the head's stamp, the tail scope's generation
   * and the generation of every scope the head entry was written as depending on. So a tail entry
   * is retired by an invalidation of its own scope, of the head's, or of any of those. `tail` is
   * absent when the head missed.
   */
  abstract readChained(head: CacheAddress, tail: CacheAddress): Promise<ChainedRead>;
  /** Must complete before a write is acknowledged, so the next read on any replica misses. */
  abstract invalidate(scope: string): Promise<void>;
}
