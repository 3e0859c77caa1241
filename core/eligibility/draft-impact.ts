// What a draft KPI-set version would change in eligibility: the draft's scores in the engine's
// terms, the inputs a program would see were the draft published, and the rule clauses whose
// outcome flips between two explanations. Pure; the tuning service reads the data.
import { rankWithinGroups, type LightScores } from '../scoring/period-scoring';
import type { Clause } from './rules';
import type { ClauseExplanation, RuleExplanation } from './evaluate';
import type { EligibilityInput, PeriodScore } from './input';

const nullable = (x: number) => (x === x ? x : null);

/**
 * The draft's scores of each previewed stakeholder in the eligibility engine's terms — the same
 * fields an official run stores and the published inputs read back: composite, grade, objective
 * scores, raw and normalized indicator values, percentile among the run's stakeholders (the
 * engine's), percentile within the county (as a stored run ranks) and the coupling class. For an
 * unchanged draft they equal the published scores exactly (tested).
 */
export function draftPeriodScores(scored: LightScores, input: { meta: ReadonlyMap<string, { countyKey: string }> }): Map<string, PeriodScore> {
  const { compiled, matrix, scores, rows } = scored;
  const k = compiled.indicatorCodes.length;
  const county = rankWithinGroups(
    rows.map((r) => r.composite),
    rows.map((r) => input.meta.get(r.code)?.countyKey ?? ''),
  );
  const out = new Map<string, PeriodScore>();
  rows.forEach((row, r) => {
    const indicatorValues: PeriodScore['indicators'] = {};
    compiled.indicatorCodes.forEach((code, j) => (indicatorValues[code] = { raw: nullable(matrix.values[r * k + j]!), normalized: nullable(scores.normalizedAt(r, j)) }));
    const couplingClass = scores.couplingClass[r]!;
    out.set(row.code, {
      composite: row.composite,
      grade: row.grade,
      objectives: row.objectives,
      indicators: indicatorValues,
      percentile: nullable(scores.percentile[r]!),
      countyPercentile: county[r]!.percentile,
      couplingClass: couplingClass === 0 ? null : couplingClass,
    });
  });
  return out;
}

/**
 * The inputs a program would see if the draft were published for the period: the published
 * inputs, with the previewed stakeholders' scores, grade order and red-flag limits replaced by the
 * draft's. History (earlier published periods) and other stakeholder types stay as published.
 */
export function draftEligibilityInputs(
  published: readonly EligibilityInput[],
  draftScores: ReadonlyMap<string, PeriodScore>,
  draftGrades: string[],
  draftRedFlagLimits: Record<string, number>,
): EligibilityInput[] {
  return published.map((i) => {
    const score = draftScores.get(i.stakeholder);
    return score ? { ...i, ...score, grades: draftGrades, redFlagLimits: draftRedFlagLimits } : i;
  });
}

export type FlippedClause = {
  clause: Clause;
  /** Inside a `not`: the clause holding means the rule part fails. */
  negated: boolean;
  threshold: ClauseExplanation['threshold'];
  before: { truth: ClauseExplanation['truth']; actual: ClauseExplanation['actual'] };
  after: { truth: ClauseExplanation['truth']; actual: ClauseExplanation['actual'] };
};

/** The clauses whose truth differs between two explanations of the same rule. */
export function flippedClauses(a: RuleExplanation, b: RuleExplanation, negated = false, out: FlippedClause[] = []): FlippedClause[] {
  if (a.op === 'clause' && b.op === 'clause') {
    if (a.truth !== b.truth)
      out.push({
        clause: a.clause,
        negated,
        threshold: a.explanation.threshold,
        before: { truth: a.truth, actual: a.explanation.actual },
        after: { truth: b.truth, actual: b.explanation.actual },
      });
  } else if (a.op === 'not' && b.op === 'not') flippedClauses(a.rule, b.rule, !negated, out);
  else if ((a.op === 'all' || a.op === 'any') && b.op === a.op) a.rules.forEach((r, i) => flippedClauses(r, b.rules[i]!, negated, out));
  return out;
}
