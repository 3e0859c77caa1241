// The change of a value since the stakeholder's previous approved value of the same indicator,
// and when it is unusual (docs/evaluations.md, "Change since the last period"):
//   - relative: beyond ±50 % of the previous value (not applied when the previous value is 0,
//     where no percentage exists), or
//   - spread: its size above the indicator's usual spread, the 90th percentile of the sizes of
//     period-over-period changes among the county's stakeholders, when at least SPREAD_MIN_N of
//     them had a change to measure (fewer is no spread at all).
// The same function runs in the form while typing and on the server's figures.

export const RELATIVE_LIMIT = 0.5;
export const SPREAD_QUANTILE = 0.9;
export const SPREAD_MIN_N = 10;
const EPS = 1e-9;

export type ValueChange = {
  delta: number;
  /** delta / |previous|; null when the previous value is 0. */
  relative: number | null;
  unusual: boolean;
  reasons: ('relative' | 'spread')[];
};

export function valueChange(previous: number | null | undefined, current: number | null | undefined, spread: number | null | undefined): ValueChange | null {
  if (previous === null || previous === undefined || current === null || current === undefined) return null;
  if (!Number.isFinite(previous) || !Number.isFinite(current)) return null;
  const delta = current - previous;
  const relative = previous === 0 ? null : delta / Math.abs(previous);
  const reasons: ValueChange['reasons'] = [];
  if (relative !== null && Math.abs(relative) > RELATIVE_LIMIT + EPS) reasons.push('relative');
  if (spread !== null && spread !== undefined && Math.abs(delta) > spread + EPS * Math.max(1, Math.abs(spread))) reasons.push('spread');
  return { delta, relative, unusual: reasons.length > 0, reasons };
}

/**
 * The usual spread from the sizes of changes: the nearest-rank 90th percentile (the ⌈0.9·n⌉-th
 * smallest), or null below SPREAD_MIN_N changes. The SQL in server/queries/value-history.ts picks
 * the same row; this is its reference.
 */
export function usualSpread(sizes: readonly number[]): number | null {
  if (sizes.length < SPREAD_MIN_N) return null;
  const sorted = sizes.map(Math.abs).sort((a, b) => a - b);
  // ⌈0.9·n⌉ in integers: 0.9 has no exact binary form.
  return sorted[Math.ceil((9 * sorted.length) / 10) - 1]!;
}
