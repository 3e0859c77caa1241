// Weighting methods: manual (normalized), equal, AHP, entropy, CRITIC and their combination.
// Every function returns weights that add up to 1 (up to rounding) or throws WeightsInputError
// naming the offending place.
import { WeightsInputError } from './errors';

import { TOLERANCE } from './tolerance';
import { type Direction } from '@/core/domain/enums';

/** n weights of 1/n. */
export function equalWeights(n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new WeightsInputError('', `need at least one criterion, got ${n}`);
  return Array.from({ length: n }, () => 1 / n);
}

/** Manual weights: positive relative weights scaled to add up to 1. */
export function normalizeWeights(weights: readonly number[]): number[] {
  if (weights.length === 0) throw new WeightsInputError('', 'no weights given');
  let sum = 0;
  weights.forEach((w, i) => {
    if (!Number.isFinite(w) || w < 0) throw new WeightsInputError(`[${i}]`, `a weight must be a number ≥ 0, got ${w}`);
    sum += w;
  });
  if (!(sum > 0)) throw new WeightsInputError('', 'the weights add up to 0');
  return weights.map((w) => w / sum);
}

/**
 * Combination: w = α·w₁ + (1 − α)·w₂, α ∈ [0, 1], typically a subjective set (manual, AHP) with an
 * objective one (entropy, CRITIC). Both sets are normalized first, so the result adds up to 1.
 */
export function combineWeights(w1: readonly number[], w2: readonly number[], alpha: number): number[] {
  if (w1.length !== w2.length) throw new WeightsInputError('', `the two weight sets differ in length (${w1.length} and ${w2.length})`);
  if (!(alpha >= 0 && alpha <= 1)) throw new WeightsInputError('alpha', `α must lie in [0, 1], got ${alpha}`);
  const a = normalizeWeights(w1);
  const b = normalizeWeights(w2);
  return a.map((x, i) => alpha * x + (1 - alpha) * b[i]!);
}

// ─── AHP ────────────────────────────────────────────────────────────────────────────────────────
// Saaty's analytic hierarchy process. From a positive reciprocal pairwise comparison matrix A
// (aᵢⱼ = how much more important i is than j, 1/9 … 9, aⱼᵢ = 1/aᵢⱼ, aᵢᵢ = 1):
//   w = the principal (Perron) eigenvector of A, normalized to Σw = 1 (power iteration);
//   λmax = mean over i of (A w)ᵢ / wᵢ;  CI = (λmax − n)/(n − 1);  CR = CI / RI(n);
//   consistent when CR ≤ 0.1. For n ≤ 2 every reciprocal matrix is consistent: CI = CR = 0.
// RI: Saaty's random consistency index for n = 1 … 15.
// Reference: T. L. Saaty, The Analytic Hierarchy Process, McGraw-Hill, 1980; RI table as in
// Saaty, "Decision making with the analytic hierarchy process", Int. J. Services Sciences 1(1), 2008.

export const SAATY_RANDOM_INDEX = [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59] as const;
export const AHP_MAX_CRITERIA = SAATY_RANDOM_INDEX.length;
export const AHP_CR_LIMIT = 0.1;
/** How far aᵢⱼ·aⱼᵢ may stray from 1: lets people type 0.333 for 1/3 (0.333 × 3 = 0.999). */
export const AHP_RECIPROCAL_TOLERANCE = 0.01;

export interface AhpJudgement {
  /** Row and column of the judgement aᵢⱼ (i < j). */
  i: number;
  j: number;
  /** Criterion names when given. */
  rowCriterion?: string;
  columnCriterion?: string;
  /** The judgement as entered. */
  given: number;
  /** What the weights imply for it: wᵢ / wⱼ. */
  implied: number;
  /** |ln(aᵢⱼ · wⱼ / wᵢ)|: 0 when the judgement agrees exactly with the weights. */
  deviation: number;
}

export interface AhpResult {
  weights: number[];
  lambdaMax: number;
  CI: number;
  CR: number;
  RI: number;
  consistent: boolean;
  /**
   * The judgement most at odds with the others: the pair (i, j) maximizing |ln(aᵢⱼ · wⱼ / wᵢ)|.
   * Null for fewer than 3 criteria, where nothing can disagree.
   */
  mostInconsistent: AhpJudgement | null;
}

function checkAhpMatrix(matrix: readonly (readonly number[])[]): number {
  if (!Array.isArray(matrix)) throw new WeightsInputError('matrix', 'expected a square matrix (an array of rows)');
  const n = matrix.length;
  if (n < 1) throw new WeightsInputError('matrix', 'the matrix is empty');
  if (n > AHP_MAX_CRITERIA) throw new WeightsInputError('matrix', `AHP supports at most ${AHP_MAX_CRITERIA} criteria (Saaty's random index table), got ${n}`);
  const lowest = 1 / 9 - 1e-3;
  matrix.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n) throw new WeightsInputError(`matrix[${i}]`, `row ${i + 1} must have ${n} entries, like the number of rows`);
    row.forEach((a, j) => {
      const at = `matrix[${i}][${j}]`;
      if (typeof a !== 'number' || !Number.isFinite(a)) throw new WeightsInputError(at, `expected a number, got ${String(a)}`);
      if (!(a > 0)) throw new WeightsInputError(at, `judgements must be positive, got ${a}`);
      if (a < lowest || a > 9 + TOLERANCE) throw new WeightsInputError(at, `judgements lie on Saaty's scale 1/9 … 9, got ${a}`);
      if (i === j && Math.abs(a - 1) > TOLERANCE) throw new WeightsInputError(at, `the diagonal must be 1 (a criterion compared with itself), got ${a}`);
    });
  });
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = matrix[i]![j]!;
      const b = matrix[j]![i]!;
      if (Math.abs(a * b - 1) > AHP_RECIPROCAL_TOLERANCE) {
        throw new WeightsInputError(`matrix[${j}][${i}]`, `not reciprocal: matrix[${i}][${j}] is ${a}, so this must be 1/${a} (≈ ${1 / a}), got ${b}`);
      }
    }
  }
  return n;
}

/** AHP weights and consistency from a full reciprocal pairwise comparison matrix. */
export function ahpWeights(matrix: readonly (readonly number[])[], criteria?: readonly string[]): AhpResult {
  const n = checkAhpMatrix(matrix);
  if (criteria !== undefined && criteria.length !== n) {
    throw new WeightsInputError('criteria', `${criteria.length} criteria named for a ${n} × ${n} matrix`);
  }
  // Power iteration: A is positive, so it converges to the Perron vector (Perron–Frobenius).
  const w = new Float64Array(n).fill(1 / n);
  const next = new Float64Array(n);
  for (let iteration = 0; iteration < 10_000; iteration++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += matrix[i]![j]! * w[j]!;
      next[i] = s;
      sum += s;
    }
    let change = 0;
    for (let i = 0; i < n; i++) {
      const v = next[i]! / sum;
      change = Math.max(change, Math.abs(v - w[i]!));
      next[i] = v;
    }
    w.set(next);
    if (change < 1e-15) break;
  }
  let lambdaSum = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += matrix[i]![j]! * w[j]!;
    lambdaSum += s / w[i]!;
  }
  const lambdaMax = lambdaSum / n;
  // For n ≤ 2 λmax = n exactly in theory; rounding must not produce a tiny negative CI.
  const CI = n <= 2 ? 0 : Math.max(0, (lambdaMax - n) / (n - 1));
  const RI = SAATY_RANDOM_INDEX[n - 1]!;
  const CR = RI === 0 ? 0 : CI / RI;

  let mostInconsistent: AhpJudgement | null = null;
  if (n >= 3) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const given = matrix[i]![j]!;
        const implied = w[i]! / w[j]!;
        const deviation = Math.abs(Math.log(given / implied));
        if (mostInconsistent === null || deviation > mostInconsistent.deviation + TOLERANCE) {
          mostInconsistent = { i, j, given, implied, deviation };
          if (criteria) {
            mostInconsistent.rowCriterion = criteria[i]!;
            mostInconsistent.columnCriterion = criteria[j]!;
          }
        }
      }
    }
  }
  return { weights: Array.from(w), lambdaMax, CI, CR, RI, consistent: CR <= AHP_CR_LIMIT + TOLERANCE, mostInconsistent };
}

// ─── Objective weights from data (entropy, CRITIC) ─────────────────────────────────────────────
// Input: m rows (stakeholders) × n indicators, with each indicator's direction. Rows with a missing
// value in any of the indicators are left out (listwise), with a warning, so every indicator is
// judged on the same stakeholders. Both methods first min–max each indicator to [0, 1] with its
// direction: zᵢⱼ = (xᵢⱼ − minⱼ)/(maxⱼ − minⱼ), or (maxⱼ − xᵢⱼ)/(maxⱼ − minⱼ) for "lower".

/** A warning as a code with params, for the app's catalogs (`errors.engine.notices.<code>`). */
export interface WeightsNotice {
  code: 'rows_left_out' | 'constant' | 'one_varies' | 'perfectly_correlated';
  params: Record<string, string | number>;
}

export interface DataWeightsResult {
  weights: number[];
  /** In English, for the CLI; `notices` says the same as codes. */
  warnings: string[];
  notices: WeightsNotice[];
  /** Rows used (complete in every indicator). */
  rowsUsed: number;
}

export interface EntropyResult extends DataWeightsResult {
  method: 'entropy';
  /** eⱼ, the normalized entropy of each indicator (1 for a constant one). */
  entropy: number[];
  /** dⱼ = 1 − eⱼ, the degree of diversification. */
  divergence: number[];
}

export interface CriticResult extends DataWeightsResult {
  method: 'critic';
  /** σⱼ, the sample standard deviation of the normalized indicator. */
  stdDev: number[];
  /** Σₖ (1 − rⱼₖ), the conflict with the other indicators. */
  conflict: number[];
  /** Cⱼ = σⱼ · Σₖ (1 − rⱼₖ), the information content. */
  information: number[];
}

type DataMatrix = readonly (readonly (number | null | undefined)[])[];

interface PreparedData {
  /** Column-major min–max normalized values of the complete rows. */
  columns: Float64Array[];
  constant: boolean[];
  rowsUsed: number;
  warnings: string[];
  notices: WeightsNotice[];
}

function prepareData(rows: DataMatrix, directions: readonly Direction[], names?: readonly string[]): PreparedData {
  const n = directions.length;
  if (n === 0) throw new WeightsInputError('directions', 'no indicators given');
  if (names !== undefined && names.length !== n) throw new WeightsInputError('names', `${names.length} names for ${n} indicators`);
  const warnings: string[] = [];
  const notices: WeightsNotice[] = [];
  const complete: (readonly (number | null | undefined)[])[] = [];
  rows.forEach((row, r) => {
    if (!Array.isArray(row) || row.length !== n) throw new WeightsInputError(`rows[${r}]`, `expected ${n} values, one per indicator`);
    let isComplete = true;
    row.forEach((x, j) => {
      if (x === null || x === undefined) isComplete = false;
      else if (typeof x !== 'number' || !Number.isFinite(x)) throw new WeightsInputError(`rows[${r}][${j}]`, `expected a finite number or null, got ${String(x)}`);
    });
    if (isComplete) complete.push(row);
  });
  const m = complete.length;
  if (m < rows.length) {
    warnings.push(`${rows.length - m} of ${rows.length} rows have a missing value and were left out`);
    notices.push({ code: 'rows_left_out', params: { left: rows.length - m, total: rows.length } });
  }
  const label = (j: number) => (names ? `"${names[j]}"` : `indicator ${j + 1}`);
  if (m < 2) {
    // Usually a new indicator nobody has entered yet: name it, as that is what to fix.
    const empty = directions.map((_, j) => j).filter((j) => rows.every((row) => row[j] === null || row[j] === undefined));
    const what = 'need at least 2 complete rows (stakeholders with a value for every indicator) to weigh by the data';
    if (empty.length === 0) throw new WeightsInputError('rows', `${what}, got ${m}`, 'too_few_rows', { complete: m });
    const list = empty.map(label).join(', ');
    throw new WeightsInputError('rows', `${what}, got ${m}; no row has a value yet for ${list}`, 'too_few_rows_missing', {
      complete: m,
      indicators: empty.map((j) => names?.[j] ?? String(j + 1)).join(', '),
    });
  }
  const columns: Float64Array[] = [];
  const constant: boolean[] = [];
  for (let j = 0; j < n; j++) {
    const column = new Float64Array(m);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < m; i++) {
      const x = complete[i]![j] as number;
      column[i] = x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    const isConstant = !(max > min);
    constant.push(isConstant);
    if (isConstant) {
      warnings.push(`${label(j)} has the same value in every row, so it carries no information: weight 0`);
      notices.push({ code: 'constant', params: { indicator: names?.[j] ?? String(j + 1) } });
      column.fill(0);
    } else {
      const range = max - min;
      const higher = directions[j] === 'higher';
      for (let i = 0; i < m; i++) column[i] = higher ? (column[i]! - min) / range : (max - column[i]!) / range;
    }
    columns.push(column);
  }
  return { columns, constant, rowsUsed: m, warnings, notices };
}

/**
 * Entropy weights (the variant of the Chinese evaluation literature):
 *   pᵢⱼ = zᵢⱼ / Σᵢ zᵢⱼ;  eⱼ = −Σᵢ pᵢⱼ ln pᵢⱼ / ln m (0·ln 0 = 0);  dⱼ = 1 − eⱼ;  wⱼ = dⱼ / Σ d.
 * A constant indicator gets e = 1, d = 0, weight 0 and a warning.
 * Reference: Zou Zhihong, Yun Yi, Sun Jingnan, "Entropy method for determination of weight of
 * evaluating indicators in fuzzy synthetic evaluation for water quality assessment", Journal of
 * Environmental Sciences 18(5), 2006, 1020–1023.
 */
export function entropyWeights(rows: DataMatrix, directions: readonly Direction[], names?: readonly string[]): EntropyResult {
  const { columns, constant, rowsUsed: m, warnings, notices } = prepareData(rows, directions, names);
  const logM = Math.log(m);
  const entropy: number[] = [];
  const divergence: number[] = [];
  columns.forEach((column, j) => {
    if (constant[j]) {
      entropy.push(1);
      divergence.push(0);
      return;
    }
    let total = 0;
    for (let i = 0; i < m; i++) total += column[i]!;
    let h = 0;
    for (let i = 0; i < m; i++) {
      const p = column[i]! / total;
      if (p > 0) h -= p * Math.log(p);
    }
    const e = Math.min(1, h / logM);
    entropy.push(e);
    divergence.push(1 - e);
  });
  const sum = divergence.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) throw new WeightsInputError('rows', 'every indicator is constant over the rows: the data give no weights', 'no_information');
  return { method: 'entropy', weights: divergence.map((d) => d / sum), entropy, divergence, rowsUsed: m, warnings, notices };
}

/**
 * CRITIC weights (CRiteria Importance Through Intercriteria Correlation):
 *   σⱼ = sample standard deviation of zⱼ (divide by m − 1);  rⱼₖ = Pearson correlation of zⱼ, zₖ;
 *   Cⱼ = σⱼ · Σₖ (1 − rⱼₖ);  wⱼ = Cⱼ / Σ C.
 * A constant indicator gets weight 0 and a warning, and is left out of the other indicators'
 * conflict sums (its correlation is undefined). When ΣC = 0 among the others — one informative
 * indicator, or all perfectly correlated — they share the weight equally, with a warning.
 * Reference: D. Diakoulaki, G. Mavrotas, L. Papayannakis, "Determining objective weights in
 * multiple criteria problems: the CRITIC method", Computers & Operations Research 22(7), 1995,
 * 763–770.
 */
export function criticWeights(rows: DataMatrix, directions: readonly Direction[], names?: readonly string[]): CriticResult {
  const { columns, constant, rowsUsed: m, warnings, notices } = prepareData(rows, directions, names);
  const n = columns.length;
  const means = columns.map((column) => column.reduce((a, b) => a + b, 0) / m);
  const stdDev = columns.map((column, j) => {
    let squares = 0;
    for (let i = 0; i < m; i++) squares += (column[i]! - means[j]!) ** 2;
    return Math.sqrt(squares / (m - 1));
  });
  const informative = columns.map((_, j) => !constant[j]);
  const conflict: number[] = [];
  const information: number[] = [];
  for (let j = 0; j < n; j++) {
    if (!informative[j]) {
      conflict.push(0);
      information.push(0);
      continue;
    }
    let sum = 0;
    for (let k = 0; k < n; k++) {
      if (!informative[k] || k === j) continue; // rⱼⱼ = 1 adds 0
      let covariance = 0;
      for (let i = 0; i < m; i++) covariance += (columns[j]![i]! - means[j]!) * (columns[k]![i]! - means[k]!);
      covariance /= m - 1;
      const r = Math.max(-1, Math.min(1, covariance / (stdDev[j]! * stdDev[k]!)));
      sum += 1 - r;
    }
    conflict.push(sum);
    information.push(stdDev[j]! * sum);
  }
  const total = information.reduce((a, b) => a + b, 0);
  const informativeCount = informative.filter(Boolean).length;
  if (informativeCount === 0) throw new WeightsInputError('rows', 'every indicator is constant over the rows: the data give no weights', 'no_information');
  let weights: number[];
  if (total > 0) weights = information.map((c) => c / total);
  else {
    warnings.push(
      informativeCount === 1
        ? 'only one indicator varies over the rows; it takes the whole weight'
        : 'the varying indicators are perfectly correlated (no conflict); they share the weight equally',
    );
    notices.push({ code: informativeCount === 1 ? 'one_varies' : 'perfectly_correlated', params: {} });
    weights = informative.map((isInformative) => (isInformative ? 1 / informativeCount : 0));
  }
  return { method: 'critic', weights, stdDev, conflict, information, rowsUsed: m, warnings, notices };
}
