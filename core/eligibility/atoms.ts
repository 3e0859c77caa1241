// The logic under rule evaluation: three-valued truth, the one comparison with tolerance, the
// metrics a clause reads, and clauses on one period as atoms (what evaluate.ts explains and gap.ts
// searches over).
//
// Logic. Clauses are three-valued (Kleene): a clause whose data is not available (county
// percentile or history offline, an unknown grade code) is "unknown"; `all` is false if any part
// is false, else unknown if any is unknown; `any` is true if any part is true, else unknown if any
// is; `not` swaps true and false and keeps unknown. Only a rule that is true makes a stakeholder
// eligible.
//
// Comparisons: "at least t" holds when actual ≥ t − ε·max(1,|t|), "at most t" when
// actual ≤ t + ε·max(1,|t|), ε = 1e-9 (core/scoring/tolerance.ts), so a score meant to sit on
// a threshold lands on its side. A missing value (null) fails "at least"/"at most", so it passes
// their negation. Red flags: an indicator raises one when its raw value is above its limit
// (raw > limit + ε·max(1,|limit|)); a missing value raises none.
import { TOLERANCE } from '@/core/scoring/tolerance';
import type { Comparator, PeriodClause } from './rules';
import type { EligibilityInput, PeriodScore } from './input';

export type Truth = 'pass' | 'fail' | 'unknown';

/** A metric a clause or a gap refers to. */
export type MetricRef =
  | { kind: 'composite' }
  | { kind: 'objective'; objective: string }
  | { kind: 'indicator'; indicator: string; measure: 'raw' | 'normalized' }
  | { kind: 'percentile'; scope: 'province' | 'county' }
  | { kind: 'coupling' }
  | { kind: 'grade' };

export function slack(threshold: number): number {
  return TOLERANCE * Math.max(1, Math.abs(threshold));
}

/** The one comparison of the engine: "at least" / "at most" with tolerance; null fails. */
export function compare(actual: number | null, cmp: Comparator, threshold: number): boolean {
  if (actual === null || !Number.isFinite(actual)) return false;
  return cmp === 'gte' ? actual >= threshold - slack(threshold) : actual <= threshold + slack(threshold);
}

export function isRedFlag(raw: number | null, limit: number): boolean {
  return raw !== null && raw > limit + slack(limit);
}

/** A numeric metric of one stakeholder: key, value, whether it is available. */
export function metricValue(score: PeriodScore, metric: MetricRef): { value: number | null; available: boolean } {
  switch (metric.kind) {
    case 'composite':
      return { value: score.composite, available: true };
    case 'objective':
      return { value: score.objectives[metric.objective] ?? null, available: true };
    case 'indicator':
      return { value: score.indicators[metric.indicator]?.[metric.measure] ?? null, available: true };
    case 'percentile':
      if (metric.scope === 'province') return { value: score.percentile, available: true };
      return score.countyPercentile === undefined ? { value: null, available: false } : { value: score.countyPercentile, available: true };
    case 'coupling':
      return { value: score.couplingClass, available: true };
    case 'grade':
      return { value: null, available: true };
  }
}

/** The metric of a numeric clause. */
export function clauseMetric(clause: PeriodClause): MetricRef | null {
  switch (clause.kind) {
    case 'composite':
      return { kind: 'composite' };
    case 'objective':
      return { kind: 'objective', objective: clause.objective };
    case 'indicator':
      return { kind: 'indicator', indicator: clause.indicator, measure: clause.measure };
    case 'percentile':
      return { kind: 'percentile', scope: clause.scope };
    case 'coupling':
      return { kind: 'coupling' };
    default:
      return null;
  }
}

/** A condition on the current period that a gap may change, or a fixed truth. */
export type Atom =
  | { kind: 'numeric'; metric: MetricRef; cmp: Comparator; threshold: number; nullPasses: boolean; integer: boolean }
  | { kind: 'grade'; atLeast: string }
  | { kind: 'fixed'; truth: Truth };

export type Expr = { op: 'and' | 'or'; parts: Expr[] } | { op: 'not'; part: Expr } | { op: 'atom'; atom: Atom };

export function atomTruth(atom: Atom, input: EligibilityInput): Truth {
  if (atom.kind === 'fixed') return atom.truth;
  if (atom.kind === 'grade') {
    const bound = input.grades.indexOf(atom.atLeast);
    if (bound < 0) return 'unknown';
    const at = input.grade === null ? -1 : input.grades.indexOf(input.grade);
    return at >= 0 && at <= bound ? 'pass' : 'fail';
  }
  const { value, available } = metricValue(input, atom.metric);
  if (!available) return 'unknown';
  if (value === null && atom.nullPasses) return 'pass';
  return compare(value, atom.cmp, atom.threshold) ? 'pass' : 'fail';
}

/** A record's keys in sort order; no sort when they already are (inputs built in key order). */
export function sortedCodes(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return keys.sort();
  return keys;
}

/** The atoms of a clause on the current period (a red-flag clause is one atom per limit). */
export function periodClauseExpr(clause: PeriodClause, input: EligibilityInput): Expr {
  if (clause.kind === 'grade') return { op: 'atom', atom: { kind: 'grade', atLeast: clause.atLeast } };
  if (clause.kind === 'noRedFlag') {
    const limits = input.redFlagLimits;
    if (limits === undefined) return { op: 'atom', atom: { kind: 'fixed', truth: 'unknown' } };
    const codes = clause.indicator === undefined ? sortedCodes(limits) : clause.indicator in limits ? [clause.indicator] : [];
    return {
      op: 'and',
      parts: codes.map((code) => ({
        op: 'atom',
        atom: { kind: 'numeric', metric: { kind: 'indicator', indicator: code, measure: 'raw' }, cmp: 'lte', threshold: limits[code]!, nullPasses: true, integer: false },
      })),
    };
  }
  const metric = clauseMetric(clause)!;
  return { op: 'atom', atom: { kind: 'numeric', metric, cmp: clause.cmp, threshold: clause.value, nullPasses: false, integer: metric.kind === 'coupling' } };
}

export function exprTruth(expr: Expr, input: EligibilityInput): Truth {
  if (expr.op === 'atom') return atomTruth(expr.atom, input);
  if (expr.op === 'not') return negate(exprTruth(expr.part, input));
  const truths = expr.parts.map((p) => exprTruth(p, input));
  return expr.op === 'and' ? allOf(truths) : anyOf(truths);
}

export function negate(t: Truth): Truth {
  return t === 'pass' ? 'fail' : t === 'fail' ? 'pass' : 'unknown';
}
export function allOf(ts: Truth[]): Truth {
  return ts.includes('fail') ? 'fail' : ts.includes('unknown') ? 'unknown' : 'pass';
}
export function anyOf(ts: Truth[]): Truth {
  return ts.includes('pass') ? 'pass' : ts.includes('unknown') ? 'unknown' : 'fail';
}
