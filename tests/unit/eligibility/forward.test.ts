// Looking forward from a determination: the condition for a later period (exact against the
// engine run on that period), the benefit at stake, the place in a rank allocation, and the
// condition as a sentence in both languages.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allocateBudget,
  benefitAtStake,
  benefitSchema,
  evaluateRule,
  forwardOffsets,
  forwardTruth,
  nextPeriodCondition,
  rankOrder,
  rankStanding,
  renderForward,
  type EligibilityInput,
  type PeriodClause,
  type PeriodScore,
  type Rule,
} from '@/core/eligibility';
import { all, clause, input, not } from './helpers';

const GRADES = ['A', 'B', 'C', 'D'];
const score = fc.oneof(fc.constant(null), fc.integer({ min: 40, max: 90 }), fc.double({ min: 40, max: 90, noNaN: true }));
const threshold = fc.constantFrom(50, 55, 60, 70, 80);
const cmp = fc.constantFrom('gte' as const, 'lte' as const);
const periodClause: fc.Arbitrary<PeriodClause> = fc.oneof(
  fc.record({ kind: fc.constant('composite' as const), cmp, value: threshold }),
  fc.record({ kind: fc.constant('objective' as const), objective: fc.constant('income'), cmp, value: threshold }),
  fc.record({ kind: fc.constant('grade' as const), atLeast: fc.constantFrom(...GRADES) }),
  fc.constant({ kind: 'noRedFlag' as const }),
);
const rule: fc.Arbitrary<Rule> = fc.letrec<{ rule: Rule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ op: fc.constant('clause' as const), clause: periodClause }),
    fc.record({ op: fc.constant('clause' as const), clause: fc.record({ kind: fc.constant('consecutive' as const), periods: fc.integer({ min: 2, max: 4 }), clause: periodClause }) }),
    fc.record({ op: fc.constantFrom('all' as const, 'any' as const), rules: fc.array(tie('rule'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ op: fc.constant('not' as const), rule: tie('rule') }),
  ),
})).rule;
const periodScore: fc.Arbitrary<PeriodScore> = fc.record({
  composite: score,
  grade: fc.constantFrom(null, ...GRADES),
  objectives: fc.record({ income: score }),
  indicators: fc.record({ x: fc.record({ raw: fc.constantFrom(null, 0, 1, 3), normalized: score }) }),
  percentile: score,
  couplingClass: fc.constant(5),
});
const history = fc.array(fc.oneof(fc.constant(null), periodScore), { maxLength: 4 });

function inputOf(s: PeriodScore, past: (PeriodScore | null)[]): EligibilityInput {
  return { stakeholder: 'S', type: 'market', grades: GRADES, redFlagLimits: { x: 1 }, ...s, history: past.map((h, i) => ({ period: `P-${i + 1}`, score: h })) };
}

describe('the condition for a later period', () => {
  it('is exact: the rule run on each later period agrees with it, and nothing qualifies before it', () => {
    fc.assert(
      fc.property(rule, periodScore, history, fc.array(periodScore, { minLength: 4, maxLength: 4 }), (r, now, past, future) => {
        const decided = evaluateRule(r, inputOf(now, past));
        const next = nextPeriodCondition(r, decided.explanation);
        expect(next).not.toBeNull();
        // Period k later: its own score, and before it the later periods, the decided one and the past.
        const truthAt = (k: number) => evaluateRule(r, inputOf(future[k - 1]!, [...future.slice(0, k - 1).reverse(), now, ...past])).truth;
        for (let k = 1; k < next!.offset; k++) expect(truthAt(k)).toBe('fail');
        const expected = next!.rule === null ? 'pass' : forwardTruth(next!.rule, (c, m) => evaluateRule({ op: 'clause', clause: c }, inputOf(future[m - 1]!, [])).truth);
        expect(truthAt(next!.offset)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('coop1: 55 missed last period, so the next period asks only the current clause — the stricter of the two', () => {
    const r = all(clause({ kind: 'composite', cmp: 'gte', value: 60 }), clause({ kind: 'consecutive', periods: 2, clause: { kind: 'composite', cmp: 'gte', value: 55 } }));
    const e = evaluateRule(r, input({ composite: 69.8, history: [{ period: '2026Q1', score: { ...input(), composite: 52.2 } }] }));
    expect(e.truth).toBe('fail');
    expect(nextPeriodCondition(r, e.explanation)).toEqual({ offset: 1, rule: { op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 60 }, offset: 1, now: 69.8 } });
  });

  it('a run of three broken this period: qualifies three periods on, each of them holding', () => {
    const r = clause({ kind: 'consecutive', periods: 3, clause: { kind: 'composite', cmp: 'gte', value: 60 } });
    const e = evaluateRule(r, input({ composite: 50, history: [{ period: 'P', score: { ...input(), composite: 70 } }] }));
    const next = nextPeriodCondition(r, e.explanation)!;
    expect(next.offset).toBe(3);
    expect(forwardOffsets(next.rule)).toEqual([1, 2, 3]);
    const names = (o: number) => ['2026Q3', '2026Q4', '2027Q1'][o - 1]!;
    expect(renderForward(next.rule!, 'en', {}, names)).toBe(
      'composite score at least 60 in 2026Q3 (now 50) and composite score at least 60 in 2026Q4 and composite score at least 60 in 2027Q1',
    );
    expect(renderForward(next.rule!, 'zh-CN', {}, names)).toBe('2026Q3 综合得分不低于 60（当前 50），且2026Q4 综合得分不低于 60，且2027Q1 综合得分不低于 60');
  });

  it('a negated run the past already broke leaves nothing to meet', () => {
    const r = not(clause({ kind: 'consecutive', periods: 2, clause: { kind: 'composite', cmp: 'gte', value: 60 } }));
    const e = evaluateRule(r, input({ composite: 50, history: [] }));
    expect(nextPeriodCondition(r, e.explanation)).toEqual({ offset: 1, rule: null });
  });

  it('reads as one sentence with the current value beside each condition', () => {
    const r = all(clause({ kind: 'composite', cmp: 'gte', value: 70 }), clause({ kind: 'objective', objective: 'income', cmp: 'gte', value: 65 }), clause({ kind: 'noRedFlag' }));
    const e = evaluateRule(r, input({ composite: 70.967, objectives: { income: 80.67 } }));
    const next = nextPeriodCondition(r, e.explanation)!;
    const labels = { objective: (c: string) => (c === 'income' ? 'Farmer income' : undefined) };
    expect(renderForward(next.rule!, 'en', labels, null)).toBe('composite score at least 70 (now 70.97) and “Farmer income” objective score at least 65 (now 80.67) and no red flag');
    expect(renderForward(next.rule!, 'zh-CN', labels, null)).toBe('综合得分不低于 70（当前 70.97），且“Farmer income”目标得分不低于 65（当前 80.67），且无红色预警');
  });
});

describe('the benefit at stake', () => {
  const taxBreak = benefitSchema.parse({ kind: 'tiered_rate', tiers: [{ minComposite: 70, value: 2 }, { minComposite: 85, value: 5 }], base: { indicator: 'mk_value_added_10k', scale: 10000 }, cap: 300000 });

  it('at its own scores for one who passed: the demand the budget did not pay', () => {
    expect(benefitAtStake(taxBreak, input({ composite: 72 }), null)).toMatchObject({ amount: 100000, rate: 2, atComposite: 72, assumed: false });
  });

  it('at the scores its gap asks for, for one who failed', () => {
    const r = clause({ kind: 'composite', cmp: 'gte', value: 85 });
    const i = input({ composite: 72 });
    const e = evaluateRule(r, i);
    expect(benefitAtStake(taxBreak, i, e.gap)).toMatchObject({ amount: 250000, rate: 5, atComposite: 85, assumed: true });
  });

  it('at the lowest band above its composite when it reaches none', () => {
    expect(benefitAtStake(taxBreak, input({ composite: 50 }), null)).toMatchObject({ amount: 100000, rate: 2, atComposite: 70, assumed: true });
    const linear = benefitSchema.parse({ kind: 'linear', minScore: 60, maxScore: 100, minAmount: 20000, maxAmount: 100000, cap: 80000 });
    expect(benefitAtStake(linear, input({ composite: null }), null)).toMatchObject({ amount: 20000, atComposite: 60, assumed: true });
  });
});

describe('the place in a rank allocation', () => {
  it('ranks by composite, ties by code, and says how far down the budget reached', () => {
    const requests = [
      { stakeholder: 'B', composite: 80, demand: 100 },
      { stakeholder: 'A', composite: 80, demand: 100 },
      { stakeholder: 'C', composite: 90, demand: 100 },
      { stakeholder: 'D', composite: null, demand: 100 },
    ];
    const results = allocateBudget(requests, 250, 'rank', 'partial');
    expect(rankOrder(requests).map((r) => r.stakeholder)).toEqual(['C', 'A', 'B', 'D']);
    expect(rankStanding(results, 'B')).toEqual({ rank: 3, of: 4, lastPaid: 3 });
    expect(rankStanding(allocateBudget(requests, 250, 'rank', 'skip'), 'D')).toEqual({ rank: 4, of: 4, lastPaid: 2 });
    expect(rankStanding(allocateBudget(requests, 400, 'rank', 'skip'), 'X')).toEqual({ rank: null, of: 4, lastPaid: null });
  });
});
