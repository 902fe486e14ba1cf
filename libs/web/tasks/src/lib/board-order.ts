import type { Task } from '@taskflow/shared-contracts';

/** A task as the API sends it once board order (v2) has landed; older servers leave `position` out. */
export type PositionedTask = Task & { position?: number };

export const POSITION_STEP = 1024;

/** The feature check: the server orders by `position` only if its tasks carry one. */
export function hasPosition(task: Task): task is Task & { position: number } {
  return typeof (task as PositionedTask).position === 'number';
}

/** A number that sorts between two neighbours' positions (either may be missing at the ends). */
export function positionBetween(before: number | undefined, after: number | undefined): number {
  if (before !== undefined && after !== undefined) return (before + after) / 2;
  if (before !== undefined) return before + POSITION_STEP;
  if (after !== undefined) return after - POSITION_STEP;
  return POSITION_STEP;
}
