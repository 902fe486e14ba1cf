import { Logger } from '@nestjs/common';
import type { RedisClient } from './redis-client.provider';
import { VersionedCache, type CacheAddress, type CacheRead, type ChainedRead } from './versioned-cache';
import { withTimeout } from '@taskflow/api-core';

const TIMEOUT_MS = 150;

// Epoch, generation and entry in one round trip. The entry's key is derived inside the script,
// which a Redis Cluster would refuse; TaskFlow runs one Redis (or a primary with replicas).
// Entries are stored as `<scopes they depend on, space-separated>\n<value>`.
const READ = `
local stamp = (redis.call('GET', KEYS[1]) or '0') .. '.' .. (redis.call('GET', KEYS[2]) or '0')
return {stamp, redis.call('GET', ARGV[1] .. stamp .. ':' .. ARGV[2])}`;

// The head read as READ does, then, on a hit, the tail under a stamp made of the head's stamp, the
// tail scope's generation and those of the scopes the head entry lists; all in one round trip.
const READ_CHAINED = `
local epoch = redis.call('GET', KEYS[1]) or '0'
local headStamp = epoch .. '.' .. (redis.call('GET', KEYS[2]) or '0')
local head = redis.call('GET', ARGV[1] .. headStamp .. ':' .. ARGV[2])
if not head then return {headStamp} end
local newline = string.find(head, '\\n', 1, true)
if not newline then return {headStamp} end
local stamp = headStamp .. '.' .. (redis.call('GET', KEYS[3]) or '0')
for scope in string.gmatch(string.sub(head, 1, newline - 1), '[^ ]+') do
  stamp = stamp .. '.' .. (redis.call('GET', ARGV[3] .. scope) or '0')
end
return {headStamp, head, stamp, redis.call('GET', ARGV[4] .. stamp .. ':' .. ARGV[5])}`;

/**
 * The cache in Redis, shared by every API process. Stamps are `<epoch>.<generation>`: a write
 * that could not bump its scope's generation (Redis was away) leaves this process distrusting
 * the cache until it has bumped the global epoch, which retires every entry of every scope.
 * While Redis is slow or down, reads and writes go straight to PostgreSQL.
 */
export class RedisVersionedCache extends VersionedCache {
  private readonly logger = new Logger('Cache');
  private epochBumpPending = false;

  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {
    super();
  }

  async read(scope: string, key: string): Promise<CacheRead> {
    if (!(await this.trusted())) return { hit: false, stamp: undefined };
    try {
      const [stamp, raw] = (await withTimeout(
        this.client.eval(READ, { keys: [this.epochKey(), this.generationKey(scope)], arguments: [this.entryPrefix(scope), key] }),
        TIMEOUT_MS,
        'Redis cache read',
      )) as [string, string | null];
      return raw === null ? { hit: false, stamp } : { hit: true, value: valueOf(raw) };
    } catch {
      return { hit: false, stamp: undefined };
    }
  }

  async readChained(head: CacheAddress, tail: CacheAddress): Promise<ChainedRead> {
    const untrusted = { head: { hit: false, stamp: undefined } };
    if (!(await this.trusted())) return untrusted;
    try {
      const [headStamp, headRaw, stamp, tailRaw] = (await withTimeout(
        this.client.eval(READ_CHAINED, {
          keys: [this.epochKey(), this.generationKey(head.scope), this.generationKey(tail.scope)],
          arguments: [this.entryPrefix(head.scope), head.key, this.generationKey(''), this.entryPrefix(tail.scope), tail.key],
        }),
        TIMEOUT_MS,
        'Redis cache read',
      )) as [string, string?, string?, (string | null)?];
      if (headRaw === undefined || headRaw === null) return { head: { hit: false, stamp: headStamp } };
      const tailRead = tailRaw === undefined || tailRaw === null ? { hit: false, stamp } : { hit: true, value: valueOf(tailRaw) };
      return { head: { hit: true, value: valueOf(headRaw) }, tail: tailRead };
    } catch {
      return untrusted;
    }
  }

  async write(scope: string, key: string, stamp: string, value: string, ttlSeconds: number, dependsOn: readonly string[] = []): Promise<void> {
    if (!this.client.isReady) return;
    await withTimeout(
      this.client.set(`${this.entryPrefix(scope)}${stamp}:${key}`, `${dependsOn.join(' ')}\n${value}`, {
        expiration: { type: 'EX', value: ttlSeconds },
      }),
      TIMEOUT_MS,
      'Redis cache write',
    ).catch(() => undefined);
  }

  async invalidate(scope: string): Promise<void> {
    try {
      if (!this.client.isReady) throw new Error('Redis is not connected');
      await withTimeout(this.client.incr(this.generationKey(scope)), TIMEOUT_MS, 'Redis cache invalidation');
    } catch {
      if (!this.epochBumpPending) this.logger.warn('Could not invalidate the cache in Redis; bypassing it until the whole cache is retired.');
      this.epochBumpPending = true;
    }
  }

  /** After a missed invalidation, the cache is used again only once every old entry is retired. */
  private async trusted(): Promise<boolean> {
    if (!this.client.isReady) return false;
    if (!this.epochBumpPending) return true;
    try {
      await withTimeout(this.client.incr(this.epochKey()), TIMEOUT_MS, 'Redis cache retirement');
      this.epochBumpPending = false;
      this.logger.log('Cache retired after a Redis outage; using it again.');
      return true;
    } catch {
      return false;
    }
  }

  private epochKey(): string {
    return `${this.prefix}cache:epoch`;
  }
  private generationKey(scope: string): string {
    return `${this.prefix}cache:gen:${scope}`;
  }
  private entryPrefix(scope: string): string {
    return `${this.prefix}cache:entry:${scope}:`;
  }
}

const valueOf = (raw: string) => raw.slice(raw.indexOf('\n') + 1);
