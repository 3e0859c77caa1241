// The readable face of the engine: `scoreKpiSet` takes rows of values keyed by indicator code and
// returns the `scores/v1` document — per stakeholder the raw, normalized and weighted values, the
// objective scores, composite, grade, rank, percentile, coupling and warnings.
//
// Per indicator i of objective k, for one stakeholder:
//   weight            = wᵢ / Σ_{j ∈ k} wⱼ                  (configured, normalized within the objective)
//   effectiveWeight   = wᵢ / Σ_{j ∈ k, present} wⱼ × αₖ / Σ_{objectives with a value} α
//                       (its exponent or coefficient in the composite; 0 when its value is missing
//                       and not counted; the effective weights of a stakeholder add up to 1)
//   contribution      = composite × effectiveWeightᵢ·normalizedᵢ / Σⱼ effectiveWeightⱼ·normalizedⱼ
//                       With arithmetic aggregation at both levels this is exactly
//                       effectiveWeight × normalized; under geometric aggregation it shares the
//                       composite out in the same proportions. Either way the contributions add up
//                       to the composite. Null when the value is missing or there is no composite.
// completeness = indicators with a value / indicators in the set.
import type { KpiSetV1 } from './format';
import type { BilingualLabel } from './format';
import { compileKpiSet, METHOD_GOALPOSTS, METHOD_MINMAX, METHOD_ZSCORE, type CompiledKpiSet } from './compile';
import { scoreMatrix, type MatrixScores, type ValuesMatrix } from './engine';
import { COUPLING_CLASS_LABELS } from './coupling';
import { ScoringInputError } from './errors';
import { methodHash } from './method-hash';

export const SCORES_FORMAT = 'scores/v1';

export interface IndicatorScore {
  raw: number | null;
  normalized: number | null;
  weight: number;
  effectiveWeight: number;
  contribution: number | null;
}

export type ScoreWarningCode =
  | 'missing_value'
  | 'clamped'
  | 'no_peer_spread'
  | 'geometric_zero'
  | 'objective_missing'
  | 'below_min_completeness';

/** A note on how a score came about; `message` is English, `code` and the fields allow translation. */
export interface ScoreWarning {
  code: ScoreWarningCode;
  message: string;
  indicator?: string;
  objective?: string;
}

export interface CouplingScore {
  C: number;
  T: number;
  D: number;
  class: number;
  label: BilingualLabel;
}

export interface StakeholderScore {
  stakeholder: string;
  composite: number | null;
  grade: string | null;
  rank: number | null;
  percentile: number | null;
  completeness: number;
  objectives: Record<string, number | null>;
  indicators: Record<string, IndicatorScore>;
  /** Null unless every objective has a score. */
  coupling: CouplingScore | null;
  warnings: ScoreWarning[];
}

export interface ScoresV1 {
  format: typeof SCORES_FORMAT;
  methodHash: string;
  results: StakeholderScore[];
}

export interface ValuesRow {
  stakeholder: string;
  values: Record<string, number | null | undefined>;
}

function nullable(x: number): number | null {
  return x === x ? x : null;
}

/**
 * Puts rows keyed by indicator code into the engine's matrix. Refuses (ScoringInputError) empty or
 * duplicate stakeholders, unknown indicator codes and values that are not finite numbers.
 */
export function rowsToMatrix(compiled: CompiledKpiSet, rows: readonly ValuesRow[]): ValuesMatrix {
  const k = compiled.indicatorCodes.length;
  const column = new Map(compiled.indicatorCodes.map((code, j) => [code, j]));
  const values = new Float64Array(rows.length * k).fill(NaN);
  const seen = new Set<string>();
  rows.forEach((row, r) => {
    const stakeholder = row.stakeholder;
    if (typeof stakeholder !== 'string' || stakeholder.trim() === '') {
      throw new ScoringInputError('empty_stakeholder', `row ${r + 1} has no stakeholder`);
    }
    if (seen.has(stakeholder)) {
      throw new ScoringInputError('duplicate_stakeholder', `stakeholder "${stakeholder}" appears more than once`, stakeholder);
    }
    seen.add(stakeholder);
    for (const [code, value] of Object.entries(row.values)) {
      const j = column.get(code);
      if (j === undefined) {
        throw new ScoringInputError(
          'unknown_indicator',
          `stakeholder "${stakeholder}" has a value for "${code}", which is not an indicator of KPI set "${compiled.kpiSet.code}"`,
          stakeholder,
          code,
        );
      }
      if (value === null || value === undefined) continue;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new ScoringInputError(
          'invalid_value',
          `stakeholder "${stakeholder}", indicator "${code}": ${String(value)} is not a finite number`,
          stakeholder,
          code,
        );
      }
      values[r * k + j] = value;
    }
  });
  return { stakeholders: rows.map((row) => row.stakeholder), values };
}

/** The full `scores/v1` result of row `r` of an engine run. */
export function stakeholderScoreAt(
  compiled: CompiledKpiSet,
  matrix: ValuesMatrix,
  scores: MatrixScores,
  r: number,
): StakeholderScore {
  const { indicatorCodes, objectiveCodes, objectiveStart, indicatorWeight, objectiveWeight } = compiled;
  const k = indicatorCodes.length;
  const objectiveCount = objectiveCodes.length;
  const kpiSet = compiled.kpiSet;
  const warnings: ScoreWarning[] = [];
  const compositeValue = scores.composite[r]!;
  const composite = nullable(compositeValue);

  const normalizedValues = new Float64Array(k);
  for (let j = 0; j < k; j++) normalizedValues[j] = scores.normalizedAt(r, j);
  // Weight of the present indicators per objective, and of the objectives with a value.
  const presentWeight = new Float64Array(objectiveCount);
  let presentObjectiveWeight = 0;
  for (let o = 0; o < objectiveCount; o++) {
    let weight = 0;
    for (let j = objectiveStart[o]!; j < objectiveStart[o + 1]!; j++) {
      if (normalizedValues[j] === normalizedValues[j]) weight += indicatorWeight[j]!;
    }
    presentWeight[o] = weight;
    if (weight > 0) presentObjectiveWeight += objectiveWeight[o]!;
  }
  const effectiveWeight = new Float64Array(k);
  let weightedSum = 0;
  for (let j = 0; j < k; j++) {
    const x = normalizedValues[j]!;
    if (x !== x) continue;
    const o = compiled.indicatorObjective[j]!;
    effectiveWeight[j] = (indicatorWeight[j]! / presentWeight[o]!) * (objectiveWeight[o]! / presentObjectiveWeight);
    weightedSum += effectiveWeight[j]! * x;
  }

  const indicators: Record<string, IndicatorScore> = {};
  const objectives: Record<string, number | null> = {};
  for (let o = 0; o < objectiveCount; o++) {
    const objective = kpiSet.objectives[o]!;
    const objectiveScore = nullable(scores.objectiveScores[r * objectiveCount + o]!);
    objectives[objective.code] = objectiveScore;
    for (let j = objectiveStart[o]!, i = 0; j < objectiveStart[o + 1]!; j++, i++) {
      const indicator = objective.indicators[i]!;
      const raw = nullable(matrix.values[r * k + j]!);
      const normalized = nullable(normalizedValues[j]!);
      let contribution: number | null = null;
      if (normalized !== null && composite !== null) {
        contribution = weightedSum > 0 ? (compositeValue * effectiveWeight[j]! * normalized) / weightedSum : 0;
      }
      indicators[indicator.code] = {
        raw,
        normalized,
        weight: indicatorWeight[j]!,
        effectiveWeight: effectiveWeight[j]!,
        contribution,
      };
      warnIndicator(compiled, scores, j, indicator.code, objective.code, raw, normalized, warnings);
    }
    if (objectiveScore === null) {
      warnings.push({
        code: 'objective_missing',
        objective: objective.code,
        message: `objective "${objective.code}" has no values; it is left out of the composite and there is no coupling`,
      });
    } else if (objectiveScore === 0 && kpiSet.aggregation.objectives === 'geometric' && objectiveCount > 1) {
      warnings.push({
        code: 'geometric_zero',
        objective: objective.code,
        message: `objective "${objective.code}" scored 0, which makes the geometric composite 0`,
      });
    }
  }

  const completeness = scores.completeness[r]!;
  if (composite === null && kpiSet.missing.policy === 'reweight' && presentObjectiveWeight > 0) {
    warnings.push({
      code: 'below_min_completeness',
      message: `completeness ${completeness} is below the KPI set's minimum ${kpiSet.missing.minCompleteness}, so there is no composite, grade or rank`,
    });
  }

  const gradeIndex = scores.gradeIndex[r]!;
  const couplingClass = scores.couplingClass[r]!;
  return {
    stakeholder: matrix.stakeholders[r]!,
    composite,
    grade: gradeIndex >= 0 ? compiled.gradesDescending[gradeIndex]!.code : null,
    rank: nullable(scores.rank[r]!),
    percentile: nullable(scores.percentile[r]!),
    completeness,
    objectives,
    indicators,
    coupling:
      couplingClass === 0
        ? null
        : {
            C: scores.couplingC[r]!,
            T: scores.couplingT[r]!,
            D: scores.couplingD[r]!,
            class: couplingClass,
            label: COUPLING_CLASS_LABELS[couplingClass - 1]!,
          },
    warnings,
  };
}

function warnIndicator(
  compiled: CompiledKpiSet,
  scores: MatrixScores,
  j: number,
  code: string,
  objectiveCode: string,
  raw: number | null,
  normalized: number | null,
  warnings: ScoreWarning[],
): void {
  if (raw === null) {
    warnings.push({
      code: 'missing_value',
      indicator: code,
      message:
        compiled.missingPolicy === 'zero'
          ? `no value for "${code}"; it counts as 0`
          : `no value for "${code}"; its weight goes to the other indicators of objective "${objectiveCode}"`,
    });
    return;
  }
  const kind = compiled.method[j]!;
  if (kind === METHOD_GOALPOSTS) {
    const min = compiled.paramA[j]!;
    const max = compiled.paramB[j]!;
    if (raw < min) warnings.push({ code: 'clamped', indicator: code, message: `${code} = ${raw} is below the goalpost min ${min}; scored as ${min}` });
    else if (raw > max) warnings.push({ code: 'clamped', indicator: code, message: `${code} = ${raw} is above the goalpost max ${max}; scored as ${max}` });
  } else if (kind === METHOD_MINMAX || kind === METHOD_ZSCORE) {
    const stats = scores.peerStats[j]!;
    const flat = kind === METHOD_MINMAX ? stats.min === stats.max : stats.sd === 0;
    if (flat) {
      warnings.push({
        code: 'no_peer_spread',
        indicator: code,
        message:
          kind === METHOD_MINMAX
            ? `all ${stats.count} peers with a value of "${code}" have the same value, so min–max gives each the full score`
            : `all ${stats.count} peers with a value of "${code}" have the same value, so the z-score puts each at the center`,
      });
    }
  }
  const o = compiled.indicatorObjective[j]!;
  const indicatorsInObjective = compiled.objectiveStart[o + 1]! - compiled.objectiveStart[o]!;
  if (normalized === 0 && compiled.indicatorsGeometric && indicatorsInObjective > 1) {
    warnings.push({
      code: 'geometric_zero',
      indicator: code,
      objective: objectiveCode,
      message: `"${code}" scored 0, which makes the geometric mean of objective "${objectiveCode}" 0`,
    });
  }
}

/**
 * Scores every row under a validated KPI set and returns the `scores/v1` document. Results follow
 * the order of `rows`. Throws ScoringInputError for unusable rows and, under policy `reject`, for
 * a missing value (naming stakeholder and indicator).
 */
export function scoreKpiSet(kpiSet: KpiSetV1, rows: readonly ValuesRow[]): ScoresV1 {
  const compiled = compileKpiSet(kpiSet);
  const matrix = rowsToMatrix(compiled, rows);
  const scores = scoreMatrix(compiled, matrix);
  const results: StakeholderScore[] = [];
  for (let r = 0; r < scores.rowCount; r++) results.push(stakeholderScoreAt(compiled, matrix, scores, r));
  return { format: SCORES_FORMAT, methodHash: methodHash(kpiSet), results };
}
