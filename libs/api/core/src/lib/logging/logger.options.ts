import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify's genReqId: takes the caller's X-Request-Id when it is sane, otherwise makes one, and
 * pins it on the raw request so the pino-http logger and Fastify's `request.id` agree.
 */
export function assignRequestId(request: IncomingMessage & { id?: unknown }): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  request.id = id;
  return id;
}

/** Structured JSON logs; every line of a request carries its id; credentials never reach the log. */
export function loggerOptions(level: string): Params {
  return {
    pinoHttp: {
      level,
      genReqId: (request: IncomingMessage & { id?: unknown }, response: ServerResponse) => {
        const id = typeof request.id === 'string' ? request.id : assignRequestId(request);
        response.setHeader('x-request-id', id);
        return id;
      },
      customProps: (request: IncomingMessage & { id?: unknown }) => ({ requestId: request.id }),
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.body.password',
          'req.body.refresh_token',
          'req.body.token',
          'res.headers["set-cookie"]',
          '*.password',
          '*.access_token',
          '*.refresh_token',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactQueryTokens(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (request: IncomingMessage) => request.url?.startsWith('/api/health') ?? false },
    },
  };
}

function redactQueryTokens(url: string): string {
  return url.replace(/([?&](?:token|refresh_token|access_token|password)=)[^&]*/gi, '$1[redacted]');
}
