// The condition for a later period: the program's rule moved forward. A clause on one period must
// hold in the later period; "in each of the last N periods" must hold in every period of the
// window that ends there — the periods already decided count as they were decided (from the
// stored explanation), the later ones become conditions. The first later period whose condition
// the past does not already rule out is the one to aim for: a stakeholder whose last period broke
// a three-period run is told which two later periods must hold, and from when it qualifies.
import type { Clause, PeriodClause, Rule } from './rules';
import { MAX_CONSECUTIVE_PERIODS } from './limits';
import type { ClauseExplanation, RuleExplanation } from './evaluate';
import { allOf, anyOf, negate, type Truth } from './atoms';

/** A rule over later periods: offset 1 is the period after the decided one. */
export type ForwardRule =
  | { op: 'all' | 'any'; rules: ForwardRule[] }
  | { op: 'not'; rule: ForwardRule }
  | { op: 'clause'; clause: PeriodClause; offset: number; now?: number | string | null }
  /** A decided period whose result is not known (its data was not available). */
  | { op: 'unknown' };

export type NextCondition =
  /** Qualifies in the period `offset` periods later when `rule` holds; null rule: nothing more to meet. */
  { offset: number; rule: ForwardRule | null };

type Fixed = { op: 'fixed'; truth: Exclude<Truth, 'unknown'> };
type Node = ForwardRule | Fixed;

/** The truth of a consecutive clause's inner clause `back` periods before the decided one (0: that period). */
function pastTruth(e: ClauseExplanation | undefined, back: number): Truth {
  const p = e?.periods?.[back];
  if (p) return p.truth;
  // No entry: the history held no such period (the clause fails there), unless it was not available.
  return e === undefined || e.note === 'not_available' ? 'unknown' : 'fail';
}

/** The value looked at in the decided period, to show beside a condition ("now 69.8"). */
function nowOf(clause: Clause, e: ClauseExplanation | undefined): number | string | null | undefined {
  if (!e || clause.kind === 'noRedFlag') return undefined;
  if (clause.kind === 'consecutive') return clause.clause.kind === 'noRedFlag' ? undefined : (e.periods?.[0]?.actual ?? undefined);
  return e.actual;
}

function truthNode(t: Truth): Node {
  return t === 'unknown' ? { op: 'unknown' } : { op: 'fixed', truth: t };
}

function clauseAt(clause: Clause, e: ClauseExplanation | undefined, offset: number): Node {
  if (clause.kind !== 'consecutive') return { op: 'clause', clause, offset, now: nowOf(clause, e) };
  const parts: Node[] = [];
  // Earliest first, so a condition over several periods reads in their order.
  for (let i = clause.periods - 1; i >= 0; i--) {
    const at = offset - i;
    parts.push(at >= 1 ? { op: 'clause', clause: clause.clause, offset: at, now: nowOf(clause, e) } : truthNode(pastTruth(e, -at)));
  }
  return { op: 'all', rules: parts as ForwardRule[] };
}

/** The rule for the period `offset` later; the explanation (same shape as the rule) gives the past. */
function ruleAt(rule: Rule, e: RuleExplanation | undefined, offset: number): Node {
  if (rule.op === 'clause') return clauseAt(rule.clause, e?.op === 'clause' ? e.explanation : undefined, offset);
  if (rule.op === 'not') return { op: 'not', rule: ruleAt(rule.rule, e?.op === 'not' ? e.rule : undefined, offset) as ForwardRule };
  const children = e && e.op === rule.op ? e.rules : [];
  return { op: rule.op, rules: rule.rules.map((r, i) => ruleAt(r, children[i], offset)) as ForwardRule[] };
}

/** Where a clause reads, for keeping only the strictest of two bounds on it. */
function boundKey(c: PeriodClause, offset: number): string | null {
  switch (c.kind) {
    case 'composite':
    case 'coupling':
      return `${offset}|${c.kind}|${c.cmp}`;
    case 'objective':
      return `${offset}|objective:${c.objective}|${c.cmp}`;
    case 'indicator':
      return `${offset}|indicator:${c.indicator}:${c.measure}|${c.cmp}`;
    case 'percentile':
      return `${offset}|percentile:${c.scope}|${c.cmp}`;
    default:
      return null;
  }
}

/** In an `all`, "at least 55" beside "at least 60" on the same metric and period says nothing more. */
function strictest(parts: ForwardRule[]): ForwardRule[] {
  const out: ForwardRule[] = [];
  const byKey = new Map<string, number>();
  const seen = new Set<string>();
  for (const p of parts) {
    if (p.op !== 'clause') {
      out.push(p);
      continue;
    }
    const same = JSON.stringify([p.clause, p.offset]);
    if (seen.has(same)) continue;
    seen.add(same);
    const key = boundKey(p.clause, p.offset);
    const at = key === null ? undefined : byKey.get(key);
    if (at === undefined) {
      if (key !== null) byKey.set(key, out.length);
      out.push(p);
      continue;
    }
    const kept = out[at] as Extract<ForwardRule, { op: 'clause' }>;
    const a = (kept.clause as { value: number; cmp: 'gte' | 'lte' }).value;
    const b = (p.clause as { value: number; cmp: 'gte' | 'lte' }).value;
    const stricter = (p.clause as { cmp: 'gte' | 'lte' }).cmp === 'gte' ? b > a : b < a;
    if (stricter) out[at] = p;
  }
  return out;
}

/** Kleene simplification with the decided periods' truths folded in. */
function simplify(n: Node): Node {
  if (n.op === 'clause' || n.op === 'unknown' || n.op === 'fixed') return n;
  if (n.op === 'not') {
    const inner = simplify(n.rule);
    return inner.op === 'fixed' ? { op: 'fixed', truth: negate(inner.truth) as Fixed['truth'] } : { op: 'not', rule: inner };
  }
  const isAll = n.op === 'all';
  const parts: ForwardRule[] = [];
  for (const child of n.rules) {
    const s = simplify(child);
    if (s.op === 'fixed') {
      // A failed part decides an `all`, a passed one an `any`; otherwise it drops out.
      if ((s.truth === 'fail') === isAll) return s;
      continue;
    }
    if (s.op === n.op) parts.push(...(s as { rules: ForwardRule[] }).rules);
    else parts.push(s);
  }
  const kept = isAll ? strictest(parts) : parts;
  if (kept.length === 0) return { op: 'fixed', truth: isAll ? 'pass' : 'fail' };
  if (kept.length === 1) return kept[0]!;
  return { op: n.op, rules: kept };
}

/**
 * The first later period in which the stakeholder can still qualify, and what must hold then (in
 * that period and, for runs of periods, in the ones before it). Looks as far ahead as the longest
 * run of periods the rule asks for: from there on the past no longer matters.
 */
export function nextPeriodCondition(rule: Rule, explanation: RuleExplanation | null | undefined): NextCondition | null {
  const reach = Math.min(MAX_CONSECUTIVE_PERIODS, Math.max(1, ...longestRuns(rule)));
  for (let offset = 1; offset <= reach; offset++) {
    const s = simplify(ruleAt(rule, explanation ?? undefined, offset));
    if (s.op === 'fixed') {
      if (s.truth === 'pass') return { offset, rule: null };
      continue;
    }
    return { offset, rule: s };
  }
  return null;
}

function longestRuns(rule: Rule): number[] {
  if (rule.op === 'clause') return [rule.clause.kind === 'consecutive' ? rule.clause.periods : 1];
  if (rule.op === 'not') return longestRuns(rule.rule);
  return rule.rules.flatMap(longestRuns);
}

/** The later periods a condition names, in order (one for most rules). */
export function forwardOffsets(rule: ForwardRule | null): number[] {
  const out = new Set<number>();
  const walk = (r: ForwardRule) => {
    if (r.op === 'clause') out.add(r.offset);
    else if (r.op === 'not') walk(r.rule);
    else if (r.op !== 'unknown') r.rules.forEach(walk);
  };
  if (rule) walk(rule);
  return [...out].sort((a, b) => a - b);
}

/** Three-valued truth of a forward rule once the later periods' clauses are known (for tests). */
export function forwardTruth(rule: ForwardRule, holds: (clause: PeriodClause, offset: number) => Truth): Truth {
  switch (rule.op) {
    case 'clause':
      return holds(rule.clause, rule.offset);
    case 'unknown':
      return 'unknown';
    case 'not':
      return negate(forwardTruth(rule.rule, holds));
    default: {
      const ts = rule.rules.map((r) => forwardTruth(r, holds));
      return rule.op === 'all' ? allOf(ts) : anyOf(ts);
    }
  }
}
