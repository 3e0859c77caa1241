// Evaluating a rule tree for one stakeholder: pass / fail / unknown, an explanation per clause
// (actual value and threshold) and, for a stakeholder who does not pass, the gap — the smallest
// change of the metrics the rule looks at that makes it pass.
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
//
// Gap. The rule is put into negation normal form and then disjunctive normal form (an `any` of
// `all`s of possibly negated atoms). For each conjunction the nearest point that satisfies it is
// found metric by metric: the interval the literals on one metric allow, and the candidate nearest
// the actual value (the threshold itself for "at least"/"at most", the threshold ± 2ε·max(1,|t|)
// for a negated one, whole numbers for the coupling class; grades: the allowed band nearest the
// actual). Every candidate is checked with the same comparison the evaluation uses, so applying
// a gap makes the rule pass (tests/unit/eligibility/properties.test.ts). The conjunction with the
// fewest changes wins, then the smallest total relative change Σ|Δ|/max(1,|t|), then the first in
// reading order. History (earlier periods) cannot change, so a conjunction needing a different past
// is not attainable. The metrics are treated as independent: the gap says which score the rule
// needs, not which indicator values would produce it.
import { TOLERANCE } from '@/core/scoring/tolerance';
import type { Clause, Comparator, PeriodClause, Rule } from './rules';
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

export interface GapChange {
  metric: MetricRef;
  actual: number | string | null;
  target: number | string;
  /** target − actual for numbers (null when there is no actual value); null for grades. */
  delta: number | null;
}

export type Gap =
  | { attainable: true; changes: GapChange[] }
  | { attainable: false; reason: 'history' | 'not_available' | 'contradictory' | 'too_complex' };

export interface Evaluation {
  truth: Truth;
  explanation: RuleExplanation;
  /** Null when the rule passes. */
  gap: Gap | null;
}

// ───────────────────────────── comparisons ─────────────────────────────

function slack(threshold: number): number {
  return TOLERANCE * Math.max(1, Math.abs(threshold));
}

/** The one comparison of the engine: "at least" / "at most" with tolerance; null fails. */
export function compare(actual: number | null, cmp: Comparator, threshold: number): boolean {
  if (actual === null || !Number.isFinite(actual)) return false;
  return cmp === 'gte' ? actual >= threshold - slack(threshold) : actual <= threshold + slack(threshold);
}

function isRedFlag(raw: number | null, limit: number): boolean {
  return raw !== null && raw > limit + slack(limit);
}

// ───────────────────────────── atoms ─────────────────────────────

/** A numeric metric of one stakeholder: key, value, whether it is available. */
function metricValue(score: PeriodScore, metric: MetricRef): { value: number | null; available: boolean } {
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

export function metricKey(m: MetricRef): string {
  switch (m.kind) {
    case 'objective':
      return `objective:${m.objective}`;
    case 'indicator':
      return `indicator:${m.indicator}:${m.measure}`;
    case 'percentile':
      return `percentile:${m.scope}`;
    default:
      return m.kind;
  }
}

/** The metric of a numeric clause. */
function clauseMetric(clause: PeriodClause): MetricRef | null {
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
type Atom =
  | { kind: 'numeric'; metric: MetricRef; cmp: Comparator; threshold: number; nullPasses: boolean; integer: boolean }
  | { kind: 'grade'; atLeast: string }
  | { kind: 'fixed'; truth: Truth };

type Expr = { op: 'and' | 'or'; parts: Expr[] } | { op: 'not'; part: Expr } | { op: 'atom'; atom: Atom };

function atomTruth(atom: Atom, input: EligibilityInput): Truth {
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

/** The atoms of a clause on the current period (a red-flag clause is one atom per limit). */
function periodClauseExpr(clause: PeriodClause, input: EligibilityInput): Expr {
  if (clause.kind === 'grade') return { op: 'atom', atom: { kind: 'grade', atLeast: clause.atLeast } };
  if (clause.kind === 'noRedFlag') {
    const limits = input.redFlagLimits;
    if (limits === undefined) return { op: 'atom', atom: { kind: 'fixed', truth: 'unknown' } };
    const codes = clause.indicator === undefined ? Object.keys(limits).sort() : clause.indicator in limits ? [clause.indicator] : [];
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

function exprTruth(expr: Expr, input: EligibilityInput): Truth {
  if (expr.op === 'atom') return atomTruth(expr.atom, input);
  if (expr.op === 'not') return negate(exprTruth(expr.part, input));
  const truths = expr.parts.map((p) => exprTruth(p, input));
  return expr.op === 'and' ? allOf(truths) : anyOf(truths);
}

function negate(t: Truth): Truth {
  return t === 'pass' ? 'fail' : t === 'fail' ? 'pass' : 'unknown';
}
function allOf(ts: Truth[]): Truth {
  return ts.includes('fail') ? 'fail' : ts.includes('unknown') ? 'unknown' : 'pass';
}
function anyOf(ts: Truth[]): Truth {
  return ts.includes('pass') ? 'pass' : ts.includes('unknown') ? 'unknown' : 'fail';
}

// ───────────────────────────── explanation ─────────────────────────────

function explainPeriodClause(clause: PeriodClause, input: EligibilityInput): ClauseExplanation {
  const truth = exprTruth(periodClauseExpr(clause, input), input);
  if (clause.kind === 'grade') {
    const known = input.grades.includes(clause.atLeast);
    const note = input.grades.length === 0 ? 'not_available' : !known ? 'unknown_grade' : input.grade === null ? 'no_value' : undefined;
    return { truth, actual: input.grade, threshold: clause.atLeast, cmp: null, ...(note ? { note } : {}) };
  }
  if (clause.kind === 'noRedFlag') {
    const limits = input.redFlagLimits;
    if (limits === undefined) return { truth, actual: null, threshold: 0, cmp: 'lte', note: 'not_available' };
    const codes = clause.indicator === undefined ? Object.keys(limits).sort() : clause.indicator in limits ? [clause.indicator] : [];
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

function explainClause(clause: Clause, input: EligibilityInput): { explanation: ClauseExplanation; expr: Expr } {
  if (clause.kind !== 'consecutive') {
    return { explanation: explainPeriodClause(clause, input), expr: periodClauseExpr(clause, input) };
  }
  const current = explainPeriodClause(clause.clause, input);
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
  return { explanation, expr: { op: 'and', parts: [periodClauseExpr(clause.clause, input), { op: 'atom', atom: { kind: 'fixed', truth: past } }] } };
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

// ───────────────────────────── gap ─────────────────────────────

type Literal = { atom: Atom; negated: boolean };

/** Most conjunctions the DNF may have before the gap search gives up (rules are small). */
const MAX_TERMS = 4096;

class TooComplex extends Error {}

/** DNF of an expression in terms of literals: an array of conjunctions. */
function dnf(expr: Expr, negated: boolean): Literal[][] {
  if (expr.op === 'atom') return [[{ atom: expr.atom, negated }]];
  if (expr.op === 'not') return dnf(expr.part, !negated);
  // De Morgan: a negated and is an or of negations, and vice versa.
  const isAnd = (expr.op === 'and') !== negated;
  const parts = expr.parts.map((p) => dnf(p, negated));
  if (!isAnd) {
    const out = parts.flat();
    if (out.length > MAX_TERMS) throw new TooComplex();
    return out;
  }
  let acc: Literal[][] = [[]];
  for (const part of parts) {
    const next: Literal[][] = [];
    for (const a of acc) for (const b of part) next.push([...a, ...b]);
    if (next.length > MAX_TERMS) throw new TooComplex();
    acc = next;
  }
  return acc;
}

function literalHolds(lit: Literal, input: EligibilityInput): Truth {
  const t = atomTruth(lit.atom, input);
  return lit.negated ? negate(t) : t;
}

function withMetric(input: EligibilityInput, metric: MetricRef, value: number | string): EligibilityInput {
  switch (metric.kind) {
    case 'composite':
      return { ...input, composite: value as number };
    case 'objective':
      return { ...input, objectives: { ...input.objectives, [metric.objective]: value as number } };
    case 'indicator': {
      const prev = input.indicators[metric.indicator] ?? { raw: null, normalized: null };
      return { ...input, indicators: { ...input.indicators, [metric.indicator]: { ...prev, [metric.measure]: value as number } } };
    }
    case 'percentile':
      return metric.scope === 'province' ? { ...input, percentile: value as number } : { ...input, countyPercentile: value as number };
    case 'coupling':
      return { ...input, couplingClass: value as number };
    case 'grade':
      return { ...input, grade: value as string };
  }
}

/** The input with a gap's changes made: what the stakeholder's scores would need to be. */
export function applyGap(input: EligibilityInput, gap: Gap): EligibilityInput {
  if (!gap.attainable) return input;
  return gap.changes.reduce((acc, c) => withMetric(acc, c.metric, c.target), input);
}

/** Candidate values that may satisfy a numeric literal, nearest the boundary first. */
function candidatesFor(atom: Extract<Atom, { kind: 'numeric' }>, negated: boolean): number[] {
  const t = atom.threshold;
  const s = 2 * slack(t);
  // Positive "at least"/"at most": the threshold itself; negated: just past it on the other side.
  const raw = !negated ? [t] : atom.cmp === 'gte' ? [t - s] : [t + s];
  if (!atom.integer) return raw;
  return raw.flatMap((v) => [Math.floor(v), Math.ceil(v)]);
}

type TermResult = { changes: GapChange[]; cost: [number, number] } | { fails: 'history' | 'not_available' | 'contradictory' };

function solveTerm(term: Literal[], input: EligibilityInput): TermResult {
  const byMetric = new Map<string, { metric: MetricRef; lits: Literal[] }>();
  const gradeLits: Literal[] = [];
  for (const lit of term) {
    const a = lit.atom;
    if (a.kind === 'fixed') {
      const t = lit.negated ? negate(a.truth) : a.truth;
      if (t === 'unknown') return { fails: 'not_available' };
      if (t === 'fail') return { fails: 'history' };
    } else if (a.kind === 'grade') {
      gradeLits.push(lit);
    } else {
      const key = metricKey(a.metric);
      const entry = byMetric.get(key) ?? byMetric.set(key, { metric: a.metric, lits: [] }).get(key)!;
      entry.lits.push(lit);
    }
  }
  const changes: GapChange[] = [];
  let relative = 0;
  for (const { metric, lits } of byMetric.values()) {
    const truths = lits.map((l) => literalHolds(l, input));
    if (truths.includes('unknown')) return { fails: 'not_available' };
    if (truths.every((t) => t === 'pass')) continue;
    const actual = metricValue(input, metric).value;
    const reference = actual ?? 0;
    let best: { value: number; distance: number; threshold: number } | null = null;
    for (const lit of lits) {
      const atom = lit.atom as Extract<Atom, { kind: 'numeric' }>;
      for (const c of candidatesFor(atom, lit.negated)) {
        const trial = withMetric(input, metric, c);
        if (!lits.every((l) => literalHolds(l, trial) === 'pass')) continue;
        const distance = Math.abs(c - reference);
        if (best === null || distance < best.distance) best = { value: c, distance, threshold: atom.threshold };
      }
    }
    if (best === null) return { fails: 'contradictory' };
    changes.push({ metric, actual, target: best.value, delta: actual === null ? null : best.value - actual });
    relative += best.distance / Math.max(1, Math.abs(best.threshold));
  }
  if (gradeLits.length > 0) {
    const truths = gradeLits.map((l) => literalHolds(l, input));
    if (truths.includes('unknown')) return { fails: 'not_available' };
    if (!truths.every((t) => t === 'pass')) {
      const at = input.grade === null ? input.grades.length : input.grades.indexOf(input.grade);
      let best: { grade: string; distance: number } | null = null;
      input.grades.forEach((g, i) => {
        const trial = withMetric(input, { kind: 'grade' }, g);
        if (!gradeLits.every((l) => literalHolds(l, trial) === 'pass')) return;
        const distance = Math.abs(i - (at < 0 ? input.grades.length : at));
        if (best === null || distance < best.distance) best = { grade: g, distance };
      });
      if (best === null) return { fails: 'contradictory' };
      const chosen: { grade: string; distance: number } = best;
      changes.push({ metric: { kind: 'grade' }, actual: input.grade, target: chosen.grade, delta: null });
      relative += chosen.distance / Math.max(1, input.grades.length);
    }
  }
  return { changes, cost: [changes.length, relative] };
}

function findGap(expr: Expr, input: EligibilityInput): Gap {
  let terms: Literal[][];
  try {
    terms = dnf(expr, false);
  } catch (e) {
    if (e instanceof TooComplex) return { attainable: false, reason: 'too_complex' };
    throw e;
  }
  let best: { changes: GapChange[]; cost: [number, number] } | null = null;
  const failures = new Set<string>();
  for (const term of terms) {
    const r = solveTerm(term, input);
    if ('fails' in r) {
      failures.add(r.fails);
      continue;
    }
    if (best === null || r.cost[0] < best.cost[0] || (r.cost[0] === best.cost[0] && r.cost[1] < best.cost[1])) best = r;
  }
  if (best !== null) return { attainable: true, changes: best.changes };
  // Say the most actionable reason: missing data first, then the past, then a contradiction.
  const reason = failures.has('not_available') ? 'not_available' : failures.has('history') ? 'history' : 'contradictory';
  return { attainable: false, reason };
}

/** Evaluates a rule for one stakeholder: truth, per-clause explanation and (if it fails) the gap. */
export function evaluateRule(rule: Rule, input: EligibilityInput): Evaluation {
  const { explanation, expr } = explainRule(rule, input);
  const truth = explanation.truth;
  return { truth, explanation, gap: truth === 'pass' ? null : findGap(expr, input) };
}
