// Stakeholders of a program's types without a published score in the period: excluded from it,
// never evaluated, or evaluated but not in the published run. A run lists each one as "not
// scored", with the cause, so the office sees who the program never looked at; the rule decides
// nothing about them, so they are not candidates, are not in the budget and do not enter the
// run's input hash.
import type { StakeholderType } from '@/core/domain/enums';
import { evaluateRule, type RuleExplanation } from './evaluate';
import type { DeterminationExplanation, ProgramCore } from './program';

export const NOT_SCORED_CAUSES = ['not_evaluated', 'excluded', 'not_published'] as const;
export type NotScoredCause = (typeof NOT_SCORED_CAUSES)[number];

/** The truth column of a stored determination without a score (the engine's are pass, fail, unknown). */
export const UNSCORED_TRUTH = 'unscored';

export interface NotScored {
  stakeholder: string;
  type: StakeholderType;
  county: string | null;
  cause: NotScoredCause;
  /** The exclusion's reason as the assessor wrote it (excluded only). */
  note: string | null;
}

/** Every clause of the explanation undecided, with no actual value: the thresholds stay readable. */
function undecided(e: RuleExplanation): RuleExplanation {
  if (e.op === 'clause') {
    const { periods: _periods, redFlags: _redFlags, note: _note, ...rest } = e.explanation;
    return { ...e, truth: 'unknown', explanation: { ...rest, truth: 'unknown', actual: null } };
  }
  if (e.op === 'not') return { ...e, truth: 'unknown', rule: undecided(e.rule) };
  return { ...e, truth: 'unknown', rules: e.rules.map(undecided) };
}

/** What a run stores for a stakeholder without a score: the rule's clauses, all undecided, and the cause. */
export function notScoredExplanation(program: Pick<ProgramCore, 'rule'>, s: NotScored): DeterminationExplanation {
  const empty = { stakeholder: s.stakeholder, type: s.type, grades: [], composite: null, grade: null, objectives: {}, indicators: {}, percentile: null, couplingClass: null };
  return {
    truth: 'unknown',
    reason: 'not_scored',
    type: s.type,
    county: s.county,
    composite: null,
    demand: null,
    capped: false,
    budgetCut: null,
    rule: undecided(evaluateRule(program.rule, empty).explanation),
    notScored: { cause: s.cause, note: s.note },
  };
}
