// The rule tree of an incentive program, validated by zod: `all` / `any` / `not` over clauses.
//
// Comparisons are only "at least" (gte) and "at most" (lte), both with the engine tolerance
// (core/scoring/tolerance.ts). Strict comparisons are left out on purpose: "composite > 60" has
// no smallest passing value, so it would have no exact gap; write "at least 60.01" instead.
// Validation messages are catalog keys (vmsg) so forms can show them at the field in both languages.
import * as z from 'zod';
import { vmsg } from '@/core/domain/messages';
import { requiredText } from '@/core/schemas/text-fields';
import { MAX_CONSECUTIVE_PERIODS, MAX_RULE_CLAUSES, MAX_RULE_DEPTH } from './limits';

/** A validation message key of this area (catalog: validation.incentives.*). */
export function imsg(key: string, params?: Record<string, string | number>): string {
  return vmsg(`validation.incentives.${key}`, params);
}

export const COMPARATORS = ['gte', 'lte'] as const;
export type Comparator = (typeof COMPARATORS)[number];
export const PERCENTILE_SCOPES = ['province', 'county'] as const;
export const INDICATOR_MEASURES = ['raw', 'normalized'] as const;

export { MAX_CONSECUTIVE_PERIODS, MAX_RULE_CLAUSES, MAX_RULE_DEPTH } from './limits';

const code = requiredText(64);
const finite = z.number({ error: imsg('number') }).finite(imsg('number'));
const cmp = z.enum(COMPARATORS, { error: vmsg('validation.required') });
const percent = finite.min(0, imsg('range', { min: 0, max: 100 })).max(100, imsg('range', { min: 0, max: 100 }));
const integerIn = (min: number, max: number) =>
  z
    .number({ error: imsg('number') })
    .int(imsg('integer'))
    .min(min, imsg('range', { min, max }))
    .max(max, imsg('range', { min, max }));

export const compositeClauseSchema = z.strictObject({ kind: z.literal('composite'), cmp, value: finite });
export const objectiveClauseSchema = z.strictObject({ kind: z.literal('objective'), objective: code, cmp, value: finite });
export const indicatorClauseSchema = z.strictObject({
  kind: z.literal('indicator'),
  indicator: code,
  measure: z.enum(INDICATOR_MEASURES, { error: vmsg('validation.required') }),
  cmp,
  value: finite,
});
/** Grade at least the given band (bands are ordered best first by the stakeholder's KPI set). */
export const gradeClauseSchema = z.strictObject({ kind: z.literal('grade'), atLeast: code });
export const percentileClauseSchema = z.strictObject({
  kind: z.literal('percentile'),
  scope: z.enum(PERCENTILE_SCOPES, { error: vmsg('validation.required') }),
  cmp,
  value: percent,
});
/** Coupling coordination class 1 (extreme imbalance) … 10 (high-quality coordination). */
export const couplingClauseSchema = z.strictObject({
  kind: z.literal('coupling'),
  cmp,
  value: integerIn(1, 10),
});
/** No indicator above its red-flag threshold (all indicators of the stakeholder's set, or one). */
export const redFlagClauseSchema = z.strictObject({ kind: z.literal('noRedFlag'), indicator: code.optional() });

// One list for both unions, so a new period clause is accepted on its own and inside "consecutive".
const PERIOD_CLAUSE_SCHEMAS = [
  compositeClauseSchema,
  objectiveClauseSchema,
  indicatorClauseSchema,
  gradeClauseSchema,
  percentileClauseSchema,
  couplingClauseSchema,
  redFlagClauseSchema,
] as const;

/** Conditions that can be checked on one period's score. */
export const periodClauseSchema = z.discriminatedUnion('kind', PERIOD_CLAUSE_SCHEMAS);
export type PeriodClause = z.output<typeof periodClauseSchema>;

/** The clause held in this period and in the N − 1 published periods before it. */
export const consecutiveClauseSchema = z.strictObject({
  kind: z.literal('consecutive'),
  periods: integerIn(2, MAX_CONSECUTIVE_PERIODS),
  clause: periodClauseSchema,
});

export const clauseSchema = z.discriminatedUnion('kind', [...PERIOD_CLAUSE_SCHEMAS, consecutiveClauseSchema]);
export type Clause = z.output<typeof clauseSchema>;

export type Rule = { op: 'all'; rules: Rule[] } | { op: 'any'; rules: Rule[] } | { op: 'not'; rule: Rule } | { op: 'clause'; clause: Clause };

const ruleNodeSchema: z.ZodType<Rule> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.strictObject({ op: z.literal('all'), rules: z.array(ruleNodeSchema).min(1, imsg('rule.emptyGroup')) }),
    z.strictObject({ op: z.literal('any'), rules: z.array(ruleNodeSchema).min(1, imsg('rule.emptyGroup')) }),
    z.strictObject({ op: z.literal('not'), rule: ruleNodeSchema }),
    z.strictObject({ op: z.literal('clause'), clause: clauseSchema }),
  ]),
) as z.ZodType<Rule>;

function measure(rule: Rule, depth = 1): { clauses: number; depth: number } {
  if (rule.op === 'clause') return { clauses: 1, depth };
  if (rule.op === 'not') return measure(rule.rule, depth + 1);
  return rule.rules.map((r) => measure(r, depth + 1)).reduce((a, b) => ({ clauses: a.clauses + b.clauses, depth: Math.max(a.depth, b.depth) }), { clauses: 0, depth });
}

export const ruleSchema = ruleNodeSchema.superRefine((rule, ctx) => {
  const m = measure(rule);
  if (m.clauses > MAX_RULE_CLAUSES) ctx.addIssue({ code: 'custom', message: imsg('rule.tooManyClauses', { max: MAX_RULE_CLAUSES }) });
  if (m.depth > MAX_RULE_DEPTH) ctx.addIssue({ code: 'custom', message: imsg('rule.tooDeep', { max: MAX_RULE_DEPTH }) });
});

/** Every clause of a rule, in reading order (a consecutive clause counts once). */
export function clausesOf(rule: Rule): Clause[] {
  if (rule.op === 'clause') return [rule.clause];
  if (rule.op === 'not') return clausesOf(rule.rule);
  return rule.rules.flatMap(clausesOf);
}

/**
 * How many published periods before the current one a rule reads: the longest "consecutive"
 * clause less the current period, 0 without one. Inputs carry just that much history, so a
 * province's run reads (and hashes) no more of the past than its rule decides on.
 */
export function historyPeriodsNeeded(rule: Rule): number {
  return Math.max(0, ...clausesOf(rule).map((c) => (c.kind === 'consecutive' ? c.periods - 1 : 0)));
}

/** A field of an earlier period's score (PeriodScore) that a clause may read. */
export type HistoryField = 'composite' | 'grade' | 'objectives' | 'indicators' | 'percentile' | 'countyPercentile' | 'couplingClass';

const FIELD_OF: Record<PeriodClause['kind'], (c: PeriodClause) => HistoryField> = {
  composite: () => 'composite',
  objective: () => 'objectives',
  indicator: () => 'indicators',
  grade: () => 'grade',
  percentile: (c) => (c.kind === 'percentile' && c.scope === 'county' ? 'countyPercentile' : 'percentile'),
  coupling: () => 'couplingClass',
  noRedFlag: () => 'indicators',
};

/**
 * The fields of earlier periods' scores a rule reads: those its "consecutive" clauses check, in a
 * fixed order. The rest of a past score decides nothing, so a run need not read, carry or hash it.
 */
export function historyFieldsNeeded(rule: Rule): HistoryField[] {
  const needed = new Set(clausesOf(rule).flatMap((c) => (c.kind === 'consecutive' ? [FIELD_OF[c.clause.kind](c.clause)] : [])));
  return (['composite', 'grade', 'objectives', 'indicators', 'percentile', 'countyPercentile', 'couplingClass'] as const).filter((f) => needed.has(f));
}
