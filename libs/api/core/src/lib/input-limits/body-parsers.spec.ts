import { INPUT_LIMITS } from './input-limits';
import { prescanJson } from './body-parsers';

describe('prescanJson', () => {
  it('passes ordinary bodies, brackets and commas inside strings included', () => {
    expect(prescanJson('{"title":"a, [b] {c}","tags":["x","y"]}')).toBeUndefined();
    expect(prescanJson(`{"description":"${'[,'.repeat(50_000)}"}`)).toBeUndefined();
    expect(prescanJson('{"a":"\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}')).toBeUndefined();
  });

  it('leaves anything near the limits to the exact walk, which names the field', () => {
    expect(prescanJson(`${'['.repeat(INPUT_LIMITS.maxDepth + 1)}${']'.repeat(INPUT_LIMITS.maxDepth + 1)}`)).toBeUndefined();
  });

  it('refuses bodies far over the limits without parsing them', () => {
    expect(prescanJson('['.repeat(500_000))).toContain('nests more than');
    expect(prescanJson(`{${Array.from({ length: 60_000 }, (_, i) => `"k${i}":0`).join(',')}}`)).toContain('more than');
    expect(prescanJson(`[${Array(INPUT_LIMITS.maxValues + 1).fill('0').join(',')}]`)).toContain(`${INPUT_LIMITS.maxValues} values`);
  });
});
