import type { FastifyInstance } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '@taskflow/shared-contracts';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * JSON routes answer 415 to any other body type. Nest registers the form parser for every
 * route, so without this a form body would reach JSON handlers; the OAuth routes opt out.
 */
export function rejectNonJsonBodies(fastify: FastifyInstance, formRoutes: string[]): void {
  const formPaths = new Set(formRoutes);
  fastify.addHook('onRequest', async (request, reply) => {
    if (!METHODS_WITH_BODY.has(request.method)) return;
    const hasBody = request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0';
    if (!hasBody && request.headers['transfer-encoding'] === undefined) return;
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type === 'application/json' || type.endsWith('+json')) return;
    const path = request.url.split('?')[0] ?? '';
    if (formPaths.has(path) && type === 'application/x-www-form-urlencoded') return;
    await reply
      .status(415)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send({
        type: 'https://taskflow.dev/problems/415',
        title: 'Unsupported Media Type',
        status: 415,
        detail: formPaths.has(path)
          ? 'This route takes application/x-www-form-urlencoded or application/json.'
          : 'This route takes application/json.',
        instance: path,
      });
  });
}
