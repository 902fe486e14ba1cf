import { positionBetween } from './board-order';

describe('board order', () => {
  it('places a card between, before, after or alone', () => {
    expect(positionBetween(1024, 2048)).toBe(1536);
    expect(positionBetween(2048, undefined)).toBe(3072);
    expect(positionBetween(undefined, 1024)).toBe(0);
    expect(positionBetween(undefined, undefined)).toBe(1024);
  });

});
