// What a live preview needs of an evaluation's peers, and no more: per peer-relative indicator
// the count, minimum, maximum, mean and sum of squared deviations of the other stakeholders'
// values (minmax and z-score are exact from these) and, for percentile normalization, their
// distribution as a sketch; and a sketch of the peers' composites for a rank. Nothing in it says
// who a peer is, and its only order is ascending value.
//
// Sketch: up to SKETCH_BUCKETS distinct values it lists every value with its count (exact).
// Beyond, the ascending values are cut into SKETCH_BUCKETS buckets of consecutive positions
// (⌊i·B/n⌋) and each bucket is kept as the midpoint of its smallest and largest value with its
// count. A value's count of strictly better peers is then off by at most the size of the one
// bucket the value falls in, ⌈n/B⌉: a rank at most ⌈n/1000⌉ places off, a percentile at most
// 100·⌈n/B⌉/n points off (0.1 when B divides n, under 0.2 always).
import { PeerValues, type PeerDistribution } from './peer-values';

export const SKETCH_BUCKETS = 1000;

/** A distribution of values, ascending; `counts[i]` peers hold (or, inexact, stand at) `values[i]`. */
export interface ValueSketch {
  values: number[];
  counts: number[];
  exact: boolean;
}

/** The peers of one peer-relative indicator. Null figures when no peer has a value. */
export interface IndicatorPeerSummary {
  count: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Σ (v − mean)² over the peers' values. */
  squares: number | null;
  /** Percentile normalization only: the peers' values. */
  sketch: ValueSketch | null;
}

export interface PeerSummary {
  /** Peers scored in the period (their evaluations approved), the stakeholder itself not counted. */
  peers: number;
  /** Peer-relative indicators by code. */
  indicators: Record<string, IndicatorPeerSummary>;
  /** The peers' composites. */
  composites: ValueSketch;
}

export const EMPTY_SKETCH: ValueSketch = { values: [], counts: [], exact: true };

/** The sketch of ascending values. */
export function sketchAscending(ascending: Float64Array, buckets: number = SKETCH_BUCKETS): ValueSketch {
  const n = ascending.length;
  const values: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = ascending[i]!;
    if (values.length && values[values.length - 1] === v) counts[counts.length - 1] = counts[counts.length - 1]! + 1;
    else {
      if (values.length === buckets) return bucketSketch(ascending, buckets);
      values.push(v);
      counts.push(1);
    }
  }
  return { values, counts, exact: true };
}

function bucketSketch(ascending: Float64Array, buckets: number): ValueSketch {
  const n = ascending.length;
  const rows: { min: number; max: number; count: number }[] = [];
  for (let start = 0, b = 0; b < buckets; b++) {
    const end = Math.ceil(((b + 1) * n) / buckets);
    if (end > start) rows.push({ min: ascending[start]!, max: ascending[end - 1]!, count: end - start });
    start = end;
  }
  return sketchOfBuckets(rows, false);
}

/** A sketch from buckets in ascending order (each its smallest and largest value and count). */
export function sketchOfBuckets(rows: readonly { min: number; max: number; count: number }[], exact: boolean): ValueSketch {
  return { values: rows.map((r) => (r.min === r.max ? r.min : r.min + (r.max - r.min) / 2)), counts: rows.map((r) => r.count), exact };
}

/** The sketch with one peer at value x taken out (the stakeholder itself, when it was among them). */
export function sketchWithout(sketch: ValueSketch, x: number): ValueSketch {
  // The entry that stands for x: exact, its value; else the bucket whose midpoint is nearest.
  let at = -1;
  for (let i = 0; i < sketch.values.length; i++) {
    const d = Math.abs(sketch.values[i]! - x);
    if (sketch.exact ? d === 0 : at < 0 || d < Math.abs(sketch.values[at]! - x)) at = i;
  }
  if (at < 0) return sketch;
  const counts = [...sketch.counts];
  counts[at] = counts[at]! - 1;
  const keep = (_: unknown, i: number) => counts[i]! > 0;
  return { values: sketch.values.filter(keep), counts: counts.filter(keep), exact: sketch.exact };
}

/** Every peer a sketch stands for, as ascending values. */
export function expandSketch(sketch: ValueSketch): Float64Array {
  const out = new Float64Array(sketch.counts.reduce((s, c) => s + c, 0));
  for (let i = 0, p = 0; i < sketch.values.length; i++) out.fill(sketch.values[i]!, p, (p += sketch.counts[i]!));
  return out;
}

/** The summary of one indicator's peer values (ascending); mean summed in ascending order, as the engine sums. */
export function summarizeColumn(ascending: Float64Array, withSketch: boolean): IndicatorPeerSummary {
  const n = ascending.length;
  if (n === 0) return { count: 0, min: null, max: null, mean: null, squares: null, sketch: withSketch ? EMPTY_SKETCH : null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += ascending[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (ascending[i]! - mean) * (ascending[i]! - mean);
  return { count: n, min: ascending[0]!, max: ascending[n - 1]!, mean, squares, sketch: withSketch ? sketchAscending(ascending) : null };
}

/** A summary as the engine's peers of one indicator (engine.ts scores a one-row matrix among them). */
export class SummarizedPeers implements PeerDistribution {
  private ranked: PeerValues | null = null;

  constructor(private readonly summary: IndicatorPeerSummary) {}

  get count(): number {
    return this.summary.count;
  }

  get min(): number {
    return this.summary.min ?? Infinity;
  }

  get max(): number {
    return this.summary.max ?? -Infinity;
  }

  /** Mean and population sd of the peers with x added (x NaN: without), by Chan's update of the peers' mean and squares. */
  meanAndSd(x: number): { count: number; mean: number; sd: number } {
    const { count: n, mean, squares } = this.summary;
    if (x !== x) return n === 0 || mean === null || squares === null ? { count: 0, mean: NaN, sd: NaN } : { count: n, mean, sd: Math.sqrt(squares / n) };
    if (n === 0 || mean === null || squares === null) return { count: 1, mean: x, sd: 0 };
    const delta = x - mean;
    const total = n + 1;
    return { count: total, mean: mean + delta / total, sd: Math.sqrt((squares + (delta * delta * n) / total) / total) };
  }

  percentileOf(x: number, sign: number): number {
    this.ranked ??= new PeerValues(expandSketch(this.summary.sketch ?? EMPTY_SKETCH));
    return this.ranked.percentileOf(x, sign);
  }
}
