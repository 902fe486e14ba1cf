import { DomainError } from '../errors/domain-error';
import { parseIfMatch } from './if-match';

describe('parseIfMatch', () => {
  it.each([
    [undefined, undefined],
    ['*', undefined],
    ['W/"3"', [3]],
    ['"3"', [3]],
    [' W/"1" , "12" ', [1, 12]],
  ])('reads %j as %j', (header, versions) => {
    expect(parseIfMatch(header)).toEqual(versions);
  });

  it.each(['', 'W/3', '3', 'W/"three"', '"1",', 'W/"1" W/"2"'])('refuses the malformed %j with a domain error', (header) => {
    expect(() => parseIfMatch(header)).toThrow(DomainError);
  });
});
