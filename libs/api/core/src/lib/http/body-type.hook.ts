import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UTF_8 = new Set(['utf-8', 'utf8']);

/**
 * Refuses, with 415, a body the API would otherwise misread: a `Content-Encoding` it does not
 * decode (the compressed bytes would be parsed as JSON), a charset other than UTF-8 (the text
 * would be silently mangled), or a type the route does not take. Nest registers the form parser
 * for every route, so without this a form body would reach JSON handlers; the OAuth routes opt
 * out. The error goes through Fastify's error handler, i.e. the one `ProblemDetailsFilter`.
 */
export function refuseUnreadableBodies(fastify: FastifyInstance, formRoutes: string[]): void {
  const formPaths = new Set(formRoutes);
  fastify.addHook('onRequest', async (request) => {
    if (!METHODS_WITH_BODY.has(request.method) || !hasBody(request)) return;
    const path = request.url.split('?')[0] ?? '';
    const takesForms = formPaths.has(path);
    const encoding = (request.headers['content-encoding'] ?? '').trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity') {
      throw new UnsupportedMediaTypeException(`Content-Encoding "${encoding.slice(0, 40)}" is not supported; send the body uncompressed.`);
    }
    const [mediaType = '', ...parameters] = (request.headers['content-type'] ?? '').split(';');
    const type = mediaType.trim().toLowerCase();
    const isJson = type === 'application/json' || type.endsWith('+json');
    const isForm = takesForms && type === 'application/x-www-form-urlencoded';
    if (!isJson && !isForm) {
      throw new UnsupportedMediaTypeException(
        takesForms ? 'This route takes application/x-www-form-urlencoded or application/json.' : 'This route takes application/json.',
      );
    }
    const charset = charsetOf(parameters);
    if (charset !== undefined && !UTF_8.has(charset)) {
      throw new UnsupportedMediaTypeException(`The body must be UTF-8; charset "${charset.slice(0, 40)}" is not supported.`);
    }
  });
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

function charsetOf(parameters: string[]): string | undefined {
  for (const parameter of parameters) {
    const [name, ...value] = parameter.split('=');
    if (name?.trim().toLowerCase() === 'charset') return value.join('=').trim().replace(/^"(.*)"$/, '$1').toLowerCase();
  }
  return undefined;
}
