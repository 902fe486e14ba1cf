import type { FastifyInstance } from 'fastify';
import { parse as parseForm } from 'fast-querystring';
import { INPUT_LIMITS } from './input-limits';

/**
 * A body the parsers did not parse because its raw text already shows it is far over the limits.
 * The global input check turns it into a 400 (or an OAuth `invalid_request`) once the caller is
 * known; nothing else ever reads it.
 */
export class RefusedBody {
  constructor(readonly message: string) {}
}

/** Far enough over the limits that no exact walk is needed to know; anything closer is left to `inspectInput`, which names the field. */
const MAX_RAW_DEPTH = INPUT_LIMITS.maxDepth * 4;
const MAX_RAW_SEPARATORS = INPUT_LIMITS.maxValues;

/**
 * One pass over raw JSON text, counting nesting and separators outside strings. Parsing a 1 MiB
 * body of 60,000 keys or 500,000 brackets is most of what such a body costs; this scan is a small
 * fraction of that, and refuses those bodies before the parse.
 */
export function prescanJson(text: string): string | undefined {
  let depth = 0;
  let separators = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index += 1;
      else if (code === 0x22) inString = false;
      continue;
    }
    if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > MAX_RAW_DEPTH) return `the input nests more than ${INPUT_LIMITS.maxDepth} levels`;
    } else if (code === 0x7d || code === 0x5d) depth -= 1;
    else if (code === 0x2c && ++separators >= MAX_RAW_SEPARATORS) return `the input holds more than ${INPUT_LIMITS.maxValues} values`;
  }
  return undefined;
}

function prescanForm(text: string): string | undefined {
  let fields = 1;
  for (let index = text.indexOf('&'); index !== -1; index = text.indexOf('&', index + 1)) {
    if (++fields > MAX_RAW_SEPARATORS) return `the input holds more than ${INPUT_LIMITS.maxValues} values`;
  }
  return undefined;
}

/**
 * The JSON and form parsers, in place of Nest's (create the app with `bodyParser: false`): the same
 * parsing (Fastify's JSON parser, fast-querystring for forms), after the raw pre-scan.
 */
export function registerBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  const parseJson = fastify.getDefaultJsonParser('ignore', 'ignore');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const refused = prescanJson(body as string);
    if (refused) return done(null, new RefusedBody(refused));
    return parseJson(request, body as string, done);
  });
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit }, (_request, body, done) => {
    const refused = prescanForm(body as string);
    done(null, refused ? new RefusedBody(refused) : parseForm(body as string));
  });
}
