/** The gap between neighbours the server leaves when it numbers a column (see "Board order" in the contract). */
export const POSITION_STEP = 1024;

/** A number that sorts between two neighbours' positions (either may be missing at the ends). */
export function positionBetween(before: number | undefined, after: number | undefined): number {
  if (before !== undefined && after !== undefined) return (before + after) / 2;
  if (before !== undefined) return before + POSITION_STEP;
  if (after !== undefined) return after - POSITION_STEP;
  return POSITION_STEP;
}
