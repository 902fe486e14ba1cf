import type { Task } from '@taskflow/shared-contracts';
import { hasPosition, positionBetween } from './board-order';

describe('board order', () => {
  it('places a card between, before, after or alone', () => {
    expect(positionBetween(1024, 2048)).toBe(1536);
    expect(positionBetween(2048, undefined)).toBe(3072);
    expect(positionBetween(undefined, 1024)).toBe(0);
    expect(positionBetween(undefined, undefined)).toBe(1024);
  });

  it('sees position only when the task JSON has one', () => {
    const task = { id: 't1', title: 'a' } as Task;
    expect(hasPosition(task)).toBe(false);
    expect(hasPosition({ ...task, position: 0 } as Task)).toBe(true);
  });
});
