// Evaluating a rule tree for one stakeholder: pass / fail / unknown, an explanation per clause
// (actual value and threshold) and, for a stakeholder who does not pass, the gap — the smallest
// change of the metrics the rule looks at that makes it pass.
// The logic and the comparisons are in atoms.ts, the gap search in gap.ts.
import type { Clause, Comparator, PeriodClause, Rule } from './rules';
import type { EligibilityInput, PeriodScore } from './input';
import { allOf, anyOf, clauseMetric, exprTruth, isRedFlag, metricValue, negate, periodClauseExpr, sortedCodes, type Expr, type Truth } from './atoms';
import { findGap, type Gap } from './gap';

export type ClauseNote = 'not_available' | 'no_value' | 'unknown_grade' | 'insufficient_history' | 'no_red_flag_limit';

export interface RedFlagDetail {
  indicator: string;
  raw: number | null;
  limit: number;
  flagged: boolean;
}

export interface ClauseExplanation {
  truth: Truth;
  /** The value looked at (a number, a grade code, the number of red flags, periods held). */
  actual: number | string | null;
  /** The threshold (number, grade code, 0 red flags, periods required). */
  threshold: number | string | null;
  cmp: Comparator | null;
  note?: ClauseNote;
  redFlags?: RedFlagDetail[];
  /** For a consecutive clause: this period first, then earlier ones. */
  periods?: { period: string | null; truth: Truth; actual: number | string | null }[];
}

export type RuleExplanation =
  | { op: 'all' | 'any'; truth: Truth; rules: RuleExplanation[] }
  | { op: 'not'; truth: Truth; rule: RuleExplanation }
  | { op: 'clause'; truth: Truth; clause: Clause; explanation: ClauseExplanation };

export interface Evaluation {
  truth: Truth;
  explanation: RuleExplanation;
  /** Null when the rule passes. */
  gap: Gap | null;
}

function explainPeriodClause(clause: PeriodClause, input: EligibilityInput, expr: Expr = periodClauseExpr(clause, input)): ClauseExplanation {
  const truth = exprTruth(expr, input);
  if (clause.kind === 'grade') {
    const known = input.grades.includes(clause.atLeast);
    const note = input.grades.length === 0 ? 'not_available' : !known ? 'unknown_grade' : input.grade === null ? 'no_value' : undefined;
    return { truth, actual: input.grade, threshold: clause.atLeast, cmp: null, ...(note ? { note } : {}) };
  }
  if (clause.kind === 'noRedFlag') {
    const limits = input.redFlagLimits;
    if (limits === undefined) return { truth, actual: null, threshold: 0, cmp: 'lte', note: 'not_available' };
    const codes = clause.indicator === undefined ? sortedCodes(limits) : clause.indicator in limits ? [clause.indicator] : [];
    const redFlags = codes.map((code) => {
      const raw = input.indicators[code]?.raw ?? null;
      const limit = limits[code]!;
      return { indicator: code, raw, limit, flagged: isRedFlag(raw, limit) };
    });
    const out: ClauseExplanation = { truth, actual: redFlags.filter((f) => f.flagged).length, threshold: 0, cmp: 'lte', redFlags };
    if (clause.indicator !== undefined && codes.length === 0) out.note = 'no_red_flag_limit';
    return out;
  }
  const metric = clauseMetric(clause)!;
  const { value, available } = metricValue(input, metric);
  const out: ClauseExplanation = { truth, actual: value, threshold: clause.value, cmp: clause.cmp };
  if (!available) out.note = 'not_available';
  else if (value === null) out.note = 'no_value';
  return out;
}

/** A period's score with the stakeholder's fixed facts, so period clauses can run on history. */
function asInputForPeriod(input: EligibilityInput, score: PeriodScore): EligibilityInput {
  return { ...input, ...score, history: undefined };
}

/** One clause explained, with its atoms (a consecutive clause: this period's, and the past's truth fixed). */
export function explainClause(clause: Clause, input: EligibilityInput): { explanation: ClauseExplanation; expr: Expr } {
  if (clause.kind !== 'consecutive') {
    const expr = periodClauseExpr(clause, input);
    return { explanation: explainPeriodClause(clause, input, expr), expr };
  }
  const currentExpr = periodClauseExpr(clause.clause, input);
  const current = explainPeriodClause(clause.clause, input, currentExpr);
  const periods: NonNullable<ClauseExplanation['periods']> = [{ period: null, truth: current.truth, actual: current.actual }];
  const needed = clause.periods - 1;
  let past: Truth;
  let note: ClauseNote | undefined;
  if (input.history === undefined) {
    past = 'unknown';
    note = 'not_available';
  } else {
    const earlier = input.history.slice(0, needed);
    const truths = earlier.map((h) => {
      if (h.score === null) {
        periods.push({ period: h.period, truth: 'fail', actual: null });
        return 'fail' as Truth;
      }
      const e = explainPeriodClause(clause.clause, asInputForPeriod(input, h.score));
      periods.push({ period: h.period, truth: e.truth, actual: e.actual });
      return e.truth;
    });
    if (earlier.length < needed) {
      truths.push('fail');
      note = 'insufficient_history';
    }
    past = allOf(truths);
  }
  // Periods held in a row, counting back from this one.
  let held = 0;
  for (const p of periods) {
    if (p.truth !== 'pass') break;
    held++;
  }
  const truth = allOf([current.truth, past]);
  const explanation: ClauseExplanation = { truth, actual: held, threshold: clause.periods, cmp: 'gte', periods };
  if (note) explanation.note = note;
  return { explanation, expr: { op: 'and', parts: [currentExpr, { op: 'atom', atom: { kind: 'fixed', truth: past } }] } };
}

function explainRule(rule: Rule, input: EligibilityInput): { explanation: RuleExplanation; expr: Expr } {
  if (rule.op === 'clause') {
    const { explanation, expr } = explainClause(rule.clause, input);
    return { explanation: { op: 'clause', truth: explanation.truth, clause: rule.clause, explanation }, expr };
  }
  if (rule.op === 'not') {
    const inner = explainRule(rule.rule, input);
    return { explanation: { op: 'not', truth: negate(inner.explanation.truth), rule: inner.explanation }, expr: { op: 'not', part: inner.expr } };
  }
  const parts = rule.rules.map((r) => explainRule(r, input));
  const truths = parts.map((p) => p.explanation.truth);
  return {
    explanation: { op: rule.op, truth: rule.op === 'all' ? allOf(truths) : anyOf(truths), rules: parts.map((p) => p.explanation) },
    expr: { op: rule.op === 'all' ? 'and' : 'or', parts: parts.map((p) => p.expr) },
  };
}

/** Evaluates a rule for one stakeholder: truth, per-clause explanation and (if it fails) the gap. */
export function evaluateRule(rule: Rule, input: EligibilityInput): Evaluation {
  const { explanation, expr } = explainRule(rule, input);
  const truth = explanation.truth;
  return { truth, explanation, gap: truth === 'pass' ? null : findGap(expr, input) };
}
