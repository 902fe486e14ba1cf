import fc from 'fast-check';
import type { Schema } from './openapi-operations';

/**
 * Generators of JSON *text* (not values), so that keys such as `__proto__` end up in the body as
 * own properties, exactly as an attacker would send them, and numbers such as 1e999 survive.
 */
export type JsonText = string;

export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupSetter__'];

/** Strings PostgreSQL cannot store or that have broken things elsewhere. */
const nastyString = fc.oneof(
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udc00', '\udc00\ud800', '\ufeff', '\u202e', '%00', '\\u0000', "' OR 1=1 --", '../../etc/passwd', '${7*7}', '<script>', ' ', ''),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 10 }).map((s) => `${s}\u0000${s}`),
  fc.string({ maxLength: 10 }).map((s) => `${s}\ud83d`),
  fc.integer({ min: 1, max: 30_000 }).map((n) => 'x'.repeat(n)),
);

const hugeNumber = fc.constantFrom('1e308', '1e999', '-1e999', '123456789012345678901234567890', '-0', '0.1e-400', '9007199254740993', '1.5', '-1');

const deepNesting = fc.integer({ min: 5, max: 5_000 }).chain((depth) => fc.constantFrom(`${'['.repeat(depth)}${']'.repeat(depth)}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

const hugeArray = fc.integer({ min: 100, max: 3_000 }).map((length) => `[${Array(length).fill('"a"').join(',')}]`);

const hostileKey = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), nastyString.filter((s) => s.length < 300), fc.constant('k'.repeat(200)));

const objectWithKeys = fc.array(fc.tuple(hostileKey, fc.constantFrom('1', '"x"', 'null', '{}')), { minLength: 1, maxLength: 80 }).map(toObject);

/** A value of the wrong kind, or one built to hurt. */
export const hostileValue: fc.Arbitrary<JsonText> = fc.oneof(
  nastyString.map(json),
  hugeNumber,
  deepNesting,
  hugeArray,
  objectWithKeys,
  fc.constantFrom('null', 'true', 'false', '{}', '[]', '0', '""', '[null]', '{"":""}'),
);

export function json(value: unknown): JsonText {
  return JSON.stringify(value);
}

/** Builds `{...}` from entries in order, duplicates and `__proto__` included. */
export function toObject(entries: [string, JsonText][]): JsonText {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
}

/** A value the schema allows (as far as the document says: patterns are honoured when they compile). */
export function validValue(schema: Schema, depth = 0): fc.Arbitrary<JsonText> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum).map(json);
  if (depth > 4) return fc.constant('null');
  switch (schema.type) {
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 }).map(json);
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true }).map(json);
    case 'boolean':
      return fc.boolean().map(json);
    case 'array':
      return fc.array(validValue(schema.items ?? {}, depth + 1), { maxLength: Math.min(schema.maxItems ?? 5, 5) }).map((items) => `[${items.join(',')}]`);
    case 'object':
      return validObject(schema, depth);
    default:
      return validString(schema).map(json);
  }
}

function validString(schema: Schema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 60);
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2099-12-31') }).map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress().filter((email) => email.length <= maxLength || schema.maxLength === undefined);
  }
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= maxLength);
    } catch {
      // A pattern JavaScript cannot compile: fall through to plain strings.
    }
  }
  return fc.string({ minLength, maxLength: Math.max(minLength, maxLength) });
}

export function validObject(schema: Schema, depth = 0): fc.Arbitrary<JsonText> {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) return fc.constant('{}');
  const required = new Set(schema.required ?? []);
  return fc
    .tuple(...properties.map(([name, property]) => fc.tuple(fc.constant(name), required.has(name) ? validValue(property, depth + 1) : fc.option(validValue(property, depth + 1), { nil: undefined, freq: 2 }))))
    .map((entries) => toObject(entries.filter((entry): entry is [string, string] => entry[1] !== undefined)));
}

/** A valid object with one thing wrong: a property replaced, an unknown one added, a required one left out. */
export function nearValidObject(schema: Schema): fc.Arbitrary<JsonText> {
  const names = Object.keys(schema.properties ?? {});
  const base = fc.tuple(...names.map((name) => validValue(schema.properties?.[name] ?? {}).map((value) => [name, value] as [string, string])));
  const entriesOf = names.length > 0 ? base : fc.constant([] as [string, string][]);
  return fc.oneof(
    entriesOf.chain((entries) =>
      entries.length === 0
        ? hostileValue.map((value) => toObject([['x', value]]))
        : fc.tuple(fc.nat(entries.length - 1), hostileValue).map(([index, value]) => toObject(entries.map((entry, i) => (i === index ? [entry[0], value] : entry)))),
    ),
    fc.tuple(entriesOf, hostileKey, hostileValue).map(([entries, key, value]) => toObject([...entries, [key, value]])),
    fc.tuple(entriesOf, fc.nat()).map(([entries, drop]) => toObject(entries.filter((_, i) => entries.length === 0 || i !== drop % entries.length))),
  );
}

/** A string for a query value, a form field or a path segment: valid, or hostile. */
export function textValue(schema: Schema): fc.Arbitrary<string> {
  const valid = schema.enum ? fc.constantFrom(...schema.enum.map(String)) : schema.type === 'integer' || schema.type === 'number' ? fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 200 }).map(String) : validString(schema);
  return fc.oneof({ arbitrary: valid, weight: 2 }, { arbitrary: nastyString, weight: 3 }, { arbitrary: hugeNumber, weight: 1 });
}

/** Percent-encodes like a browser, except that lone surrogates and raw escapes go out as the bytes an attacker would send. */
export function percentEncode(text: string): string {
  let out = '';
  for (const char of text) {
    try {
      out += encodeURIComponent(char);
    } catch {
      out += char.charCodeAt(0) < 0xdc00 ? '%ED%A0%80' : '%ED%B0%80';
    }
  }
  return out;
}

export const rawEscape = fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%C0%80', '%FF', '%ED%A0%80');
