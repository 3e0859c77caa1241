// Normalizing one value of a values matrix to 0…scale, with the peer statistics the
// peer-dependent methods need, gathered in as few sweeps over the matrix as possible.
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
import { METHOD_GOALPOSTS, METHOD_MINMAX, METHOD_PERCENTILE, METHOD_TARGET, METHOD_ZSCORE, type CompiledKpiSet } from './compile';
import { rankDescendingInto, sortedPositions } from './rank';
import type { PeerDistribution } from './peer-values';

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

/**
 * Everything a value needs to be normalized: per-indicator bounds and, for the peer-dependent
 * methods, the peer statistics (minmax, zscore) or the whole column of percentiles. A one-row
 * matrix may come with the other peers' values per indicator (`peers`), which then count as if
 * they were rows of the matrix.
 */
export class Normalizer {
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
    peers?: readonly (PeerDistribution | null | undefined)[],
  ) {
    if (peers && rows !== 1) throw new RangeError('peer values go with a one-row matrix');
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
      const others = peers?.[j];
      if (others) {
        counts[j] = counts[j]! + others.count;
        mins[j] = Math.min(mins[j]!, others.min);
        maxes[j] = Math.max(maxes[j]!, others.max);
      }
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
      const others = peers?.[j];
      if (others && method[j] === METHOD_ZSCORE) {
        const { count, mean, sd } = others.meanAndSd(column[0]!);
        if (count > 0) Object.assign(this.peerStats[j]!, { mean, sd });
      } else if (others) {
        const x = column[0]!;
        this.percentileColumns[j] = Float64Array.of(x === x ? (others.percentileOf(x, directionSign[j]!) / 100) * scale : NaN);
      } else if (method[j] === METHOD_ZSCORE) {
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
