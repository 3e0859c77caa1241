// The scoring engine's core: a KPI set compiled to flat arrays, and one pass over a row-major
// values matrix (NaN = missing) that normalizes, aggregates, grades, ranks and computes coupling.
// The readable per-stakeholder objects are built from this by score.ts; keeping the hot loop on
// typed arrays is what lets a 100,000 × 30 run take a fraction of a second.
//
// Normalization (each gives 0…scale; s ∈ [0, 1] is the share of the scale; "lower" reverses):
//   goalposts {min, max, transform}: x clamped to [min, max];
//       s = (x − min)/(max − min), or with transform ln: s = (ln x − ln min)/(ln max − ln min);
//       direction lower: s ← 1 − s.  (UNDP, Human Development Report 2020, Technical notes:
//       dimension index = (actual − minimum)/(maximum − minimum), ln for income.)
//   minmax: goalposts at the minimum and maximum of the present peer values; when every peer has
//       the same value (or there is one peer) s = 1: each is level with the best observed.
//       (OECD/JRC, Handbook on Constructing Composite Indicators, 2008, §5, "min–max".)
//   zscore {center, spread}: z = (x − mean)/sd over the present peer values, sd the population
//       standard deviation (divide by m); lower: z ← −z; score = clamp(center + spread·z, 0, scale),
//       center default scale/2, spread default scale/10; sd = 0 gives z = 0. Mean and sd are summed
//       in ascending order of the values so the result does not depend on row order.
//       (OECD/JRC Handbook 2008, §5, "standardisation (z-scores)".)
//   target {target, baseline}: s = clamp((x − baseline)/(target − baseline), 0, 1), the share of
//       the way from baseline to target, capped at the target. Validation makes the direction
//       agree (lower ⇒ target < baseline), so this formula already rewards moving the right way.
//       (OECD/JRC Handbook 2008, §5, "distance to a reference".)
//   percentile: s = percentile among the present peer values / 100 with rank.ts's definitions
//       (ties share the better rank; lower: ranked from the lowest value up).
//
// Aggregation, weights relative and renormalized over the values present:
//   arithmetic: Σ wᵢxᵢ / Σ wᵢ        geometric: Π xᵢ^(wᵢ/Σw) = exp(Σ wᵢ ln xᵢ / Σ wᵢ)
//   A zero in a geometric mean makes it 0: that is the mathematics of the geometric mean (no
//   compensation for a total failure), not an error; the engine adds no epsilon and warns instead.
//   (OECD/JRC Handbook 2008, §6, "linear" and "geometric aggregation".)
// Results are clamped to [0, scale] to remove rounding noise (a weighted mean of values ≤ scale can
// come out as scale + 1 ulp).
import type { KpiSetV1 } from './format';
import { sortGradesDescending, gradeIndexFor } from './grades';
import { couplingInto, couplingClassOf } from './coupling';
import { rankDescendingInto, sortedPositions } from './rank';
import { ScoringInputError } from './errors';
import { atLeast } from './tolerance';
import { type MissingPolicy } from '@/core/domain/enums';

export const METHOD_GOALPOSTS = 0;
export const METHOD_MINMAX = 1;
export const METHOD_ZSCORE = 2;
export const METHOD_TARGET = 3;
export const METHOD_PERCENTILE = 4;

/** A KPI set flattened for the hot loop. Indicators are numbered in objective order. */
export interface CompiledKpiSet {
  readonly kpiSet: KpiSetV1;
  readonly scale: number;
  readonly indicatorCodes: readonly string[];
  readonly objectiveCodes: readonly string[];
  /** Indicators of objective o are objectiveStart[o] … objectiveStart[o+1]−1. */
  readonly objectiveStart: Int32Array;
  readonly indicatorObjective: Int32Array;
  /** Configured indicator weights normalized to 1 within their objective. */
  readonly indicatorWeight: Float64Array;
  /** Configured objective weights normalized to 1. */
  readonly objectiveWeight: Float64Array;
  readonly method: Uint8Array;
  /** 1 when higher is better, −1 when lower is. */
  readonly directionSign: Int8Array;
  readonly useLn: Uint8Array;
  /** goalposts: min, max (ln applied when useLn); target: baseline, target; zscore: center, spread. */
  readonly paramA: Float64Array;
  readonly paramB: Float64Array;
  readonly indicatorsGeometric: boolean;
  readonly objectivesGeometric: boolean;
  readonly missingPolicy: MissingPolicy;
  readonly minCompleteness: number;
  readonly gradesDescending: KpiSetV1['grades'];
}

export function compileKpiSet(kpiSet: KpiSetV1): CompiledKpiSet {
  const indicators = kpiSet.objectives.flatMap((objective) => objective.indicators);
  const k = indicators.length;
  const objectiveCount = kpiSet.objectives.length;
  const objectiveStart = new Int32Array(objectiveCount + 1);
  const indicatorObjective = new Int32Array(k);
  const indicatorWeight = new Float64Array(k);
  const objectiveWeight = new Float64Array(objectiveCount);
  const method = new Uint8Array(k);
  const directionSign = new Int8Array(k);
  const useLn = new Uint8Array(k);
  const paramA = new Float64Array(k);
  const paramB = new Float64Array(k);

  const objectiveWeightSum = kpiSet.objectives.reduce((sum, objective) => sum + objective.weight, 0);
  let j = 0;
  kpiSet.objectives.forEach((objective, o) => {
    objectiveStart[o] = j;
    objectiveWeight[o] = objective.weight / objectiveWeightSum;
    const weightSum = objective.indicators.reduce((sum, indicator) => sum + indicator.weight, 0);
    for (const indicator of objective.indicators) {
      indicatorObjective[j] = o;
      indicatorWeight[j] = indicator.weight / weightSum;
      directionSign[j] = indicator.direction === 'higher' ? 1 : -1;
      const n = indicator.normalization;
      switch (n.method) {
        case 'goalposts':
          method[j] = METHOD_GOALPOSTS;
          useLn[j] = n.transform === 'ln' ? 1 : 0;
          paramA[j] = n.min;
          paramB[j] = n.max;
          break;
        case 'minmax':
          method[j] = METHOD_MINMAX;
          break;
        case 'zscore':
          method[j] = METHOD_ZSCORE;
          paramA[j] = n.center ?? kpiSet.scale / 2;
          paramB[j] = n.spread ?? kpiSet.scale / 10;
          break;
        case 'target':
          method[j] = METHOD_TARGET;
          paramA[j] = n.baseline;
          paramB[j] = n.target;
          break;
        case 'percentile':
          method[j] = METHOD_PERCENTILE;
          break;
      }
      j++;
    }
  });
  objectiveStart[objectiveCount] = k;

  return {
    kpiSet,
    scale: kpiSet.scale,
    indicatorCodes: indicators.map((indicator) => indicator.code),
    objectiveCodes: kpiSet.objectives.map((objective) => objective.code),
    objectiveStart,
    indicatorObjective,
    indicatorWeight,
    objectiveWeight,
    method,
    directionSign,
    useLn,
    paramA,
    paramB,
    indicatorsGeometric: kpiSet.aggregation.indicators === 'geometric',
    objectivesGeometric: kpiSet.aggregation.objectives === 'geometric',
    missingPolicy: kpiSet.missing.policy,
    minCompleteness: kpiSet.missing.minCompleteness,
    gradesDescending: sortGradesDescending(kpiSet.grades),
  };
}

/** Values of `stakeholders.length` rows × the compiled set's indicators, row-major, NaN = missing. */
export interface ValuesMatrix {
  readonly stakeholders: readonly string[];
  readonly values: Float64Array;
}

/** What the peers scored together look like for one indicator (for explanations and warnings). */
export interface IndicatorPeerStats {
  /** Peers with a value. */
  count: number;
  /** NaN when no peer has a value. */
  min: number;
  max: number;
  /** Mean and population standard deviation: computed for z-score indicators only, else NaN. */
  mean: number;
  sd: number;
}

/** The engine's result, column by column; NaN (or -1 / 0 for the integer columns) means null. */
export interface MatrixScores {
  readonly rowCount: number;
  /**
   * Normalized value of row r, indicator j (0…scale); NaN when the value is missing and not
   * counted (policy reweight), 0 when missing under policy zero. Computed on demand: the hot loop
   * does not keep a rows × indicators matrix of them.
   */
  normalizedAt(r: number, j: number): number;
  /** rows × objectives; NaN when an objective has no value. */
  readonly objectiveScores: Float64Array;
  readonly composite: Float64Array;
  readonly completeness: Float64Array;
  readonly rank: Float64Array;
  readonly percentile: Float64Array;
  /** Index into compiled.gradesDescending, -1 for none. */
  readonly gradeIndex: Int32Array;
  readonly couplingC: Float64Array;
  readonly couplingT: Float64Array;
  readonly couplingD: Float64Array;
  /** 1…10, 0 for none. */
  readonly couplingClass: Uint8Array;
  readonly peerStats: readonly IndicatorPeerStats[];
}

/**
 * Everything a value needs to be normalized: per-indicator bounds and, for the peer-dependent
 * methods, the peer statistics (minmax, zscore) or the whole column of percentiles.
 */
class Normalizer {
  readonly peerStats: IndicatorPeerStats[] = [];
  private readonly low: Float64Array;
  private readonly range: Float64Array;
  private readonly flat: Uint8Array;
  private readonly percentileColumns: (Float64Array | null)[];
  private readonly missingNormalized: number;

  constructor(
    private readonly compiled: CompiledKpiSet,
    private readonly values: Float64Array,
    private readonly rows: number,
  ) {
    const { method, directionSign, useLn, paramA, paramB, scale } = compiled;
    const k = compiled.indicatorCodes.length;
    this.missingNormalized = compiled.missingPolicy === 'zero' ? 0 : NaN;

    // Count, min and max of every indicator in one row-major sweep.
    const counts = new Float64Array(k);
    const mins = new Float64Array(k).fill(Infinity);
    const maxes = new Float64Array(k).fill(-Infinity);
    for (let cell = 0, j = 0; cell < values.length; cell++) {
      const x = values[cell]!;
      if (x === x) {
        counts[j] = counts[j]! + 1;
        if (x < mins[j]!) mins[j] = x;
        if (x > maxes[j]!) maxes[j] = x;
      }
      if (++j === k) j = 0;
    }
    for (let j = 0; j < k; j++) {
      const count = counts[j]!;
      this.peerStats.push(count === 0 ? { count: 0, min: NaN, max: NaN, mean: NaN, sd: NaN } : { count, min: mins[j]!, max: maxes[j]!, mean: NaN, sd: NaN });
    }

    // The columns that need the whole distribution (zscore, percentile), gathered in one sweep.
    const wholeColumns: number[] = [];
    for (let j = 0; j < k; j++) if (method[j] === METHOD_ZSCORE || method[j] === METHOD_PERCENTILE) wholeColumns.push(j);
    const gathered = wholeColumns.map(() => new Float64Array(rows));
    for (let r = 0; r < rows; r++) {
      const base = r * k;
      for (let c = 0; c < wholeColumns.length; c++) gathered[c]![r] = values[base + wholeColumns[c]!]!;
    }
    this.percentileColumns = new Array<Float64Array | null>(k).fill(null);
    wholeColumns.forEach((j, c) => {
      const column = gathered[c]!;
      if (method[j] === METHOD_ZSCORE) {
        // Mean and population sd, summed in ascending order so row order cannot change them.
        let m = 0;
        const present = new Float64Array(this.peerStats[j]!.count);
        for (let r = 0; r < rows; r++) if (column[r] === column[r]) present[m++] = column[r]!;
        const order = sortedPositions(present);
        let sum = 0;
        for (let p = 0; p < m; p++) sum += present[order[p]!]!;
        const mean = sum / m;
        let squares = 0;
        for (let p = 0; p < m; p++) {
          const d = present[order[p]!]! - mean;
          squares += d * d;
        }
        if (m > 0) Object.assign(this.peerStats[j]!, { mean, sd: Math.sqrt(squares / m) });
      } else {
        // Percentile rank of the column (NaN stays missing); for "lower" rank the negated values.
        const sign = directionSign[j]!;
        if (sign < 0) for (let r = 0; r < rows; r++) column[r] = -column[r]!;
        const ranks = new Float64Array(rows);
        const percentiles = new Float64Array(rows);
        rankDescendingInto(column, ranks, percentiles);
        for (let r = 0; r < rows; r++) percentiles[r] = (percentiles[r]! / 100) * scale;
        this.percentileColumns[j] = percentiles;
      }
    });

    // The bounds each value is scaled between (goalposts, minmax, target), ln applied when asked.
    this.low = new Float64Array(k);
    this.range = new Float64Array(k);
    this.flat = new Uint8Array(k);
    for (let j = 0; j < k; j++) {
      let lo = paramA[j]!;
      let hi = paramB[j]!;
      if (method[j] === METHOD_MINMAX) {
        lo = this.peerStats[j]!.min;
        hi = this.peerStats[j]!.max;
        this.flat[j] = hi > lo ? 0 : 1;
      }
      if (method[j] === METHOD_GOALPOSTS && useLn[j] === 1) {
        this.low[j] = Math.log(lo);
        this.range[j] = Math.log(hi) - this.low[j]!;
      } else {
        this.low[j] = lo;
        this.range[j] = hi - lo;
      }
    }
  }

  /** Normalized value (0…scale) of a present value x of indicator j in row r. */
  normalize(x: number, j: number, r: number): number {
    const compiled = this.compiled;
    const scale = compiled.scale;
    const kind = compiled.method[j]!;
    if (kind === METHOD_GOALPOSTS || kind === METHOD_MINMAX) {
      if (this.flat[j] === 1) return scale;
      let share: number;
      if (kind === METHOD_GOALPOSTS) {
        const lo = compiled.paramA[j]!;
        const hi = compiled.paramB[j]!;
        const clamped = x < lo ? lo : x > hi ? hi : x;
        share = compiled.useLn[j] === 1 ? (Math.log(clamped) - this.low[j]!) / this.range[j]! : (clamped - lo) / this.range[j]!;
      } else {
        share = (x - this.low[j]!) / this.range[j]!;
      }
      return (compiled.directionSign[j]! < 0 ? 1 - share : share) * scale;
    }
    if (kind === METHOD_TARGET) {
      const share = (x - this.low[j]!) / this.range[j]!;
      return (share < 0 ? 0 : share > 1 ? 1 : share) * scale;
    }
    if (kind === METHOD_ZSCORE) {
      // paramA = center, paramB = spread (score points per standard deviation).
      const stats = this.peerStats[j]!;
      const z = stats.sd > 0 ? (compiled.directionSign[j]! * (x - stats.mean)) / stats.sd : 0;
      const score = compiled.paramA[j]! + compiled.paramB[j]! * z;
      return score < 0 ? 0 : score > scale ? scale : score;
    }
    return this.percentileColumns[j]![r]!;
  }

  /** Normalized value of row r, indicator j, with the missing-data policy applied. */
  at(r: number, j: number): number {
    const x = this.values[r * this.compiled.indicatorCodes.length + j]!;
    return x === x ? this.normalize(x, j, r) : this.missingNormalized;
  }
}

/**
 * Scores every row. Throws ScoringInputError under policy `reject` when a value is missing.
 * The matrix must hold finite numbers or NaN (score.ts and values.ts check this).
 */
export function scoreMatrix(compiled: CompiledKpiSet, matrix: ValuesMatrix): MatrixScores {
  const { scale } = compiled;
  const k = compiled.indicatorCodes.length;
  const objectiveCount = compiled.objectiveCodes.length;
  const rows = matrix.stakeholders.length;
  const values = matrix.values;
  if (values.length !== rows * k) {
    throw new RangeError(`values matrix has ${values.length} cells, expected ${rows} rows × ${k} indicators`);
  }
  const missingPolicy = compiled.missingPolicy;

  if (missingPolicy === 'reject') {
    for (let cell = 0; cell < values.length; cell++) {
      if (values[cell] !== values[cell]) {
        const stakeholder = matrix.stakeholders[Math.floor(cell / k)]!;
        const indicator = compiled.indicatorCodes[cell % k]!;
        throw new ScoringInputError(
          'missing_value',
          `stakeholder "${stakeholder}" has no value for indicator "${indicator}", and the KPI set's missing-data policy is "reject"`,
          stakeholder,
          indicator,
        );
      }
    }
  }

  const normalizer = new Normalizer(compiled, values, rows);
  const countMissingAsZero = missingPolicy === 'zero';

  // One pass over the rows: normalize, aggregate within and across objectives, completeness,
  // grade and coupling.
  const objectiveScores = new Float64Array(rows * objectiveCount);
  const composite = new Float64Array(rows);
  const completeness = new Float64Array(rows);
  const gradeIndex = new Int32Array(rows);
  const couplingC = new Float64Array(rows);
  const couplingT = new Float64Array(rows);
  const couplingD = new Float64Array(rows);
  const couplingClass = new Uint8Array(rows);
  const { objectiveStart, indicatorWeight, objectiveWeight, indicatorsGeometric, objectivesGeometric } = compiled;
  const applyMinCompleteness = missingPolicy === 'reweight';
  const minCompleteness = compiled.minCompleteness;
  const grades = compiled.gradesDescending;
  const couplingOut = new Float64Array(3);

  for (let r = 0; r < rows; r++) {
    const rowBase = r * k;
    const objectiveBase = r * objectiveCount;
    let present = 0;
    let allObjectives = true;
    let objectiveWeightSum = 0;
    let objectiveAccumulator = 0;
    let objectiveZero = false;
    for (let o = 0; o < objectiveCount; o++) {
      let weightSum = 0;
      let accumulator = 0;
      let zero = false;
      for (let j = objectiveStart[o]!, end = objectiveStart[o + 1]!; j < end; j++) {
        const x = values[rowBase + j]!;
        let score: number;
        if (x === x) {
          present++;
          score = normalizer.normalize(x, j, r);
        } else if (countMissingAsZero) {
          score = 0;
        } else {
          continue;
        }
        const w = indicatorWeight[j]!;
        weightSum += w;
        if (!indicatorsGeometric) accumulator += w * score;
        else if (score > 0) accumulator += w * Math.log(score);
        else zero = true;
      }
      let objectiveScore: number;
      if (weightSum === 0) {
        objectiveScore = NaN;
        allObjectives = false;
      } else {
        objectiveScore = indicatorsGeometric ? (zero ? 0 : Math.exp(accumulator / weightSum)) : accumulator / weightSum;
        objectiveScore = objectiveScore < 0 ? 0 : objectiveScore > scale ? scale : objectiveScore;
        const alpha = objectiveWeight[o]!;
        objectiveWeightSum += alpha;
        if (!objectivesGeometric) objectiveAccumulator += alpha * objectiveScore;
        else if (objectiveScore > 0) objectiveAccumulator += alpha * Math.log(objectiveScore);
        else objectiveZero = true;
      }
      objectiveScores[objectiveBase + o] = objectiveScore;
    }
    const rowCompleteness = k === 0 ? 0 : present / k;
    completeness[r] = rowCompleteness;

    let total: number;
    if (objectiveWeightSum === 0 || (applyMinCompleteness && !atLeast(rowCompleteness, minCompleteness))) {
      total = NaN;
    } else {
      total = objectivesGeometric
        ? objectiveZero
          ? 0
          : Math.exp(objectiveAccumulator / objectiveWeightSum)
        : objectiveAccumulator / objectiveWeightSum;
      total = total < 0 ? 0 : total > scale ? scale : total;
    }
    composite[r] = total;
    gradeIndex[r] = total === total ? gradeIndexFor(total, grades) : -1;

    if (allObjectives && objectiveCount > 0) {
      couplingInto(objectiveScores, objectiveBase, objectiveCount, objectiveWeight, scale, couplingOut);
      couplingC[r] = couplingOut[0]!;
      couplingT[r] = couplingOut[1]!;
      couplingD[r] = couplingOut[2]!;
      couplingClass[r] = couplingClassOf(couplingOut[2]!);
    } else {
      couplingC[r] = NaN;
      couplingT[r] = NaN;
      couplingD[r] = NaN;
      couplingClass[r] = 0;
    }
  }

  const rank = new Float64Array(rows);
  const percentile = new Float64Array(rows);
  rankDescendingInto(composite, rank, percentile);

  return {
    rowCount: rows,
    normalizedAt: (r, j) => normalizer.at(r, j),
    objectiveScores,
    composite,
    completeness,
    rank,
    percentile,
    gradeIndex,
    couplingC,
    couplingT,
    couplingD,
    couplingClass,
    peerStats: normalizer.peerStats,
  };
}
