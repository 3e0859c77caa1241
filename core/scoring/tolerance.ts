// One tolerance for every floating-point threshold comparison of the engine (grade bands,
// coupling classes, minimum completeness, the AHP consistency limit, ties between scores).
// Scores go through logs, exponentials and weighted sums, so a value meant to sit exactly on a
// threshold (80, 0.3) may arrive as 79.99999999999999; it must land on the threshold's side.
// 1e-9 is far above double rounding noise (~1e-13 on a 0–100 scale) and far below any
// difference a person would mean.
export const TOLERANCE = 1e-9;

/** `value ≥ threshold`, allowing for rounding noise relative to the threshold's magnitude. */
export function atLeast(value: number, threshold: number): boolean {
  return value >= threshold - TOLERANCE * Math.max(1, Math.abs(threshold));
}

/** Whether two scores are equal up to rounding noise (used for ties in ranks). */
export function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}
