import { PROBLEM_CONTENT_TYPE } from '@taskflow/shared-contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';

/** The logger is made once the configuration is read, after Fastify needs these handlers. */
import { problemBody, ProblemDetailsFilter } from '../errors/problem-details.filter';
import { logRequest } from '../logging/access-log.hook';

/**
 * Fastify's `frameworkErrors` option: errors it raises before any route (and so before any hook)
 * exists, such as a malformed URL escape. Without it Fastify writes its own JSON; with it the
 * answer is the filter's, with the request id, the security headers and an access-log line.
 */
export function frameworkErrorHandler(headers: Record<string, string>, logger: () => Logger) {
  const filter = new ProblemDetailsFilter();
  return (error: Error, request: FastifyRequest, reply: FastifyReply): void => {
    const started = process.hrtime.bigint();
    reply.headers(headers).header('x-request-id', request.id);
    reply.raw.once('finish', () =>
      logRequest(logger(), request, reply.statusCode, Number(process.hrtime.bigint() - started) / 1e6),
    );
    filter.respond(error, request, reply);
  };
}

/**
 * Fastify's `clientErrorHandler`: the request could not even be parsed (a malformed request
 * line, an unknown method, headers too large), so there is no request object, only the socket.
 * Answers as the filter would, with a fresh request id, then closes the connection.
 */
export function clientErrorHandler(headers: Record<string, string>, logger: () => Logger) {
  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const requestId = randomUUID();
    const detail = status === 431 ? 'The request headers are too large.' : status === 408 ? 'The request took too long to arrive.' : 'The request is not valid HTTP.';
    const body = JSON.stringify(problemBody({ status, detail }, '/', requestId));
    logger().info({ requestId, res: { statusCode: status }, err: { code: error.code } }, 'request refused');
    if (socket.writable) {
      const lines = Object.entries({ ...headers, 'content-type': PROBLEM_CONTENT_TYPE, 'content-length': String(Buffer.byteLength(body)), 'x-request-id': requestId, connection: 'close' })
        .map(([name, value]) => `${name}: ${value}`)
        .join('\r\n');
      socket.write(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n${lines}\r\n\r\n${body}`);
    }
    socket.destroy(error);
  };
}
