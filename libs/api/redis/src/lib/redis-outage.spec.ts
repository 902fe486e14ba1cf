import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { REDIS_TIMEOUT_MS, redisRateLimitCounter } from './rate-limit-counter';
import { RateLimiter } from './rate-limiter';
import { connectRedis, type RedisClient } from './redis-client.provider';
import { RedisVersionedCache } from './redis-versioned.cache';

/** A private redis-server on a spare port, so the test can kill it and bring it back. */
function hasRedisServer(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A free port below the ephemeral range: a client reconnecting to a dead port inside that range
 * can connect to itself (TCP simultaneous open) and mistake its own echo for a server.
 */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const listening = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(() => resolve(true)));
      socket.once('error', () => resolve(false));
    });
    // Listening, and still ours: a redis-server that failed to bind would have exited by now.
    if (listening && (await new Promise((resolve) => setTimeout(resolve, 100)), child.exitCode === null)) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('redis-server did not start');
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(() => resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen in time`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const describeWithRedisServer = hasRedisServer() ? describe : describe.skip;
if (!hasRedisServer()) console.info('Redis outage tests skipped: no redis-server binary on this machine.');

describeWithRedisServer('when Redis stops mid-run and comes back', () => {
  jest.setTimeout(30_000);
  let port: number;
  let server: ChildProcess;
  let client: RedisClient;

  beforeEach(async () => {
    port = await freePort();
    server = await startRedis(port);
    client = connectRedis(`redis://127.0.0.1:${port}`);
    client.on('error', () => undefined);
    await client.connect();
  });
  afterEach(async () => {
    client.destroy();
    await stopRedis(server);
  });

  it('cache reads bypass Redis at once, and an invalidation missed meanwhile retires every old entry', async () => {
    const cache = new RedisVersionedCache(client, 'outage:');
    const first = await cache.read('user', 'list');
    if (first.hit || first.stamp === undefined) throw new Error('expected a stamp');
    await cache.write('user', 'list', first.stamp, 'before the outage', 60);
    expect((await cache.read('user', 'list')).hit).toBe(true);

    await stopRedis(server);
    expect(await portIsClosed(port)).toBe(true);
    const started = Date.now();
    expect(await cache.read('user', 'list')).toEqual({ hit: false, stamp: undefined });
    await cache.invalidate('user'); // a task write during the outage: Redis cannot hear about it
    // Each of the four calls may wait out the Redis timeout before the memory limiter answers; a
    // stall (the driver's own connect timeout, seconds) would be far past this. Exactly 4 × 250 ms
    // was seen (1004 ms) on a loaded CI machine, so the bound is the timeouts plus headroom.
    expect(Date.now() - started).toBeLessThan(4 * REDIS_TIMEOUT_MS + 750);

    // Redis returns with its data (here: restarted empty, then the old entry put back as if it had survived).
    server = await startRedis(port);
    await until(() => client.isReady, 'reconnect');
    const planter = connectRedis(`redis://127.0.0.1:${port}`);
    await planter.connect();
    await planter.set(`outage:cache:entry:user:${first.stamp}:list`, JSON.stringify('before the outage'));
    planter.destroy();
    const after = await cache.read('user', 'list');
    expect(after.hit).toBe(false);
  });

  it('rate limits keep counting in memory while Redis is down, without failing open or stalling', async () => {
    const limiter = new RateLimiter(redisRateLimitCounter(client, 'outage:'));
    expect((await limiter.record('login:ada', 60)).count).toBe(1);
    await stopRedis(server);
    expect(await portIsClosed(port)).toBe(true);
    // Not failing open: the second and third attempts are still counted, each within the timeout.
    const started = Date.now();
    expect((await limiter.record('login:ada', 60)).count).toBe(1);
    expect((await limiter.record('login:ada', 60)).count).toBe(2);
    expect((await limiter.peek('login:ada')).count).toBe(2);
    await expect(limiter.consume({ key: 'login:ada', limit: 2, windowSeconds: 60 })).rejects.toMatchObject({ code: 'rate_limited' });
    // Each of the four calls may wait out the Redis timeout before the memory limiter answers; a
    // stall (the driver's own connect timeout, seconds) would be far past this. Exactly 4 × 250 ms
    // was seen (1004 ms) on a loaded CI machine, so the bound is the timeouts plus headroom.
    expect(Date.now() - started).toBeLessThan(4 * REDIS_TIMEOUT_MS + 750);
    // node-redis may replay or lose commands that were written into the dead socket once it
    // reconnects, so the exact count after the restart varies; counting must go on and never throw.
    server = await startRedis(port);
    await until(() => client.isReady, 'reconnect');
    expect((await limiter.record('login:ada', 60)).count).toBeGreaterThanOrEqual(1);
  });
});
