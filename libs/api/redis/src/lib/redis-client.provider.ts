import { Logger, type Provider } from '@nestjs/common';
import { createClient } from '@redis/client';
import { redisConfig, type RedisConfig } from '@taskflow/api-config';
import { backoffMs } from '@taskflow/api-core';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
export type RedisClient = ReturnType<typeof connectRedis>;

export function connectRedis(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 1_000,
      reconnectStrategy: (retries: number) => backoffMs(retries + 1, { firstMs: 100, maxMs: 2_000, jitter: 'none' }),
    },
  });
}

const logger = new Logger('Redis');
const FIRST_CONNECT_WAIT_MS = 2_000;

/**
 * The shared Redis connection, or null without REDIS_URL. Commands fail at once while the
 * connection is down (no offline queue) so callers can fall back instead of waiting; the
 * client keeps reconnecting by itself.
 */
export const redisClientProvider: Provider = {
  provide: REDIS_CLIENT,
  inject: [redisConfig.KEY],
  useFactory: async (config: RedisConfig): Promise<RedisClient | null> => {
    if (!config.url) {
      logger.log('REDIS_URL is not set: rate limits, cache and shared state live in this process. Set REDIS_URL=redis://… to share them across API processes.');
      return null;
    }
    const client = connectRedis(config.url);
    let reported = false;
    client.on('error', (error: Error) => {
      if (!reported) logger.warn(`Redis unavailable (${error.message}); falling back to in-process state until it returns.`);
      reported = true;
    });
    client.on('ready', () => {
      if (reported) logger.log('Redis is back.');
      reported = false;
    });
    const connected = client.connect().then(
      () => true,
      () => false,
    );
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), FIRST_CONNECT_WAIT_MS).unref());
    if (!(await Promise.race([connected, timeout]))) {
      logger.warn(`Redis at ${redactUrl(config.url)} did not answer at startup; continuing without it and retrying in the background.`);
    }
    return client;
  },
};

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
