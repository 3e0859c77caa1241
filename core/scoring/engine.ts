// The scoring engine's core: one pass over a row-major values matrix (NaN = missing) that
// normalizes (normalizer.ts), aggregates, grades, ranks and computes coupling, for a KPI set
// compiled to flat arrays (compile.ts). The readable per-stakeholder objects are built from this
// by score.ts; keeping the hot loop on typed arrays is what lets a 100,000 × 30 run take a
// fraction of a second.
//
// Aggregation, weights relative and renormalized over the values present:
//   arithmetic: Σ wᵢxᵢ / Σ wᵢ        geometric: Π xᵢ^(wᵢ/Σw) = exp(Σ wᵢ ln xᵢ / Σ wᵢ)
//   A zero in a geometric mean makes it 0: that is the mathematics of the geometric mean (no
//   compensation for a total failure), not an error; the engine adds no epsilon and warns instead.
//   (OECD/JRC Handbook 2008, §6, "linear" and "geometric aggregation".)
// Results are clamped to [0, scale] to remove rounding noise (a weighted mean of values ≤ scale can
// come out as scale + 1 ulp).
import type { CompiledKpiSet } from './compile';
import { gradeIndexFor } from './grades';
import { couplingInto, couplingClassOf } from './coupling';
import { rankDescendingInto } from './rank';
import { ScoringInputError } from './errors';
import { atLeast } from './tolerance';
import { Normalizer, type IndicatorPeerStats } from './normalizer';
import type { PeerDistribution } from './peer-values';

/** Values of `stakeholders.length` rows × the compiled set's indicators, row-major, NaN = missing. */
export interface ValuesMatrix {
  readonly stakeholders: readonly string[];
  readonly values: Float64Array;
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
 * Scores every row. Throws ScoringInputError under policy `reject` when a value is missing.
 * The matrix must hold finite numbers or NaN (score.ts and core/decode check this). A one-row
 * matrix may bring its other peers' values per indicator (peer-values.ts): that row then scores
 * exactly as it would among them.
 */
export function scoreMatrix(compiled: CompiledKpiSet, matrix: ValuesMatrix, peers?: readonly (PeerDistribution | null | undefined)[]): MatrixScores {
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

  const normalizer = new Normalizer(compiled, values, rows, peers);
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
