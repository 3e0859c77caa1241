// The gap of a stakeholder who does not pass: the smallest change of the metrics a rule looks at
// that makes it pass.
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
import { atomTruth, metricValue, negate, slack, type Atom, type Expr, type MetricRef, type Truth } from './atoms';
import type { EligibilityInput } from './input';

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

function metricKey(m: MetricRef): string {
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

export function findGap(expr: Expr, input: EligibilityInput): Gap {
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
