// "Path to the next band": for one stakeholder and each indicator, the raw value it would need —
// every other value of its own and of its peers held fixed — for the engine to give it the next
// grade band up, or the finding that this indicator alone cannot get it there.
//
// Method. Let f(x) be the engine's grade of the stakeholder when its value of indicator j is x.
// For every normalization the engine offers, the stakeholder's own normalized value is
// non-decreasing as x moves in the indicator's better direction (goalposts, target and minmax are
// clamped linear maps; percentile is a rank; the z-score of a value that is itself part of the
// mean and standard deviation, (n−1)(x−m)/n / √((S + (n−1)(x−m)²/n)/n), is increasing in x), and
// arithmetic and geometric means are non-decreasing in each argument. So "reaches the band" is a
// threshold in x and bisection finds it. Each probe re-scores the stakeholder's row with the engine
// itself, given the other peers' values of the peer-relative indicators (peer-values.ts: the
// engine then scores the row exactly as within the whole peer matrix), so the answer is exactly
// the engine's, including its grade tolerance. A published run stores those values, so a
// scorecard never reloads the peers.
//
// Search interval, in the better direction from the current value up to the best useful value:
//   goalposts, target: the far goalpost / the target (beyond it the score is capped), within the
//   indicator's valid range; minmax, percentile: the best value present among the peers (beyond it
//   the score is full); zscore: the valid range's bound, or the peers' best value plus ten times
//   their spread when the range is open (the z-score of an own value tends to a finite limit).
// A missing value is searched from the worst end of that interval.
//
// Effort ("cheapest route"): |required − current| as a share of the indicator's scoring range (the
// span over which its normalized score goes from 0 to full: goalposts min…max, baseline…target,
// the peers' min…max for peer-relative methods). It is unit-free, so routes through different
// indicators compare; the cheapest routes are the reachable ones with the smallest effort.
import type { KpiSetV1 } from './format';
import type { BilingualLabel } from './format';
import { compileKpiSet, METHOD_GOALPOSTS, METHOD_MINMAX, METHOD_PERCENTILE, METHOD_TARGET, type CompiledKpiSet } from './compile';
import { scoreMatrix, type ValuesMatrix } from './engine';
import { isPeerDependent } from './format';
import { ascendingPresent, PeerValues, type PeerDistribution } from './peer-values';
import { rowsToMatrix, type ValuesRow } from './score';

/** What the engine does not know about an indicator: its valid range and display precision. */
export interface IndicatorLimits {
  min?: number | null;
  max?: number | null;
  /** Decimal places a suggested value is rounded to (in the better direction); none = unrounded. */
  decimals?: number | null;
}

export interface NextBandRoute {
  indicator: string;
  objective: string;
  current: number | null;
  reachable: boolean;
  /** The raw value that reaches the next band (reachable routes only). */
  required: number | null;
  /** The composite the engine gives with `required` (or with `limit` when not reachable). */
  composite: number | null;
  /** The best useful value searched up to. */
  limit: number | null;
  /** |required − current| / scoring range; null when not reachable. */
  effort: number | null;
  /** Decimal places `required` was rounded to (null when not reachable). */
  decimals: number | null;
  /** The value is already at the best useful value (e.g. the top goalpost): more adds nothing. */
  atBest: boolean;
}

/** Decimals for a step of about a millionth of the scoring range (0…12). */
function defaultDecimals(span: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 6;
  return Math.min(12, Math.max(0, Math.ceil(-Math.log10(span * 1e-6))));
}

export interface NextBandResult {
  status: 'ok' | 'top_band' | 'no_composite';
  composite: number | null;
  grade: string | null;
  nextGrade: { code: string; min: number; label: BilingualLabel } | null;
  routes: NextBandRoute[];
  /** Codes of the cheapest reachable routes, cheapest first. */
  cheapest: string[];
}

const BISECTION_STEPS = 200;

/**
 * Grid values (the given decimals) to try for x in the better direction, nearest first: the grid
 * point x is within rounding noise of (so 26.000000000001 may become 26), then the next one
 * strictly beyond x (ceiling when up, floor when down).
 */
export function gridCandidates(x: number, decimals: number, up: boolean): number[] {
  const factor = 10 ** decimals;
  const scaled = x * factor;
  const nearest = Math.round(scaled);
  const beyond = up ? Math.ceil(scaled) : Math.floor(scaled);
  const candidates = Math.abs(scaled - nearest) < 1e-9 && nearest !== beyond ? [nearest, beyond] : [beyond];
  return candidates.map((c) => c / factor);
}

/**
 * The path to the next band for `stakeholder` among `rows` (its peers in the run, itself included).
 * `limits` gives per indicator code the valid range and rounding; `highlight` how many cheapest
 * routes to name (default 3).
 */
export function pathToNextBand(
  kpiSet: KpiSetV1,
  rows: readonly ValuesRow[],
  stakeholder: string,
  options: NextBandOptions = {},
): NextBandResult {
  const compiled = compileKpiSet(kpiSet);
  const full = rowsToMatrix(compiled, rows);
  const r0 = full.stakeholders.indexOf(stakeholder);
  if (r0 < 0) throw new RangeError(`stakeholder "${stakeholder}" is not among the rows`);
  const k = compiled.indicatorCodes.length;
  const others: Record<string, PeerValues> = {};
  const dependent = peerDependence(kpiSet);
  compiled.indicatorCodes.forEach((code, j) => {
    if (!dependent[j]) return;
    const column = Array.from({ length: full.stakeholders.length - 1 }, (_, i) => full.values[(i < r0 ? i : i + 1) * k + j]!);
    others[code] = new PeerValues(ascendingPresent(column));
  });
  return pathToNextBandAmong(kpiSet, rows[r0]!, others, options);
}

export type NextBandOptions = { limits?: Readonly<Record<string, IndicatorLimits>>; highlight?: number };

/** Per indicator in the compiled order: whether its score depends on the peers. */
export const peerDependence = (kpiSet: KpiSetV1) => kpiSet.objectives.flatMap((o) => o.indicators.map((i) => isPeerDependent(i.normalization)));

/**
 * One stakeholder's row ready for probing: the engine re-scores it with some of its values
 * changed, peers held fixed, and says whether the grade reaches the band above the current one.
 * Shared by the single-indicator routes here and the combined plan (combined-plan.ts).
 */
export interface BandSearch {
  compiled: CompiledKpiSet;
  composite: number;
  gradeIndex: number;
  /** Index into compiled.gradesDescending of the band to reach; -1 at the top band or without a composite. */
  targetIndex: number;
  /** The stakeholder's own value of indicator j (NaN when missing). */
  valueAt(j: number): number;
  /** Re-scores with the given [indicator index, value] changes (peers fixed), then restores the row. */
  probe(changes: readonly (readonly [number, number])[]): { reaches: boolean; composite: number; gradeIndex: number };
  /** Where indicator j's search runs (null when it has no scoring range, e.g. no peer has a value). */
  range(j: number, limits: IndicatorLimits): SearchRange | null;
}

/** The search interval of one indicator, in the better direction. */
export interface SearchRange {
  up: boolean;
  /** The current value, or the worst end of the interval when the value is missing. */
  start: number;
  /** The best useful value (clipped to the valid range). */
  best: number;
  /** The scoring range's width: efforts are changes divided by it. */
  width: number;
  validMin: number;
  validMax: number;
  decimals: number;
}

export function bandSearch(kpiSet: KpiSetV1, own: ValuesRow, others: Readonly<Record<string, PeerDistribution>>): BandSearch {
  const compiled = compileKpiSet(kpiSet);
  const matrix: ValuesMatrix = rowsToMatrix(compiled, [own]);
  const dependent = peerDependence(kpiSet);
  const peers = compiled.indicatorCodes.map((code, j) => (dependent[j] ? (others[code] ?? new PeerValues(new Float64Array(0))) : null));
  const base = scoreMatrix(compiled, matrix, peers);
  const composite = base.composite[0]!;
  const gradeIndex = base.gradeIndex[0]!;
  const targetIndex = composite !== composite ? -1 : gradeIndex < 0 ? compiled.gradesDescending.length - 1 : gradeIndex - 1;
  return {
    compiled,
    composite,
    gradeIndex,
    targetIndex,
    valueAt: (j) => matrix.values[j]!,
    probe(changes) {
      const saved = changes.map(([j]) => matrix.values[j]!);
      for (const [j, x] of changes) matrix.values[j] = x;
      const scored = scoreMatrix(compiled, matrix, peers);
      changes.forEach(([j], i) => (matrix.values[j] = saved[i]!));
      const g = scored.gradeIndex[0]!;
      // The engine's own grade (with its tolerance): the answer is exactly what the engine would say.
      return { reaches: targetIndex >= 0 && g >= 0 && g <= targetIndex, composite: scored.composite[0]!, gradeIndex: g };
    },
    range(j, limits) {
      const currentRaw = matrix.values[j]!;
      const span = scoringSpan(compiled, j, currentRaw, peers[j] ?? null);
      if (!span) return null;
      const up = compiled.directionSign[j]! > 0;
      const validMin = limits.min ?? -Infinity;
      const validMax = limits.max ?? Infinity;
      const clip = (x: number) => Math.min(validMax, Math.max(validMin, x));
      const best = clip(up ? span.bestUp : span.bestDown);
      const worst = clip(up ? span.lo : span.hi);
      const width = span.hi - span.lo;
      return {
        up,
        start: currentRaw === currentRaw ? currentRaw : worst,
        best,
        width: width > 0 ? width : 0,
        validMin,
        validMax,
        decimals: limits.decimals ?? defaultDecimals(width),
      };
    },
  };
}

/** Whether x is at or beyond the best useful value in the better direction. */
export const atOrBeyond = (x: number, best: number, up: boolean) => (up ? x >= best : x <= best);

/**
 * The path to the next band for one stakeholder's row, given for each peer-relative indicator the
 * present values of its other peers (a stored run keeps them: see PeerValues.without).
 */
export function pathToNextBandAmong(
  kpiSet: KpiSetV1,
  own: ValuesRow,
  others: Readonly<Record<string, PeerValues>>,
  options: NextBandOptions = {},
): NextBandResult {
  const search = bandSearch(kpiSet, own, others);
  const { compiled, composite, gradeIndex, targetIndex } = search;
  const k = compiled.indicatorCodes.length;
  const grades = compiled.gradesDescending;
  const currentGrade = gradeIndex >= 0 ? grades[gradeIndex]!.code : null;
  if (composite !== composite) {
    return { status: 'no_composite', composite: null, grade: null, nextGrade: null, routes: [], cheapest: [] };
  }
  if (targetIndex < 0) {
    return { status: 'top_band', composite, grade: currentGrade, nextGrade: null, routes: [], cheapest: [] };
  }
  const target = grades[targetIndex]!;
  const probe = (j: number, x: number) => search.probe([[j, x]]);

  const routes: NextBandRoute[] = [];
  for (let j = 0; j < k; j++) {
    const code = compiled.indicatorCodes[j]!;
    const objective = compiled.objectiveCodes[compiled.indicatorObjective[j]!]!;
    const currentRaw = search.valueAt(j);
    const current = currentRaw === currentRaw ? currentRaw : null;
    const route: NextBandRoute = { indicator: code, objective, current, reachable: false, required: null, composite: null, limit: null, effort: null, decimals: null, atBest: false };
    routes.push(route);
    const range = search.range(j, options.limits?.[code] ?? {});
    if (!range) continue;
    const { up, best, start, validMin, validMax } = range;
    route.limit = best;
    // A missing value counts once entered, even at the worst end (it may complete an objective).
    const atStart = current === null ? probe(j, start) : { reaches: false, composite };
    // Already at (or past) the best useful value: moving further adds nothing.
    if (!atStart.reaches && atOrBeyond(start, best, up)) {
      route.composite = atStart.composite;
      route.atBest = current !== null;
      continue;
    }
    const atBest = atStart.reaches ? atStart : probe(j, best);
    route.composite = atBest.composite;
    if (!atBest.reaches) continue;

    let required: number;
    if (atStart.reaches) {
      required = start;
    } else {
      let bad = start;
      let good = best;
      for (let step = 0; step < BISECTION_STEPS; step++) {
        // 1e-12 of the value is far below any precision a suggestion is shown or rounded to.
        if (Math.abs(good - bad) <= 1e-12 * Math.max(1, Math.abs(good))) break;
        const mid = bad + (good - bad) / 2;
        if (mid === bad || mid === good) break;
        if (probe(j, mid).reaches) good = mid;
        else bad = mid;
      }
      required = good;
    }
    // Round in the better direction to the indicator's precision (by default a millionth of its
    // scoring range), so the shown value is the smallest on that grid that reaches; keep it only if
    // the engine agrees and it stays within the valid range.
    const decimals = range.decimals;
    route.decimals = decimals;
    const rounded = gridCandidates(required, decimals, up).find((c) => c >= validMin && c <= validMax && probe(j, c).reaches);
    if (rounded !== undefined) required = rounded;
    const reached = probe(j, required);
    if (!reached.reaches) {
      route.decimals = null; // cannot happen for a monotone score; never suggest a value that fails
      continue;
    }
    route.reachable = true;
    route.required = required;
    route.composite = reached.composite;
    route.effort = Math.abs(required - start) / (range.width > 0 ? range.width : Math.max(1, Math.abs(required)));
  }

  const cheapest = routes
    .filter((route) => route.reachable)
    .sort((a, b) => a.effort! - b.effort! || a.indicator.localeCompare(b.indicator))
    .slice(0, options.highlight ?? 3)
    .map((route) => route.indicator);
  return {
    status: 'ok',
    composite,
    grade: currentGrade,
    nextGrade: { code: target.code, min: target.min, label: target.label },
    routes,
    cheapest,
  };
}

/**
 * The span over which indicator j's score moves (lo…hi, in raw units), and the best useful value
 * when higher (bestUp) or lower (bestDown) is better. Null when peer-relative and no peer has a value.
 */
function scoringSpan(
  compiled: CompiledKpiSet,
  j: number,
  own: number,
  others: PeerDistribution | null,
): { lo: number; hi: number; bestUp: number; bestDown: number } | null {
  const kind = compiled.method[j]!;
  if (kind === METHOD_GOALPOSTS || kind === METHOD_TARGET) {
    const a = compiled.paramA[j]!;
    const b = compiled.paramB[j]!;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    return { lo, hi, bestUp: hi, bestDown: lo };
  }
  const othersLo = others?.min ?? Infinity;
  const othersHi = others?.max ?? -Infinity;
  const lo = own === own ? Math.min(othersLo, own) : othersLo;
  const hi = own === own ? Math.max(othersHi, own) : othersHi;
  if (lo === Infinity) return null;
  if (kind === METHOD_MINMAX || kind === METHOD_PERCENTILE) {
    // Level with the best peer gives the full score (ties share the better rank).
    const up = othersHi === -Infinity ? hi : othersHi;
    const down = othersLo === Infinity ? lo : othersLo;
    return { lo, hi, bestUp: up, bestDown: down };
  }
  // z-score: no cap inside the peers' range; search well beyond it.
  const reach = 10 * Math.max(hi - lo, Math.abs(hi), Math.abs(lo), 1);
  return { lo, hi, bestUp: hi + reach, bestDown: lo - reach };
}
