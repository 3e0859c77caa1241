// Coupling coordination degree of the objective scores.
//
//   Uᵢ = objective score / scale ∈ [0, 1],  i = 1…n
//   C = n · (Π Uᵢ)^(1/n) / Σ Uᵢ   (coupling; 0 when every Uᵢ is 0)
//   T = Σ αᵢ Uᵢ                    (comprehensive development; α = objective weights normalized to 1)
//   D = √(C · T)                   (coupling coordination degree)
// C is n × geometric mean / (n × arithmetic mean), so C ∈ [0, 1], 1 when all Uᵢ are equal; any
// Uᵢ = 0 gives C = 0. D is graded into 10 classes of width 0.1: class k covers [(k−1)/10, k/10),
// D = 1 is class 10; boundaries compare with the engine tolerance (tolerance.ts).
// References: Liao Chongbin (廖重斌), "环境与经济协调发展的定量评判及其分类体系", 热带地理 19(2),
// 1999, 171–177 (the 10-class scale); Wang Shujia et al. (王淑佳 等), "国内耦合协调度模型的误区及
// 修正", 自然资源学报 36(3), 2021, 793–810 (the corrected n-system form of C used here).
import type { BilingualLabel } from './format';
import { TOLERANCE } from './tolerance';

export const COUPLING_CLASS_LABELS: readonly BilingualLabel[] = [
  { en: 'extreme disorder', 'zh-CN': '极度失调' },
  { en: 'serious disorder', 'zh-CN': '严重失调' },
  { en: 'moderate disorder', 'zh-CN': '中度失调' },
  { en: 'mild disorder', 'zh-CN': '轻度失调' },
  { en: 'on the verge of disorder', 'zh-CN': '濒临失调' },
  { en: 'barely coordinated', 'zh-CN': '勉强协调' },
  { en: 'primary coordination', 'zh-CN': '初级协调' },
  { en: 'intermediate coordination', 'zh-CN': '中级协调' },
  { en: 'good coordination', 'zh-CN': '良好协调' },
  { en: 'quality coordination', 'zh-CN': '优质协调' },
];

export interface CouplingResult {
  C: number;
  T: number;
  D: number;
  /** 1…10 */
  class: number;
  label: BilingualLabel;
}

/** Class 1…10 of a coordination degree D ∈ [0, 1]. */
export function couplingClassOf(D: number): number {
  return Math.min(10, Math.max(1, Math.floor(D * 10 + TOLERANCE) + 1));
}

function clampUnit(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * C, T and D for n objective scores held in `scores[offset … offset+n)`, with `alpha` the
 * normalized objective weights. Writes [C, T, D] into `out`; the typed form serves the engine's
 * hot loop, `couplingCoordination` below is the readable entry point.
 */
export function couplingInto(
  scores: Float64Array,
  offset: number,
  n: number,
  alpha: Float64Array,
  scale: number,
  out: Float64Array,
): void {
  let sum = 0;
  let logSum = 0;
  let anyZero = false;
  let t = 0;
  for (let i = 0; i < n; i++) {
    const u = clampUnit(scores[offset + i]! / scale);
    sum += u;
    t += alpha[i]! * u;
    if (u === 0) anyZero = true;
    else logSum += Math.log(u);
  }
  // GM ≤ AM guarantees C ≤ 1; the clamp only removes rounding noise (exp/log of equal values).
  const c = sum === 0 || anyZero ? 0 : clampUnit((n * Math.exp(logSum / n)) / sum);
  const tClamped = clampUnit(t);
  out[0] = c;
  out[1] = tClamped;
  out[2] = Math.sqrt(c * tClamped);
}

/**
 * Coupling coordination of objective scores on a 0…scale scale, with objective weights (relative;
 * normalized here). Throws a RangeError for mismatched lengths, no scores, or non-positive weights.
 */
export function couplingCoordination(
  objectiveScores: readonly number[],
  weights: readonly number[],
  scale: number,
): CouplingResult {
  const n = objectiveScores.length;
  if (n === 0) throw new RangeError('coupling needs at least one objective score');
  if (weights.length !== n) throw new RangeError(`${n} scores but ${weights.length} weights`);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`scale must be a positive number, got ${scale}`);
  let weightSum = 0;
  for (const w of weights) {
    if (!(w > 0) || !Number.isFinite(w)) throw new RangeError(`weights must be positive numbers, got ${w}`);
    weightSum += w;
  }
  for (const s of objectiveScores) {
    if (!Number.isFinite(s)) throw new RangeError(`objective scores must be finite numbers, got ${s}`);
  }
  const alpha = Float64Array.from(weights, (w) => w / weightSum);
  const out = new Float64Array(3);
  couplingInto(Float64Array.from(objectiveScores), 0, n, alpha, scale, out);
  const [C, T, D] = out as unknown as [number, number, number];
  const couplingClass = couplingClassOf(D);
  return { C, T, D, class: couplingClass, label: COUPLING_CLASS_LABELS[couplingClass - 1]! };
}
