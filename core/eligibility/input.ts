// What the rule engine evaluates: one stakeholder's published score in a period, plus the earlier
// published periods for "consecutive" clauses. Built from the database by
// server/services/eligibility-runs.ts and from a `scores/v1` file by the CLI (cli/eligibility.ts).
// A field that is `undefined` is "not available" (e.g. county percentile offline); `null` means
// "available, but the stakeholder has no value" (e.g. no composite below minimum completeness).
import type { StakeholderType } from '@/core/domain/enums';
import type { HistoryField } from './rules';

export interface IndicatorValue {
  raw: number | null;
  normalized: number | null;
}

/** One published period's score of a stakeholder: the metrics clauses look at. */
export interface PeriodScore {
  composite: number | null;
  grade: string | null;
  objectives: Record<string, number | null>;
  indicators: Record<string, IndicatorValue>;
  /** Percentile among peers of the same KPI-set version in the province (0–100). */
  percentile: number | null;
  /** Percentile among peers within the county (0–100); undefined when not available. */
  countyPercentile?: number | null | undefined;
  /** Coupling coordination class 1–10, null when an objective has no score. */
  couplingClass: number | null;
}

export interface HistoryEntry {
  period: string;
  /** Null when the stakeholder had no published score in that period. */
  score: PeriodScore | null;
}

export interface EligibilityInput extends PeriodScore {
  /** Stakeholder code (unique). */
  stakeholder: string;
  name?: string | undefined;
  type: StakeholderType;
  /** County (a stable key such as its code); undefined when not available. */
  county?: string | undefined;
  /** Grade codes of the stakeholder's KPI set, best first (needed by grade clauses). */
  grades: string[];
  /**
   * Indicator code → the raw value above which it raises a red flag. Undefined when not available
   * (a scores/v1 file does not carry them): red-flag clauses are then undecided, never passed.
   */
  redFlagLimits?: Record<string, number> | undefined;
  /**
   * Earlier published periods, most recent first, without gaps: history[0] is the published
   * period right before this one. Undefined when not available (offline).
   */
  history?: HistoryEntry[] | undefined;
}

/**
 * An earlier period's score with only the given fields (historyFieldsNeeded): the others empty,
 * which no clause of the rule reads. Without a field list, the score as it is.
 */
export function projectHistoryScore(score: PeriodScore, fields: readonly HistoryField[] | null): PeriodScore {
  if (fields === null) return score;
  const has = (f: HistoryField) => fields.includes(f);
  return {
    composite: has('composite') ? score.composite : null,
    ...(has('countyPercentile') ? { countyPercentile: score.countyPercentile } : {}),
    couplingClass: has('couplingClass') ? score.couplingClass : null,
    grade: has('grade') ? score.grade : null,
    indicators: has('indicators') ? score.indicators : {},
    objectives: has('objectives') ? score.objectives : {},
    percentile: has('percentile') ? score.percentile : null,
  };
}
