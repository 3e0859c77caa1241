// A KPI set compiled for the hot loop: indicators numbered in objective order, weights
// normalized, and each normalization reduced to a method code and two parameters.
import type { KpiSetV1 } from './format';
import { sortGradesDescending } from './grades';
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
