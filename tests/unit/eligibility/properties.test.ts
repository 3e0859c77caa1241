// Property tests of the eligibility engine (fast-check): gaps are exact, `not` flips, runs are
// deterministic, allocations stay within budget and caps and respect rank order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateBudget, applyGap, centsAtMost, evaluateRule, rankOrder, runEligibility, type Clause, type EligibilityInput, type PeriodClause, type ProgramCore, type Rule } from '@/core/eligibility';

// Hundreds of generated cases per property: a ceiling for a busy machine, not a speed goal.
const PROPERTY_TIMEOUT_MS = 30_000;

const score = fc.oneof(fc.constant(null), fc.double({ min: 0, max: 100, noNaN: true }), fc.integer({ min: 0, max: 100 }));
const threshold = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true }));
const cmp = fc.constantFrom('gte' as const, 'lte' as const);
const GRADES = ['A', 'B', 'C', 'D'];

const periodClause: fc.Arbitrary<PeriodClause> = fc.oneof(
  fc.record({ kind: fc.constant('composite' as const), cmp, value: threshold }),
  fc.record({ kind: fc.constant('objective' as const), objective: fc.constantFrom('poverty', 'income'), cmp, value: threshold }),
  fc.record({ kind: fc.constant('indicator' as const), indicator: fc.constantFrom('x', 'y'), measure: fc.constantFrom('raw' as const, 'normalized' as const), cmp, value: threshold }),
  fc.record({ kind: fc.constant('grade' as const), atLeast: fc.constantFrom(...GRADES) }),
  fc.record({ kind: fc.constant('percentile' as const), scope: fc.constantFrom('province' as const, 'county' as const), cmp, value: threshold }),
  fc.record({ kind: fc.constant('coupling' as const), cmp, value: fc.integer({ min: 1, max: 10 }) }),
  fc.oneof(fc.constant({ kind: 'noRedFlag' as const }), fc.constant({ kind: 'noRedFlag' as const, indicator: 'x' })),
);
const anyClause: fc.Arbitrary<Clause> = fc.oneof(
  { weight: 6, arbitrary: periodClause },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('consecutive' as const), periods: fc.integer({ min: 2, max: 3 }), clause: periodClause }) },
);

const rule: fc.Arbitrary<Rule> = fc.letrec<{ rule: Rule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ op: fc.constant('clause' as const), clause: anyClause }),
    fc.record({ op: fc.constantFrom('all' as const, 'any' as const), rules: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ op: fc.constant('not' as const), rule: tie('rule') }),
  ),
})).rule;

const periodScore = fc.record({
  composite: score,
  grade: fc.constantFrom(null, ...GRADES),
  objectives: fc.record({ poverty: score, income: score }),
  indicators: fc.record({ x: fc.record({ raw: score, normalized: score }), y: fc.record({ raw: score, normalized: score }) }),
  percentile: score,
  countyPercentile: fc.oneof(score, fc.constant(undefined)),
  couplingClass: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 10 })),
});

const stakeholderInput = (code: fc.Arbitrary<string>): fc.Arbitrary<EligibilityInput> =>
  fc
    .record({
      stakeholder: code,
      score: periodScore,
      county: fc.constantFrom('c1', 'c2', undefined),
      redFlagLimits: fc.oneof(fc.constant({}), fc.constant(undefined), fc.record({ x: fc.integer({ min: 0, max: 50 }) })),
      history: fc.oneof(
        fc.constant(undefined),
        fc.array(fc.record({ period: fc.constantFrom('P1', 'P2', 'P3'), score: fc.oneof(fc.constant(null), periodScore) }), { maxLength: 3 }),
      ),
    })
    .map(({ stakeholder, score: s, county, redFlagLimits, history }) => ({
      stakeholder,
      type: 'market' as const,
      county,
      grades: GRADES,
      redFlagLimits,
      history,
      ...s,
    }));

describe('rule engine properties', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it('gaps are exact: applying the reported gap makes the stakeholder pass', () => {
    fc.assert(
      fc.property(rule, stakeholderInput(fc.constant('S')), (r, i) => {
        const e = evaluateRule(r, i);
        if (e.truth === 'pass') {
          expect(e.gap).toBeNull();
          return;
        }
        if (e.gap === null || !e.gap.attainable) return;
        expect(evaluateRule(r, applyGap(i, e.gap)).truth).toBe('pass');
      }),
      { numRuns: 3000 },
    );
  });

  it('a gap is attainable whenever changing this period alone can make a numeric rule pass', () => {
    // A single numeric clause can always be met by moving its metric (percentiles need county data).
    fc.assert(
      fc.property(fc.record({ kind: fc.constant('composite' as const), cmp, value: threshold }), stakeholderInput(fc.constant('S')), (c, i) => {
        const e = evaluateRule({ op: 'clause', clause: c }, i);
        if (e.truth !== 'pass') expect(e.gap).toMatchObject({ attainable: true });
      }),
    );
  });

  it('not flips pass and fail (unknown stays unknown)', () => {
    fc.assert(
      fc.property(rule, stakeholderInput(fc.constant('S')), (r, i) => {
        const t = evaluateRule(r, i).truth;
        const n = evaluateRule({ op: 'not', rule: r }, i).truth;
        expect(n).toBe(t === 'pass' ? 'fail' : t === 'fail' ? 'pass' : 'unknown');
      }),
      { numRuns: 1000 },
    );
  });
});

const requests = fc.uniqueArray(
  fc.record({
    stakeholder: fc.string({ minLength: 1, maxLength: 4 }),
    composite: score,
    demand: fc.oneof(fc.integer({ min: 0, max: 100000 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
  }),
  { selector: (r) => r.stakeholder, maxLength: 30 },
);
const budget = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 200000 }), fc.double({ min: 0, max: 1e6, noNaN: true }));

describe('budget properties', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it('never exceeds the budget or any demand; rank order is respected', () => {
    fc.assert(
      fc.property(requests, budget, fc.constantFrom('rank' as const, 'pro_rata' as const), fc.constantFrom('partial' as const, 'skip' as const), (rs, b, method, last) => {
        const out = allocateBudget(rs, b, method, last);
        expect(out).toHaveLength(rs.length);
        const totalCents = out.reduce((a, x) => a + Math.round(x.allocated * 100), 0);
        if (b !== null) expect(totalCents).toBeLessThanOrEqual(centsAtMost(b));
        for (const a of out) {
          expect(a.allocated).toBeGreaterThanOrEqual(0);
          expect(a.allocated).toBeLessThanOrEqual(a.demand);
        }
        // Output is in rank order (composite desc, code asc, missing last) …
        expect(out.map((a) => a.stakeholder)).toEqual(rankOrder(rs).map((r) => r.stakeholder));
        if (method === 'rank') {
          // … and nobody is paid while someone ranked above is not paid in full.
          const firstShort = out.findIndex((a) => Math.round(a.allocated * 100) < centsAtMost(a.demand));
          if (firstShort >= 0) for (const a of out.slice(firstShort + 1)) expect(a.allocated).toBe(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('program runs respect caps and budget, and are the same whatever the input order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(stakeholderInput(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G')), { selector: (i) => i.stakeholder, maxLength: 7 }),
        rule,
        fc.integer({ min: 0, max: 5000 }),
        fc.oneof(fc.constant(null), fc.integer({ min: 1, max: 20000 })),
        fc.constantFrom('rank' as const, 'pro_rata' as const),
        (inputs, r, cap, b, method) => {
          const program: ProgramCore = {
            kind: 'subsidy',
            eligibleTypes: ['market'],
            rule: r,
            benefit: { kind: 'linear', minScore: 0, maxScore: 100, minAmount: 0, maxAmount: 10000, cap, lastAward: 'partial' },
            budget: b,
            allocation: method,
          };
          const result = runEligibility(program, inputs);
          for (const d of result.determinations) {
            if (d.amount !== null) expect(d.amount).toBeLessThanOrEqual(cap);
            expect(d.eligible).toBe(d.reason === 'awarded');
            if (d.eligible) expect(d.truth).toBe('pass');
          }
          if (b !== null) expect(result.totals.allocated).toBeLessThanOrEqual(b);
          expect(runEligibility(program, [...inputs].reverse())).toEqual(result);
        },
      ),
      { numRuns: 500 },
    );
  });
});
