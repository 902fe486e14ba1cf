import type { FastifyInstance } from 'fastify';

/**
 * Once the server is closing, every response still to be sent says `Connection: close`. Closing
 * waits for every open connection, and a keep-alive client whose request was in flight at SIGTERM
 * would hold its idle socket open for Fastify's keepAliveTimeout (72 s) after its answer: long past
 * a container's stop timeout (10 s), so the process was killed instead of exiting 0. Connections
 * already idle are closed by Fastify itself when closing starts.
 */
export function closeConnectionsOnShutdown(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
