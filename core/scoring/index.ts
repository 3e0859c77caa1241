// The scoring engine's public API: pure TypeScript, no I/O, usable in the browser and on the server.
// See README.md (section "Scoring") for the format, the methods and their formulas.

export {
  KPI_SET_FORMAT,
  NORMALIZATION_METHOD_CODES,
  RESERVED_COLUMN_NAMES,
  kpiSetV1Schema,
  validateKpiSet,
  formatJsonPath,
  isPeerDependent,
} from './format';
export type {
  KpiSetV1,
  KpiSetV1Input,
  KpiObjective,
  KpiIndicator,
  Normalization,
  GradeBand,
  BilingualLabel,
  KpiSetProblem,
  KpiSetValidation,
} from './format';

export { canonicalJson, CanonicalJsonError } from './canonical-json';
export { sha256, sha256Hex } from './sha256';
export { methodHash } from './method-hash';

export { SCORING_INPUT_ERROR_CODES, ScoringInputError, WEIGHTS_PROBLEM_CODES, WeightsInputError, type WeightsProblemCode } from './errors';
export type { ScoringInputErrorCode } from './errors';

export { TOLERANCE, atLeast, nearlyEqual } from './tolerance';
export { rankAndPercentile } from './rank';
export type { RankAndPercentile } from './rank';
export { gradeFor, sortGradesDescending } from './grades';
export { couplingCoordination, couplingClassOf, COUPLING_CLASS_LABELS } from './coupling';
export type { CouplingResult } from './coupling';

export { compileKpiSet } from './compile';
export type { CompiledKpiSet } from './compile';
export { scoreMatrix } from './engine';
export type { ValuesMatrix, MatrixScores } from './engine';
export type { IndicatorPeerStats } from './normalizer';
export { scoreKpiSet, rowsToMatrix, stakeholderScoreAt, SCORES_FORMAT } from './score';
export type {
  ScoresV1,
  StakeholderScore,
  IndicatorScore,
  CouplingScore,
  ScoreWarning,
  ScoreWarningCode,
  ValuesRow,
} from './score';

export {
  equalWeights,
  normalizeWeights,
  combineWeights,
  ahpWeights,
  entropyWeights,
  criticWeights,
  SAATY_RANDOM_INDEX,
  AHP_MAX_CRITERIA,
  AHP_CR_LIMIT,
  AHP_RECIPROCAL_TOLERANCE,
} from './weights';
export type { AhpResult, AhpJudgement, EntropyResult, CriticResult, DataWeightsResult } from './weights';

export { formatScoresCsv, writeMatrixScoresCsv, scoresCsvHeader, csvText } from './scores-csv';
export { kpiSetV1JsonSchema } from './json-schema';
