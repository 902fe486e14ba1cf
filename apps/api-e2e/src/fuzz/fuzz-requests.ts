import fc from 'fast-check';
import type { Operation } from './openapi-operations';
import { hostileValue, json, nearValidObject, PROTOTYPE_NAMES, percentEncode, rawEscape, textValue, validObject, type JsonText } from './hostile-values';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** What the generator meant, for the failure report. */
  kind: string;
}

export interface FuzzContext {
  accessToken: string;
  /** Ids of the caller's own resources, so that some requests reach real rows. */
  knownIds: string[];
}

const authorization = (context: FuzzContext) =>
  fc.oneof(
    { arbitrary: fc.constant(`Bearer ${context.accessToken}`), weight: 8 },
    { arbitrary: fc.constantFrom('', 'Bearer', `Bearer ${context.accessToken} x`, `Basic ${context.accessToken}`, 'Bearer a.b.c', `Bearer ${context.accessToken}, Bearer ${context.accessToken}`), weight: 1 },
  );

function pathSegment(context: FuzzContext): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...(context.knownIds.length > 0 ? context.knownIds : ['00000000-0000-4000-8000-000000000000'])), weight: 3 },
    { arbitrary: fc.uuid(), weight: 2 },
    { arbitrary: textValue({}).map(percentEncode).filter((s) => s.length > 0 && s.length < 2000), weight: 2 },
    { arbitrary: rawEscape, weight: 1 },
  );
}

function queryString(operation: Operation): fc.Arbitrary<string> {
  const known = operation.queryParams.map((param) =>
    fc.option(textValue(param.schema).map((value) => `${percentEncode(param.name)}=${percentEncode(value)}`), { freq: 2, nil: undefined }),
  );
  const extra = fc.array(
    fc.oneof(
      fc.constantFrom(...PROTOTYPE_NAMES).map((name) => `${name}=1`),
      fc.tuple(textValue({}), textValue({})).map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`),
      rawEscape.map((escape) => `q=${escape}`),
      fc.constant(operation.queryParams[0] ? `${operation.queryParams[0].name}=a&${operation.queryParams[0].name}=b` : 'a=1&a=2'),
    ),
    { maxLength: 3 },
  );
  return fc.tuple(fc.tuple(...known), fc.oneof({ arbitrary: fc.constant([] as string[]), weight: 2 }, { arbitrary: extra, weight: 1 })).map(([own, more]) => {
    const parts = [...own.filter((part): part is string => part !== undefined), ...more];
    return parts.length > 0 ? `?${parts.join('&')}` : '';
  });
}

function jsonBody(operation: Operation): fc.Arbitrary<{ text: JsonText; kind: string }> {
  const schema = operation.body ?? {};
  return fc.oneof(
    { arbitrary: validObject(schema).map((text) => ({ text, kind: 'valid' })), weight: 2 },
    { arbitrary: nearValidObject(schema).map((text) => ({ text, kind: 'near-valid' })), weight: 5 },
    { arbitrary: hostileValue.map((text) => ({ text, kind: 'hostile' })), weight: 2 },
  );
}

/** The same fields as a form: JSON strings become their text, anything else its JSON. */
function asForm(text: JsonText): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  // Keys are read back from the text's own order with a reviver, so __proto__ survives as a field name.
  const entries: [string, unknown][] = [];
  try {
    JSON.parse(text, function (this: unknown, key, value) {
      if (this === undefined || key === '') return value;
      if (typeof value !== 'object' || value === null) entries.push([key, value]);
      return value;
    });
  } catch {
    // Nested too deep for a reviver: such a body is sent as it is, under the form's content type.
    return undefined;
  }
  return entries.map(([key, value]) => `${percentEncode(key)}=${percentEncode(typeof value === 'string' ? value : json(value))}`).join('&');
}

/** Every request the fuzzer may send to one operation. */
export function requestsFor(operation: Operation, context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const pathArb = fc.tuple(...operation.pathParams.map(() => pathSegment(context))).map((segments) => {
    let index = 0;
    return operation.path.replace(/\{[^}]+\}/g, () => segments[index++] ?? 'x');
  });
  const withBody = operation.body !== undefined || ['POST', 'PATCH', 'PUT'].includes(operation.method);
  const bodyArb = withBody
    ? fc.tuple(jsonBody(operation), fc.constantFrom(...operation.contentTypes), fc.constantFrom('', '', '', '; charset=utf-8', '; charset=latin1')).map(([body, type, charset]) => {
        const isForm = type.includes('x-www-form-urlencoded');
        const form = isForm ? asForm(body.text) : undefined;
        return { text: isForm ? (form ?? body.text) : body.text, type: `${type}${charset}`, kind: `${body.kind} ${isForm ? 'form' : 'json'}${charset}` };
      })
    : fc.constant(undefined);
  return fc.tuple(pathArb, queryString(operation), bodyArb, authorization(context)).map(([path, query, body, auth]) => ({
    method: operation.method,
    path: `${path}${query}`,
    headers: { ...(auth ? { authorization: auth } : {}), ...(body ? { 'content-type': body.type } : {}) },
    body: body?.text,
    kind: body?.kind ?? 'no body',
  }));
}
