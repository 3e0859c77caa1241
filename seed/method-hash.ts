// The content of a seeded KPI-set version, by codes. Its method hash is the engine's hash of the
// kpi-set/v1 document built from the stored version (server/services/kpi-documents.ts).
import { GRADE_BANDS, INDICATOR_SEEDS, OBJECTIVE_SEEDS, type GradeBand, type KpiSetSeed } from './catalogue';

export interface KpiSetVersionContent {
  format: 'kpi-set/v1';
  kpiSet: string;
  stakeholderType: string;
  version: number;
  scale: number;
  aggregation: { indicators: string; objectives: string };
  missingPolicy: string;
  minCompleteness: number;
  grades: readonly GradeBand[];
  objectives: { code: string; weight: number; position: number }[];
  indicators: {
    code: string;
    objective: string;
    direction: string;
    weight: number;
    position: number;
    normalization: { method: string; min: number; max: number; transform: string };
  }[];
}

/** The content of version `version` of a seeded KPI set, by codes (no database ids). */
export function kpiSetVersionContent(set: KpiSetSeed, version = 1): KpiSetVersionContent {
  const indicators = INDICATOR_SEEDS.filter((i) => i.type === set.type);
  return {
    format: 'kpi-set/v1',
    kpiSet: set.code,
    stakeholderType: set.type,
    version,
    scale: set.scale,
    aggregation: { indicators: set.aggregationIndicators, objectives: set.aggregationObjectives },
    missingPolicy: set.missingPolicy,
    minCompleteness: set.minCompleteness,
    grades: GRADE_BANDS,
    objectives: OBJECTIVE_SEEDS.map((o, position) => ({ code: o.code, weight: set.objectiveWeights[o.code], position })),
    indicators: indicators.map((i, position) => ({
      code: i.code,
      objective: i.objective,
      direction: i.direction,
      weight: i.weight,
      position,
      normalization: i.normalization,
    })),
  };
}

