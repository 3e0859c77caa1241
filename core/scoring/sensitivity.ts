// Weight sensitivity (robustness of ranks and grades), and Spearman's rank correlation.
// Pure TypeScript, no I/O: runs in the browser in chunks (so the page stays responsive and shows
// progress) and in Node for the benchmark.
//
// Sensitivity: normalized indicator values do not depend on the weights (each indicator is
// normalized on its own), so they are computed once; each sample only redoes the aggregation with
// perturbed weights wᵢ' = wᵢ·(1 + uᵢ), uᵢ ~ U(−x, x), for objective and/or indicator weights, then
// grades and ranks the composites. Aggregation is the engine's (engine.ts): weights renormalized
// over the values present, arithmetic Σwx/Σw or geometric exp(Σw ln x/Σw) with a 0 making it 0,
// results clamped to [0, scale]. A stakeholder without a composite in the unperturbed run (below
// the minimum completeness) has none in any sample: completeness does not depend on weights.
// Ranks are competition ranks (1 + the number of strictly higher composites); the 5–95 % range of
// a stakeholder's rank uses the nearest-rank percentile of its N sampled ranks.
// Reference: A. Saisana, A. Saltelli, S. Tarantola, "Uncertainty and sensitivity analysis
// techniques as tools for the quality assessment of composite indicators", J. R. Stat. Soc. A
// 168(2), 2005, 307–323 (Monte Carlo over weights, rank ranges per unit).
import type { CompiledKpiSet } from './compile';
import type { MatrixScores } from './engine';
import { atLeast } from './tolerance';

export interface SensitivityBasis {
  scale: number;
  rowCount: number;
  indicatorCount: number;
  objectiveCount: number;
  /** Indicators of objective o are objectiveStart[o] … objectiveStart[o+1]−1. */
  objectiveStart: number[];
  indicatorWeight: number[];
  objectiveWeight: number[];
  indicatorsGeometric: boolean;
  objectivesGeometric: boolean;
  /** Row-major rows × indicators; null where the value does not count. */
  normalized: (number | null)[];
  /** Unperturbed composites; null where there is none. */
  composite: (number | null)[];
  /** Grade band minimums and codes, highest band first. */
  gradeMins: number[];
  gradeCodes: string[];
}

/** From the engine's scores, or anything giving normalized values and composites the same way (NaN = none). */
export function sensitivityBasisOf(compiled: CompiledKpiSet, scores: Pick<MatrixScores, 'rowCount' | 'normalizedAt' | 'composite'>): SensitivityBasis {
  const nullable = (x: number) => (x === x ? x : null);
  const k = compiled.indicatorCodes.length;
  const normalized: (number | null)[] = new Array<number | null>(scores.rowCount * k);
  for (let r = 0; r < scores.rowCount; r++) for (let j = 0; j < k; j++) normalized[r * k + j] = nullable(scores.normalizedAt(r, j));
  return {
    scale: compiled.scale,
    rowCount: scores.rowCount,
    indicatorCount: compiled.indicatorCodes.length,
    objectiveCount: compiled.objectiveCodes.length,
    objectiveStart: Array.from(compiled.objectiveStart),
    indicatorWeight: Array.from(compiled.indicatorWeight),
    objectiveWeight: Array.from(compiled.objectiveWeight),
    indicatorsGeometric: compiled.indicatorsGeometric,
    objectivesGeometric: compiled.objectivesGeometric,
    normalized,
    composite: Array.from(scores.composite, nullable),
    gradeMins: compiled.gradesDescending.map((g) => g.min),
    gradeCodes: compiled.gradesDescending.map((g) => g.code),
  };
}

export interface SensitivityOptions {
  /** Half-width x of the uniform noise, as a fraction (0.2 = ±20 %). */
  noise: number;
  samples: number;
  seed: number;
  perturb: 'all' | 'objectives' | 'indicators';
}

export interface StakeholderSensitivity {
  row: number;
  baseRank: number | null;
  baseGrade: string | null;
  rankP5: number | null;
  rankMedian: number | null;
  rankP95: number | null;
  /** Share of samples in which the grade equals the unperturbed grade. */
  gradeStability: number | null;
  /** Every grade seen across the samples, highest band first. */
  gradesSeen: string[];
  stable: boolean;
}

/** Mulberry32: a small, fast, seedable 32-bit PRNG (Tommy Ettinger, public domain). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gradeIndex(composite: number, mins: readonly number[]): number {
  for (let g = 0; g < mins.length; g++) if (atLeast(composite, mins[g]!)) return g;
  return -1;
}

/** Competition ranks, highest first, of the non-NaN values; NaN gets rank 0. */
function rankInto(values: Float64Array, order: Int32Array, out: Int32Array): void {
  const n = values.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (values[i] === values[i]) order[m++] = i;
  const present = order.subarray(0, m);
  present.sort((a, b) => values[b]! - values[a]!);
  out.fill(0);
  for (let p = 0; p < m; p++) {
    const i = present[p]!;
    out[i] = p > 0 && values[present[p - 1]!] === values[i] ? out[present[p - 1]!]! : p + 1;
  }
}

/** The basis's normalized values as NaN-for-missing numbers, and their logarithms (for geometric means). */
export function basisValues(basis: SensitivityBasis): { values: Float64Array; logValues: Float64Array } {
  const values = Float64Array.from(basis.normalized, (x) => (x === null ? NaN : x));
  const logValues = Float64Array.from(values, (x) => (x > 0 ? Math.log(x) : x === 0 ? -Infinity : NaN));
  return { values, logValues };
}

/**
 * One sample of weights: wᵢ' = wᵢ·(1 + x·(2u − 1)), the indicators' first and then the objectives',
 * each u the PRNG's next number (the order every caller shares, so a seed gives the same weights).
 */
export function perturbWeightsInto(b: SensitivityBasis, random: () => number, noise: number, perturb: SensitivityOptions['perturb'], iw: Float64Array, ow: Float64Array): void {
  for (let j = 0; j < b.indicatorCount; j++) iw[j] = b.indicatorWeight[j]! * (perturb === 'objectives' ? 1 : 1 + noise * (2 * random() - 1));
  for (let o = 0; o < b.objectiveCount; o++) ow[o] = b.objectiveWeight[o]! * (perturb === 'indicators' ? 1 : 1 + noise * (2 * random() - 1));
}

/**
 * Row r's composite under weights iw, ow, aggregated as the engine does; its objective scores go
 * to objectiveOut[offset + o] (NaN where an objective has no value). NaN when no objective has one.
 */
export function aggregateRow(
  b: SensitivityBasis,
  values: Float64Array,
  logValues: Float64Array,
  iw: Float64Array,
  ow: Float64Array,
  r: number,
  objectiveOut: Float64Array,
  offset: number,
): number {
  const { indicatorCount: k, objectiveCount: objectives, scale } = b;
  const base = r * k;
  let alphaSum = 0;
  let total = 0;
  let totalZero = false;
  for (let o = 0; o < objectives; o++) {
    let wSum = 0;
    let acc = 0;
    let zero = false;
    for (let j = b.objectiveStart[o]!, e = b.objectiveStart[o + 1]!; j < e; j++) {
      const x = values[base + j]!;
      if (x !== x) continue;
      const w = iw[j]!;
      wSum += w;
      if (!b.indicatorsGeometric) acc += w * x;
      else if (x > 0) acc += w * logValues[base + j]!;
      else zero = true;
    }
    if (wSum === 0) {
      objectiveOut[offset + o] = NaN;
      continue;
    }
    let s = b.indicatorsGeometric ? (zero ? 0 : Math.exp(acc / wSum)) : acc / wSum;
    s = s < 0 ? 0 : s > scale ? scale : s;
    objectiveOut[offset + o] = s;
    const alpha = ow[o]!;
    alphaSum += alpha;
    if (!b.objectivesGeometric) total += alpha * s;
    else if (s > 0) total += alpha * Math.log(s);
    else totalZero = true;
  }
  if (alphaSum === 0) return NaN;
  const c = b.objectivesGeometric ? (totalZero ? 0 : Math.exp(total / alphaSum)) : total / alphaSum;
  return c < 0 ? 0 : c > scale ? scale : c;
}

/** A sensitivity run that advances in steps, so a caller can yield between chunks and show progress. */
export class SensitivityRun {
  readonly options: SensitivityOptions;
  private readonly basis: SensitivityBasis;
  private readonly random: () => number;
  private readonly values: Float64Array;
  private readonly logValues: Float64Array;
  private readonly baseGrade: Int32Array;
  private readonly baseRank: Int32Array;
  private readonly ranks: Int32Array;
  private readonly sameGrade: Int32Array;
  private readonly gradeSeen: Uint8Array;
  private readonly composite: Float64Array;
  private readonly order: Int32Array;
  private readonly rankScratch: Int32Array;
  private done = 0;

  constructor(basis: SensitivityBasis, options: SensitivityOptions) {
    if (!(options.noise >= 0 && options.noise < 1)) throw new RangeError('noise must lie in [0, 1)');
    if (!(Number.isInteger(options.samples) && options.samples >= 1)) throw new RangeError('samples must be a positive integer');
    this.basis = basis;
    this.options = options;
    this.random = mulberry32(options.seed);
    const { rowCount: rows, indicatorCount: k } = basis;
    ({ values: this.values, logValues: this.logValues } = basisValues(basis));
    if (this.values.length !== rows * k) throw new RangeError('normalized has the wrong size');
    const baseComposite = Float64Array.from(basis.composite, (x) => (x === null ? NaN : x));
    this.baseGrade = new Int32Array(rows);
    for (let r = 0; r < rows; r++) this.baseGrade[r] = baseComposite[r] === baseComposite[r] ? gradeIndex(baseComposite[r]!, basis.gradeMins) : -1;
    this.order = new Int32Array(rows);
    this.baseRank = new Int32Array(rows);
    rankInto(baseComposite, this.order, this.baseRank);
    this.ranks = new Int32Array(rows * options.samples);
    this.sameGrade = new Int32Array(rows);
    this.gradeSeen = new Uint8Array(rows * Math.max(1, basis.gradeMins.length + 1));
    this.composite = new Float64Array(rows);
    this.rankScratch = new Int32Array(rows);
  }

  get samplesDone(): number {
    return this.done;
  }

  get finished(): boolean {
    return this.done >= this.options.samples;
  }

  /** Runs up to `count` more samples; returns how many are done. */
  step(count: number): number {
    const b = this.basis;
    const rows = b.rowCount;
    const { noise, perturb } = this.options;
    const iw = new Float64Array(b.indicatorCount);
    const ow = new Float64Array(b.objectiveCount);
    const objectiveScratch = new Float64Array(b.objectiveCount);
    const bands = b.gradeMins.length + 1;
    const end = Math.min(this.options.samples, this.done + count);
    for (; this.done < end; this.done++) {
      perturbWeightsInto(b, this.random, noise, perturb, iw, ow);
      for (let r = 0; r < rows; r++) {
        if (this.baseRank[r] === 0) {
          this.composite[r] = NaN;
          continue;
        }
        const c = aggregateRow(b, this.values, this.logValues, iw, ow, r, objectiveScratch, 0);
        this.composite[r] = c;
        const g = gradeIndex(c, b.gradeMins);
        if (g === this.baseGrade[r]) this.sameGrade[r]!++;
        this.gradeSeen[r * bands + (g < 0 ? bands - 1 : g)] = 1;
      }
      rankInto(this.composite, this.order, this.rankScratch);
      this.ranks.set(this.rankScratch, this.done * rows);
    }
    return this.done;
  }

  /** Per stakeholder (in basis row order): rank range, grade stability. */
  result(): StakeholderSensitivity[] {
    const rows = this.basis.rowCount;
    const n = this.done;
    const bands = this.basis.gradeMins.length + 1;
    const sample = new Int32Array(n);
    const at = (q: number) => sample[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!;
    const out: StakeholderSensitivity[] = [];
    for (let r = 0; r < rows; r++) {
      const baseRank = this.baseRank[r]!;
      if (baseRank === 0 || n === 0) {
        out.push({ row: r, baseRank: baseRank || null, baseGrade: null, rankP5: null, rankMedian: null, rankP95: null, gradeStability: null, gradesSeen: [], stable: true });
        continue;
      }
      for (let s = 0; s < n; s++) sample[s] = this.ranks[s * rows + r]!;
      sample.sort();
      const seen: string[] = [];
      for (let g = 0; g < bands; g++) if (this.gradeSeen[r * bands + g]) seen.push(this.basis.gradeCodes[g] ?? '—');
      const stability = this.sameGrade[r]! / n;
      out.push({
        row: r,
        baseRank,
        baseGrade: this.baseGrade[r]! >= 0 ? this.basis.gradeCodes[this.baseGrade[r]!]! : null,
        rankP5: at(0.05),
        rankMedian: at(0.5),
        rankP95: at(0.95),
        gradeStability: stability,
        gradesSeen: seen,
        stable: stability === 1,
      });
    }
    return out;
  }
}

/**
 * Spearman's rank correlation ρ of paired values: the Pearson correlation of their ranks, ties
 * given the average of the ranks they span. Pairs with a null on either side are left out.
 * Null when fewer than 2 pairs remain or either side is constant (ρ undefined).
 * Reference: C. Spearman, "The proof and measurement of association between two things",
 * American Journal of Psychology 15(1), 1904, 72–101; tie handling as in e.g. Kendall & Gibbons,
 * Rank Correlation Methods, 5th ed., 1990, ch. 3.
 */
export function spearman(a: readonly (number | null)[], b: readonly (number | null)[]): number | null {
  if (a.length !== b.length) throw new RangeError('spearman needs two series of the same length');
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || y === null || x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    xs.push(x);
    ys.push(y);
  }
  if (xs.length < 2) return null;
  const rx = averageRanks(xs);
  const ry = averageRanks(ys);
  const n = rx.length;
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = rx[i]! - mean;
    const dy = ry[i]! - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Ranks 1…n in ascending order, ties sharing the mean of their positions. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const ranks = new Array<number>(values.length);
  for (let p = 0; p < order.length; ) {
    let q = p;
    while (q + 1 < order.length && values[order[q + 1]!] === values[order[p]!]) q++;
    const shared = (p + q) / 2 + 1;
    for (let t = p; t <= q; t++) ranks[order[t]!] = shared;
    p = q + 1;
  }
  return ranks;
}
