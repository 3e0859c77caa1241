// A combined plan: when no single indicator can lift a stakeholder to the next grade band
// (next-band.ts), the cheapest combination of two or three indicators that does — every other
// value of its own and of its peers held fixed — verified by the engine itself.
//
// Effort is measured as in next-band.ts: a change as a share of the indicator's scoring range,
// t = |x − start| / width, so indicators in different units add up. Each indicator may move from
// its start (the current value; the worst end for a missing one) to its best useful value, t ∈ [0, T].
// The plan minimizes Σ t over the indicators it changes, subject to the engine's grade reaching
// the band. The composite is non-decreasing in every t (next-band.ts), which the method relies on.
//
// Method (deterministic, bounded):
// 1. Candidates: the indicators that can still move (T > 0), ranked by the composite each gives
//    alone at its best; the first PLAN_CANDIDATES are combined (ties: KPI-set order).
// 2. Vertices: for every pair and triple of candidates that reaches the band with all at their
//    best, and for each member p, the others at their best and p at the least t (bisection) that
//    reaches. When the composite is linear in the changes (goalposts, target and min–max with an
//    arithmetic mean) the least Σ t is such a vertex — the constraint is one linear inequality
//    over a box, so an optimum has at most one member strictly inside its range (fractional
//    knapsack) — and the cheapest vertex is the answer. A vertex whose fixed part alone already
//    costs more than the best plan found is skipped.
// 3. Refinement: with curved scores (ln goalposts, z-scores, percentiles, geometric means) a
//    split inside both ranges can cost less, so for each pair of the best plan's members the
//    trade-off between them is searched (golden section along the frontier where the pair just
//    reaches, the third member held). Only a cheaper plan that still reaches is kept.
// 4. Rounding: each value is rounded in the better direction to its indicator's precision, then
//    each member in turn is lowered to the least value on that grid that still reaches with the
//    others as they are; the whole plan is re-scored once more, and a plan the engine does not
//    grade in the band is never returned.
// Steps 1–3 re-score with the z-score peers summarized by running sums (SummedPeers: O(1) a probe
// instead of a pass over every peer, equal to the engine's up to rounding); step 4 re-scores with
// the engine's exact peer values only, so what is shown is exactly what the engine says. The work
// is bounded by PROBE_BUDGET re-scorings of the one row (each a scoreMatrix call).
import type { KpiSetV1 } from './format';
import { atOrBeyond, bandSearch, gridCandidates, type BandSearch, type IndicatorLimits, type SearchRange } from './next-band';
import { METHOD_ZSCORE } from './compile';
import type { PeerDistribution, PeerValues } from './peer-values';
import type { ValuesRow } from './score';

export const PLAN_CANDIDATES = 10;
export const PLAN_MAX_SIZE = 3;
/** Re-scorings of the row one plan may take (about 10 µs each for a KPI set of thirty indicators). */
export const PROBE_BUDGET = 6000;
/** Bisection in effort units stops below this (a millionth of a scoring range; the grid step refines it). */
const T_PRECISION = 1e-6;
const GOLDEN_STEPS = 12;
/** A split is kept only when it saves more than bisection noise (so linear scores keep their vertex). */
const REFINE_GAIN = 1e-5;

export interface PlanStep {
  indicator: string;
  objective: string;
  current: number | null;
  /** The value the plan asks for. */
  value: number;
  /** |value − start| / scoring range. */
  effort: number;
  decimals: number;
}

export interface CombinedPlan {
  steps: PlanStep[];
  /** Σ effort of the steps. */
  effort: number;
  /** The engine's composite and grade with every step applied. */
  composite: number;
  grade: string;
}

type Member = { j: number; range: SearchRange; T: number };

/** Raw value of a member moved t effort units from its start in the better direction. */
const valueAt = (m: Member, t: number) => (t >= m.T ? m.range.best : m.range.start + (m.range.up ? 1 : -1) * t * m.range.width);

class OutOfBudget extends Error {}

/**
 * A peer column whose mean and standard deviation with a value added come from sums kept about the
 * peers' own mean (numerically steady), not from a pass over the column; min, max and percentile
 * are the exact column's. For the search only: the plan is re-scored with the exact column.
 */
class SummedPeers implements PeerDistribution {
  private readonly centre: number;
  private readonly s1: number;
  private readonly s2: number;

  constructor(private readonly exact: PeerValues) {
    const values = exact.ascending;
    let sum = 0;
    for (const v of values) sum += v;
    this.centre = values.length ? sum / values.length : 0;
    let s1 = 0;
    let s2 = 0;
    for (const v of values) {
      s1 += v - this.centre;
      s2 += (v - this.centre) ** 2;
    }
    this.s1 = s1;
    this.s2 = s2;
  }

  get count() {
    return this.exact.count;
  }

  get min() {
    return this.exact.min;
  }

  get max() {
    return this.exact.max;
  }

  meanAndSd(x: number) {
    const has = x === x;
    const count = this.exact.count + (has ? 1 : 0);
    const d = has ? x - this.centre : 0;
    const shift = (this.s1 + d) / count;
    const variance = (this.s2 + d * d) / count - shift * shift;
    return { count, mean: this.centre + shift, sd: Math.sqrt(Math.max(0, variance)) };
  }

  percentileOf(x: number, sign: number) {
    return this.exact.percentileOf(x, sign);
  }
}

/**
 * The cheapest combination of two or three indicators that reaches the next band, or null (top
 * band, no composite, a single indicator suffices, or no combination of up to three does).
 * Same arguments as pathToNextBandAmong.
 */
export function combinedPlan(
  kpiSet: KpiSetV1,
  own: ValuesRow,
  others: Readonly<Record<string, PeerValues>>,
  options: { limits?: Readonly<Record<string, IndicatorLimits>> } = {},
): CombinedPlan | null {
  const exact = bandSearch(kpiSet, own, others);
  if (exact.targetIndex < 0) return null;
  const { compiled } = exact;
  const summed: Record<string, PeerDistribution> = { ...others };
  compiled.indicatorCodes.forEach((code, j) => {
    if (compiled.method[j] === METHOD_ZSCORE && others[code]) summed[code] = new SummedPeers(others[code]);
  });
  const search = bandSearch(kpiSet, own, summed);
  let probes = 0;
  const reachesWith = (changes: readonly (readonly [number, number])[]) => {
    if (++probes > PROBE_BUDGET) throw new OutOfBudget();
    return search.probe(changes);
  };

  // 1. Candidates, by the composite each gives alone at its best.
  const movable: (Member & { alone: number })[] = [];
  compiled.indicatorCodes.forEach((code, j) => {
    const range = search.range(j, options.limits?.[code] ?? {});
    const present = search.valueAt(j) === search.valueAt(j);
    if (!range || !(range.width > 0) || (present && atOrBeyond(range.start, range.best, range.up))) return;
    const T = Math.abs(range.best - range.start) / range.width;
    if (!(T > 0)) return;
    movable.push({ j, range, T, alone: NaN });
  });
  for (const m of movable) {
    // Exact, as next-band decides its routes: one indicator that is enough is a route, not a plan.
    const atBest = exact.probe([[m.j, m.range.best]]);
    if (atBest.reaches) return null;
    m.alone = atBest.composite;
  }
  const candidates = [...movable].sort((a, b) => b.alone - a.alone || a.j - b.j).slice(0, PLAN_CANDIDATES).sort((a, b) => a.j - b.j);

  let best: { members: Member[]; t: number[]; cost: number } | null = null;
  const cost = (t: readonly number[]) => t.reduce((s, x) => s + x, 0);
  const changesOf = (members: readonly Member[], t: readonly number[]) => members.map((m, i) => [m.j, valueAt(m, t[i]!)] as const);

  /** Least t of member p reaching the band with the others at t (null: not even at its best). */
  const leastT = (members: readonly Member[], t: number[], p: number, hi = members[p]!.T): number | null => {
    const at = (x: number) => {
      t[p] = x;
      return reachesWith(changesOf(members, t)).reaches;
    };
    if (!at(hi)) return null;
    let lo = 0;
    if (at(0)) return 0;
    while (hi - lo > T_PRECISION) {
      const mid = lo + (hi - lo) / 2;
      if (at(mid)) hi = mid;
      else lo = mid;
    }
    t[p] = hi;
    return hi;
  };

  // 2. Vertices of every pair and triple that can reach the band.
  try {
    for (const members of subsets(candidates, PLAN_MAX_SIZE)) {
      if (!reachesWith(members.map((m) => [m.j, m.range.best] as const)).reaches) continue;
      for (let p = 0; p < members.length; p++) {
        const fixed = members.reduce((s, m, i) => (i === p ? s : s + m.T), 0);
        if (best && fixed >= best.cost) continue;
        const t = members.map((m) => m.T);
        const tp = leastT(members, t, p);
        // 0: the others reach without p, a smaller combination (enumerated on its own).
        if (tp === null || tp === 0) continue;
        const c = cost(t);
        if (!best || c < best.cost - 1e-12) best = { members, t, cost: c };
      }
    }
  } catch (e) {
    if (!(e instanceof OutOfBudget)) throw e;
  }
  if (!best) return null;

  // 3. Refinement along the frontier of each pair of members.
  try {
    best = refine(best, leastT);
  } catch (e) {
    if (!(e instanceof OutOfBudget)) throw e;
  }

  // 4. Rounding to each indicator's grid, then trimming each member on that grid (exact peers).
  return roundAndVerify(exact, best.members, best.t);
}

/** Pairs, then triples … of the list, in list order. */
function* subsets<T>(list: readonly T[], maxSize: number): Generator<T[]> {
  for (let size = 2; size <= maxSize; size++) {
    const index = Array.from({ length: size }, (_, i) => i);
    if (size > list.length) return;
    for (;;) {
      yield index.map((i) => list[i]!);
      let i = size - 1;
      while (i >= 0 && index[i] === list.length - size + i) i--;
      if (i < 0) break;
      index[i]!++;
      for (let q = i + 1; q < size; q++) index[q] = index[q - 1]! + 1;
    }
  }
}

type Plan = { members: Member[]; t: number[]; cost: number };

function refine(plan: Plan, leastT: (members: readonly Member[], t: number[], p: number, hi?: number) => number | null): Plan {
  let current = plan;
  const n = current.members.length;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const members = current.members;
      // The frontier between a and b: for t_a, the least t_b that reaches (the others held).
      const costAt = (ta: number): { cost: number; t: number[] } | null => {
        const t = [...current.t];
        t[a] = ta;
        const tb = leastT(members, t, b);
        return tb === null ? null : { cost: t.reduce((s, x) => s + x, 0), t };
      };
      // The least t_a for which b at its best still reaches bounds the frontier below.
      const start = [...current.t];
      start[b] = members[b]!.T;
      const loA = leastT(members, start, a);
      if (loA === null) continue;
      let lo = loA;
      let hi = members[a]!.T;
      const phi = (Math.sqrt(5) - 1) / 2;
      let x1 = hi - phi * (hi - lo);
      let x2 = lo + phi * (hi - lo);
      let f1 = costAt(x1);
      let f2 = costAt(x2);
      for (let step = 0; step < GOLDEN_STEPS; step++) {
        if ((f1?.cost ?? Infinity) <= (f2?.cost ?? Infinity)) {
          hi = x2;
          x2 = x1;
          f2 = f1;
          x1 = hi - phi * (hi - lo);
          f1 = costAt(x1);
        } else {
          lo = x1;
          x1 = x2;
          f1 = f2;
          x2 = lo + phi * (hi - lo);
          f2 = costAt(x2);
        }
      }
      for (const f of [f1, f2]) if (f && f.cost < current.cost - REFINE_GAIN) current = { members, t: f.t, cost: f.cost };
    }
  }
  return current;
}

function roundAndVerify(search: BandSearch, members: readonly Member[], t: readonly number[]): CombinedPlan | null {
  const { compiled } = search;
  const onGrid = (m: Member, x: number) => gridCandidates(x, m.range.decimals, m.range.up).find((c) => c >= m.range.validMin && c <= m.range.validMax);
  const values = members.map((m, i) => onGrid(m, valueAt(m, t[i]!)) ?? m.range.best);
  const changes = () => members.map((m, i) => [m.j, values[i]!] as const);
  // The search's sums may differ from the engine's by rounding: members go to their best one at a
  // time until the engine agrees, and the trim below takes back what is not needed.
  for (let i = 0; i < members.length && !search.probe(changes()).reaches; i++) values[i] = members[i]!.range.best;
  if (!search.probe(changes()).reaches) return null;
  // Each member lowered to the least grid value that still reaches with the others as they are.
  members.forEach((m, i) => {
    const reaches = (x: number) => {
      const saved = values[i]!;
      values[i] = x;
      const ok = search.probe(changes()).reaches;
      values[i] = saved;
      return ok;
    };
    let bad = m.range.start;
    let good = values[i]!;
    if (reaches(bad)) {
      values[i] = bad;
      return;
    }
    // Down to less than one grid step: the least grid value that reaches is then the first one
    // beyond `bad` or the first one from `good` on.
    const gridStep = 10 ** -m.range.decimals;
    for (let step = 0; step < 200 && Math.abs(good - bad) >= gridStep; step++) {
      const mid = bad + (good - bad) / 2;
      if (mid === bad || mid === good) break;
      if (reaches(mid)) good = mid;
      else bad = mid;
    }
    const candidates = [...gridCandidates(bad, m.range.decimals, m.range.up), ...gridCandidates(good, m.range.decimals, m.range.up)];
    const least = candidates.find((c) => atOrBeyond(c, bad, m.range.up) && c !== bad && c >= m.range.validMin && c <= m.range.validMax && reaches(c));
    // (Beyond an off-grid best value only by the rounding, as next-band rounds its routes.)
    if (least !== undefined) values[i] = least;
  });
  const final = search.probe(changes());
  if (!final.reaches) return null;
  const steps: PlanStep[] = [];
  members.forEach((m, i) => {
    const current = search.valueAt(m.j);
    // A present value left where it is is no step (a missing one must still be entered).
    if (current === current && values[i] === current) return;
    steps.push({
      indicator: compiled.indicatorCodes[m.j]!,
      objective: compiled.objectiveCodes[compiled.indicatorObjective[m.j]!]!,
      current: current === current ? current : null,
      value: values[i]!,
      effort: Math.abs(values[i]! - m.range.start) / m.range.width,
      decimals: m.range.decimals,
    });
  });
  return {
    steps,
    effort: steps.reduce((s, x) => s + x.effort, 0),
    composite: final.composite,
    grade: compiled.gradesDescending[final.gradeIndex]!.code,
  };
}
