import { INPUT_LIMITS } from './input-limits';

export interface InputViolation {
  /** Dotted path of the offending value, e.g. `body.tags.3` without the `body.` prefix. */
  field: string;
  message: string;
}

/** Names that would reach an Object.prototype member through a plain object, so no DTO may own one. */
const PROTOTYPE_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype']);

/** U+0000, or a UTF-16 surrogate without its partner: text a PostgreSQL `text` or `jsonb` value cannot hold. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for.
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const UNSTORABLE_TEXT_ALL = new RegExp(UNSTORABLE_TEXT.source, 'g');

export function isStorableText(text: string): boolean {
  return !UNSTORABLE_TEXT.test(text);
}

/** A field name safe to echo in an error: unstorable characters become U+FFFD, long names are cut. */
function printable(path: string): string {
  const cut = path.length > 2 * INPUT_LIMITS.maxKeyLength ? `${path.slice(0, 2 * INPUT_LIMITS.maxKeyLength)}…` : path;
  return cut.replace(UNSTORABLE_TEXT_ALL, '\uFFFD');
}

/**
 * Walks a parsed input once, depth-first, and returns the first rule it breaks. Each value is
 * visited at most once and the walk stops at the first violation, so its cost is linear in the
 * input's size and bounded by `maxValues` whatever the input is.
 */
export function inspectInput(input: unknown, limits = INPUT_LIMITS): InputViolation | undefined {
  let values = 0;
  const violation = (path: string, message: string): InputViolation => ({ field: printable(path), message });

  const visit = (value: unknown, path: string, depth: number): InputViolation | undefined => {
    values += 1;
    if (values > limits.maxValues) return violation(path, `the input holds more than ${limits.maxValues} values`);
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength) return violation(path, `${path || 'value'} must be at most ${limits.maxStringLength} characters`);
      if (!isStorableText(value)) return violation(path, `${path || 'value'} must not contain U+0000 or unpaired surrogates`);
      return undefined;
    }
    if (typeof value !== 'object' || value === null) return undefined;
    if (depth > limits.maxDepth) return violation(path, `${path || 'value'} nests more than ${limits.maxDepth} levels`);
    const child = (key: string) => (path ? `${path}.${key}` : key);
    if (Array.isArray(value)) {
      if (value.length > limits.maxArrayLength) return violation(path, `${path || 'value'} must have at most ${limits.maxArrayLength} elements`);
      for (let index = 0; index < value.length; index += 1) {
        const found = visit(value[index], child(String(index)), depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    const keys = Object.keys(value);
    if (keys.length > limits.maxKeysPerObject) return violation(path, `${path || 'the input'} must have at most ${limits.maxKeysPerObject} properties`);
    for (const key of keys) {
      if (key.length > limits.maxKeyLength) return violation(child(key), `property names must be at most ${limits.maxKeyLength} characters`);
      if (!isStorableText(key)) return violation(child(key), 'property names must not contain U+0000 or unpaired surrogates');
      if (PROTOTYPE_NAMES.has(key)) return violation(child(key), `property ${key} should not exist`);
      const found = visit((value as Record<string, unknown>)[key], child(key), depth + 1);
      if (found) return found;
    }
    return undefined;
  };

  return visit(input, '', 1);
}
