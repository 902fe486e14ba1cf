import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { redactQueryTokens } from './root-logger';

/**
 * One line per finished request, with its id. Written from a hook on the root logger rather than
 * through a per-request child logger: building a child for every request cost a quarter of the
 * API's CPU under load, and nothing else in a request logs except errors, which carry the id.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    if (logger.isLevelEnabled(level) && !request.url.startsWith('/api/health')) {
      logger[level](
        {
          requestId: request.id,
          req: { method: request.method, url: redactQueryTokens(request.url) },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}
