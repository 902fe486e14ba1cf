import { INPUT_LIMITS } from './input-limits';
import { inspectInput, isStorableText } from './inspect-input';

describe('inspectInput', () => {
  it('passes what every route of the contract takes', () => {
    expect(inspectInput({ title: 'x'.repeat(200), description: 'é😀'.repeat(3000), tags: Array(20).fill('tag'), dueDate: null, position: 1e6 })).toBeUndefined();
    expect(inspectInput(undefined)).toBeUndefined();
    expect(inspectInput('grant_type')).toBeUndefined();
  });

  it.each([
    ['U+0000', 'a\u0000b', false],
    ['a lone high surrogate', 'a\ud800', false],
    ['a lone low surrogate', '\udc00a', false],
    ['a reversed pair', '\udc00\ud800', false],
    ['a proper pair', '\ud83d\ude00', true],
    ['U+FFFF and U+10FFFF', '\uffff\u{10ffff}', true],
  ])('decides %s once: storable is %s', (_name, text, storable) => {
    expect(isStorableText(text)).toBe(storable);
    expect(inspectInput({ a: [text] })?.field).toBe(storable ? undefined : 'a.0');
  });

  it('names the path of the first offending value, property names included', () => {
    expect(inspectInput({ a: { b: ['ok', 'x\u0000'] } })).toEqual({ field: 'a.b.1', message: expect.stringContaining('U+0000') });
    expect(inspectInput({ ['k\u0000']: 1 })?.field).toBe('k\uFFFD');
    expect(inspectInput({ ['k'.repeat(1000)]: 1 })?.field.length).toBeLessThanOrEqual(2 * INPUT_LIMITS.maxKeyLength + 1);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '__lookupGetter__', 'prototype'])('refuses a property named %s', (name) => {
    const input = JSON.parse(`{"x":{"${name}":1}}`) as unknown;
    expect(inspectInput(input)).toEqual({ field: `x.${name}`, message: `property ${name} should not exist` });
  });

  it('refuses each limit just over it and passes it at it', () => {
    const nest = (levels: number): unknown => (levels === 1 ? 'leaf' : [nest(levels - 1)]);
    expect(inspectInput(nest(INPUT_LIMITS.maxDepth + 1))).toBeUndefined(); // the leaf string is no level
    expect(inspectInput(nest(INPUT_LIMITS.maxDepth + 2))?.message).toContain('nests more than');
    const keys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));
    expect(inspectInput(keys(INPUT_LIMITS.maxKeysPerObject))).toBeUndefined();
    expect(inspectInput(keys(INPUT_LIMITS.maxKeysPerObject + 1))?.message).toContain('properties');
    expect(inspectInput(Array(INPUT_LIMITS.maxArrayLength).fill(0))).toBeUndefined();
    expect(inspectInput(Array(INPUT_LIMITS.maxArrayLength + 1).fill(0))?.message).toContain('elements');
    expect(inspectInput('x'.repeat(INPUT_LIMITS.maxStringLength))).toBeUndefined();
    expect(inspectInput('x'.repeat(INPUT_LIMITS.maxStringLength + 1))?.message).toContain('characters');
    const many = Array.from({ length: 10 }, () => Array(INPUT_LIMITS.maxArrayLength).fill(0));
    expect(inspectInput(many)?.message).toContain(`more than ${INPUT_LIMITS.maxValues} values`);
  });

  it('stops at the first violation, so its cost does not grow with what follows', () => {
    const huge = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    const started = performance.now();
    expect(inspectInput(huge)).toBeDefined();
    // Object.keys is the only work proportional to the size; the walk itself ends at once.
    expect(performance.now() - started).toBeLessThan(200);
  });
});
