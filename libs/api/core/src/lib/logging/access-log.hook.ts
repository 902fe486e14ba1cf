import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { redactQueryTokens } from './root-logger';

/**
 * One line per finished request, with its id. Written from a hook on the root logger rather than
 * through a per-request child logger: building a child for every request cost a quarter of the
 * API's CPU under load, and nothing else in a request logs except errors, which carry the id.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    logRequest(logger, request, reply.statusCode, reply.elapsedTime);
    done();
  });
}

/** The access-log line; also written for the errors Fastify answers before any hook runs. */
export function logRequest(logger: Logger, request: FastifyRequest, statusCode: number, elapsedMs: number): void {
  const level = statusCode >= 500 ? 'error' : 'info';
  if (logger.isLevelEnabled(level) && !request.url.startsWith('/api/health')) {
    logger[level](
      {
        requestId: request.id,
        req: { method: request.method, url: redactQueryTokens(request.url) },
        res: { statusCode },
        responseTime: Math.round(elapsedMs),
      },
      'request completed',
    );
  }
}
