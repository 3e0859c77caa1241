// The weakest goal of a scorecard and how far it trails the others, so the coordination text can
// name it: the coupling degree C is forgiving (goals at 48, 83 and 77 of 100 still give C ≈ 0.97),
// so a high coordination class alone would suggest a balance that isn't there.
//
//   weakest    = the goal with the lowest score (the first in the KPI set's order on a tie)
//   othersMean = the plain mean of the other goals' scores
//   gap        = othersMean − weakest
//   lagging    = gap ≥ LAGGING_SHARE × scale (15 points on a 0–100 scale)
// Raising a goal below the mean of all goals raises both C (the scores grow more even) and T (the
// weighted level), so a lagging goal is where coordination gains most.
import { atLeast } from './tolerance';

/** The gap, as a share of the scale, from which the weakest goal is said to lag behind. */
export const LAGGING_SHARE = 0.15;

export interface GoalScore {
  code: string;
  score: number | null;
}

export interface WeakestGoal {
  code: string;
  score: number;
  othersMean: number;
  gap: number;
  lagging: boolean;
}

/** Null when fewer than two goals have a score (nothing to compare with). */
export function weakestGoal(goals: readonly GoalScore[], scale: number): WeakestGoal | null {
  if (!(scale > 0)) throw new RangeError(`scale must be a positive number, got ${scale}`);
  const scored = goals.filter((g): g is { code: string; score: number } => g.score !== null && Number.isFinite(g.score));
  if (scored.length < 2) return null;
  let weakest = scored[0]!;
  for (const g of scored) if (g.score < weakest.score) weakest = g;
  const others = scored.filter((g) => g !== weakest);
  const othersMean = others.reduce((sum, g) => sum + g.score, 0) / others.length;
  const gap = othersMean - weakest.score;
  return { code: weakest.code, score: weakest.score, othersMean, gap, lagging: atLeast(gap, LAGGING_SHARE * scale) };
}
