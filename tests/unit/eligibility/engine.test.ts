import { describe, expect, it } from 'vitest';
import { allocateBudget, applyGap, benefitFor, benefitSchema, centsAtMost, compareEligibility, evaluateRule, historyPeriodsNeeded, programInputSchema, renderRule, ruleSchema, runEligibility, type ProgramCore } from '@/core/eligibility';
import { all, any, clause, input, not } from './helpers';

describe('rule schema', () => {
  it('accepts a nested tree and refuses unknown clause kinds, empty groups and strict comparisons', () => {
    const ok = ruleSchema.safeParse(all(clause({ kind: 'composite', cmp: 'gte', value: 60 }), not(clause({ kind: 'noRedFlag' }))));
    expect(ok.success).toBe(true);
    expect(ruleSchema.safeParse({ op: 'all', rules: [] }).success).toBe(false);
    expect(ruleSchema.safeParse({ op: 'clause', clause: { kind: 'composite', cmp: 'gt', value: 60 } }).success).toBe(false);
    expect(ruleSchema.safeParse({ op: 'clause', clause: { kind: 'weather' } }).success).toBe(false);
    const bad = ruleSchema.safeParse({ op: 'clause', clause: { kind: 'coupling', cmp: 'gte', value: 11 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('validation.incentives.range::{"min":1,"max":10}');
  });
  it('refuses too many clauses', () => {
    const many = all(...Array.from({ length: 25 }, () => clause({ kind: 'composite', cmp: 'gte', value: 1 })));
    expect(ruleSchema.safeParse(many).error?.issues[0]?.message).toContain('tooManyClauses');
  });
});

describe('history a rule reads', () => {
  it('is the longest consecutive clause less the current period, wherever it sits, and 0 without one', () => {
    const composite = { kind: 'composite', cmp: 'gte', value: 50 } as const;
    expect(historyPeriodsNeeded(all(clause(composite), not(clause({ kind: 'noRedFlag' }))))).toBe(0);
    const rule = all(clause({ kind: 'consecutive', periods: 3, clause: composite }), any(clause(composite), not(clause({ kind: 'consecutive', periods: 5, clause: composite }))));
    expect(historyPeriodsNeeded(rule)).toBe(4);
  });
});

describe('evaluation', () => {
  it('explains each clause with its actual value and threshold', () => {
    const rule = all(clause({ kind: 'composite', cmp: 'gte', value: 70 }), clause({ kind: 'objective', objective: 'income', cmp: 'gte', value: 70 }));
    const e = evaluateRule(rule, input());
    expect(e.truth).toBe('fail');
    if (e.explanation.op !== 'all') throw new Error('expected all');
    const [a, b] = e.explanation.rules;
    expect(a).toMatchObject({ truth: 'pass', explanation: { actual: 72, threshold: 70, cmp: 'gte' } });
    expect(b).toMatchObject({ truth: 'fail', explanation: { actual: 68, threshold: 70, cmp: 'gte' } });
    expect(e.gap).toEqual({ attainable: true, changes: [{ metric: { kind: 'objective', objective: 'income' }, actual: 68, target: 70, delta: 2 }] });
  });

  it('lands on the threshold within the engine tolerance', () => {
    const rule = clause({ kind: 'composite', cmp: 'gte', value: 80 });
    expect(evaluateRule(rule, input({ composite: 79.99999999999999 })).truth).toBe('pass');
    expect(evaluateRule(rule, input({ composite: 79.999 })).truth).toBe('fail');
  });

  it('grade, percentiles, coupling and red flags', () => {
    expect(evaluateRule(clause({ kind: 'grade', atLeast: 'B' }), input({ grade: 'A' })).truth).toBe('pass');
    const g = evaluateRule(clause({ kind: 'grade', atLeast: 'B' }), input({ grade: 'D' }));
    expect(g.gap).toEqual({ attainable: true, changes: [{ metric: { kind: 'grade' }, actual: 'D', target: 'B', delta: null }] });
    expect(evaluateRule(clause({ kind: 'grade', atLeast: 'Z' }), input()).truth).toBe('unknown');
    expect(evaluateRule(clause({ kind: 'percentile', scope: 'county', cmp: 'gte', value: 50 }), input()).truth).toBe('pass');
    const offline = evaluateRule(clause({ kind: 'percentile', scope: 'county', cmp: 'gte', value: 50 }), input({ countyPercentile: undefined }));
    expect(offline.truth).toBe('unknown');
    expect(offline.gap).toEqual({ attainable: false, reason: 'not_available' });
    expect(evaluateRule(clause({ kind: 'coupling', cmp: 'gte', value: 9 }), input()).gap).toMatchObject({ changes: [{ target: 9, delta: 1 }] });
    const flagged = input({ indicators: { mk_env_violations: { raw: 2, normalized: 33 } } });
    const rf = evaluateRule(clause({ kind: 'noRedFlag' }), flagged);
    expect(rf.truth).toBe('fail');
    expect(rf.explanation).toMatchObject({ explanation: { actual: 1, threshold: 0, redFlags: [{ indicator: 'mk_env_violations', raw: 2, limit: 0, flagged: true }] } });
    expect(rf.gap).toMatchObject({ attainable: true, changes: [{ target: 0, delta: -2 }] });
    // A missing value raises no red flag.
    expect(evaluateRule(clause({ kind: 'noRedFlag' }), input({ indicators: {} })).truth).toBe('pass');
  });

  it('not of a passing rule fails, and its gap crosses to the other side', () => {
    const r = clause({ kind: 'composite', cmp: 'gte', value: 60 });
    expect(evaluateRule(r, input()).truth).toBe('pass');
    const n = evaluateRule(not(r), input());
    expect(n.truth).toBe('fail');
    if (!n.gap?.attainable) throw new Error('expected a gap');
    expect(n.gap.changes[0]!.target as number).toBeLessThan(60);
    expect(evaluateRule(not(r), applyGap(input(), n.gap)).truth).toBe('pass');
  });

  it('any picks the cheapest branch; all combines constraints on one metric', () => {
    const r = any(clause({ kind: 'composite', cmp: 'gte', value: 90 }), clause({ kind: 'objective', objective: 'income', cmp: 'gte', value: 69 }));
    expect(evaluateRule(r, input()).gap).toMatchObject({ changes: [{ metric: { kind: 'objective' }, target: 69 }] });
    const both = all(clause({ kind: 'composite', cmp: 'gte', value: 75 }), clause({ kind: 'composite', cmp: 'gte', value: 80 }));
    expect(evaluateRule(both, input()).gap).toMatchObject({ changes: [{ target: 80, delta: 8 }] });
    const contradiction = all(clause({ kind: 'composite', cmp: 'gte', value: 80 }), clause({ kind: 'composite', cmp: 'lte', value: 70 }));
    expect(evaluateRule(contradiction, input()).gap).toEqual({ attainable: false, reason: 'contradictory' });
  });

  it('consecutive periods look back through history', () => {
    const c = clause({ kind: 'consecutive', periods: 3, clause: { kind: 'composite', cmp: 'gte', value: 70 } });
    const h = (period: string, composite: number | null) => ({
      period,
      score: composite === null ? null : { ...input(), composite },
    });
    expect(evaluateRule(c, input({ history: [h('2026Q1', 71), h('2025Q4', 75)] })).truth).toBe('pass');
    const broken = evaluateRule(c, input({ history: [h('2026Q1', 65), h('2025Q4', 75)] }));
    expect(broken.truth).toBe('fail');
    expect(broken.explanation).toMatchObject({ explanation: { actual: 1, threshold: 3 } });
    expect(broken.gap).toEqual({ attainable: false, reason: 'history' });
    const short = evaluateRule(c, input({ history: [h('2026Q1', 80)] }));
    expect(short.explanation).toMatchObject({ explanation: { note: 'insufficient_history' } });
    expect(evaluateRule(c, input({ history: undefined })).truth).toBe('unknown');
    // Only this period falls short: the gap is this period's.
    const now = evaluateRule(c, input({ composite: 66, history: [h('2026Q1', 80), h('2025Q4', 80)] }));
    expect(now.gap).toMatchObject({ attainable: true, changes: [{ target: 70, delta: 4 }] });
  });
});

describe('benefits', () => {
  const parse = (b: unknown) => benefitSchema.parse(b);
  it('fixed, tiered, linear, per unit, with caps', () => {
    expect(benefitFor(parse({ kind: 'fixed', amount: 5000 }), input()).amount).toBe(5000);
    const tiered = parse({ kind: 'tiered', tiers: [{ minComposite: 60, value: 1000 }, { minComposite: 70, value: 3000 }, { minComposite: 85, value: 9000 }] });
    expect(benefitFor(tiered, input({ composite: 72 })).amount).toBe(3000);
    expect(benefitFor(tiered, input({ composite: 50 })).note).toBe('no_tier');
    const linear = parse({ kind: 'linear', minScore: 60, maxScore: 100, minAmount: 1000, maxAmount: 5000 });
    expect(benefitFor(linear, input({ composite: 80 })).amount).toBe(3000);
    expect(benefitFor(linear, input({ composite: 120 })).amount).toBe(5000);
    const perUnit = parse({ kind: 'per_unit', indicator: 'mk_value_added_10k', amountPerUnit: 20, cap: 8000 });
    expect(benefitFor(perUnit, input())).toMatchObject({ amount: 8000, uncapped: 10000 });
  });
  it('tax-rate reductions with an estimated revenue forgone', () => {
    const b = parse({ kind: 'tiered_rate', tiers: [{ minComposite: 60, value: 2 }, { minComposite: 80, value: 5 }], base: { indicator: 'mk_value_added_10k', scale: 10000 } });
    expect(benefitFor(b, input({ composite: 82 }))).toMatchObject({ rate: 5, amount: 250000 });
  });
});

describe('budget', () => {
  const req = (stakeholder: string, composite: number | null, demand: number) => ({ stakeholder, composite, demand });
  it('allocates by rank with the documented tie-break, partial or skipping the last', () => {
    const rs = [req('B', 80, 600), req('A', 80, 600), req('C', 90, 500), req('D', null, 100)];
    const partial = allocateBudget(rs, 1500, 'rank', 'partial');
    expect(partial.map((a) => [a.stakeholder, a.allocated])).toEqual([['C', 500], ['A', 600], ['B', 400], ['D', 0]]);
    const skip = allocateBudget(rs, 1500, 'rank', 'skip');
    expect(skip.map((a) => [a.stakeholder, a.allocated, a.cut])).toEqual([
      ['C', 500, null],
      ['A', 600, null],
      ['B', 0, 'budget_exhausted'],
      ['D', 0, 'budget_exhausted'],
    ]);
  });
  it('scales pro rata in whole cents, never above the budget', () => {
    const out = allocateBudget([req('A', 1, 0.1), req('B', 1, 0.2), req('C', 1, 0.2)], 0.3, 'pro_rata', 'partial');
    expect(out.map((a) => a.allocated)).toEqual([0.06, 0.12, 0.12]);
    expect(centsAtMost(0.29)).toBe(29);
    expect(centsAtMost(0.2899999)).toBe(28);
  });
});

const taxBreak: ProgramCore = programInputSchema.parse({
  code: 'TB',
  kind: 'tax_break',
  nameEn: 'Tax break',
  nameZh: '税收减免',
  eligibleTypes: ['market'],
  rule: all(clause({ kind: 'composite', cmp: 'gte', value: 70 }), clause({ kind: 'noRedFlag' })),
  benefit: { kind: 'rate', rate: 3, base: { indicator: 'mk_value_added_10k', scale: 100 } },
  budget: 2000,
  allocation: 'rank',
});

describe('programs', () => {
  it('validates across fields at the field', () => {
    const r = programInputSchema.safeParse({ ...taxBreak, code: 'X', nameEn: 'x', nameZh: 'x', benefit: { kind: 'fixed', amount: 1 }, allocation: null });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('benefit.kind');
    expect(paths).toContain('allocation');
  });

  it('runs: determinations, budget, totals; the same inputs give the same result in any order', () => {
    const inputs = [
      input({ stakeholder: 'MK-3', composite: 90 }),
      input({ stakeholder: 'MK-1', composite: 75 }),
      input({ stakeholder: 'MK-2', composite: 60 }),
      input({ stakeholder: 'MK-4', composite: 85, indicators: { mk_env_violations: { raw: 1, normalized: 60 }, mk_value_added_10k: { raw: 500, normalized: 60 } } }),
      input({ stakeholder: 'RU-1', type: 'rural', composite: 99 }),
    ];
    const result = runEligibility(taxBreak, inputs);
    expect(result.determinations.map((d) => [d.stakeholder, d.reason, d.amount])).toEqual([
      ['MK-1', 'awarded', 500],
      ['MK-2', 'rule_failed', null],
      ['MK-3', 'awarded', 1500],
      ['MK-4', 'rule_failed', null],
    ]);
    expect(result.totals).toMatchObject({ candidates: 4, passed: 2, awarded: 2, otherTypes: 1, demand: 3000, allocated: 2000, budget: 2000 });
    expect(runEligibility(taxBreak, [...inputs].reverse())).toEqual(result);
  });

  it('commendations: at most N per county, best first', () => {
    const p = programInputSchema.parse({
      code: 'C',
      kind: 'commendation',
      nameEn: 'c',
      nameZh: 'c',
      eligibleTypes: ['market'],
      rule: clause({ kind: 'composite', cmp: 'gte', value: 60 }),
      benefit: { kind: 'title', title: { en: 'Model', 'zh-CN': '示范' }, maxPerCounty: 1 },
    });
    const r = runEligibility(p, [input({ stakeholder: 'A', composite: 70 }), input({ stakeholder: 'B', composite: 80 }), input({ stakeholder: 'C', composite: 65, county: 'other' })]);
    expect(r.determinations.map((d) => [d.stakeholder, d.reason])).toEqual([['A', 'county_limit'], ['B', 'awarded'], ['C', 'awarded']]);
  });

  it('compares eligibility before and after a change of scores', () => {
    const before = [input({ stakeholder: 'A', composite: 72 }), input({ stakeholder: 'B', composite: 65 })];
    const after = [input({ stakeholder: 'A', composite: 68 }), input({ stakeholder: 'B', composite: 71 })];
    const c = compareEligibility(taxBreak, before, after);
    expect(c.gained.map((x) => x.stakeholder)).toEqual(['B']);
    expect(c.lost.map((x) => x.stakeholder)).toEqual(['A']);
  });

  it('renders a readable sentence in both languages', () => {
    const r = all(clause({ kind: 'composite', cmp: 'gte', value: 70 }), any(clause({ kind: 'noRedFlag' }), not(clause({ kind: 'grade', atLeast: 'C' }))));
    expect(renderRule(r, 'en')).toBe('composite score at least 70 and (no red flag or not (grade C or better))');
    expect(renderRule(r, 'zh-CN')).toBe('综合得分不低于 70，且（无红色预警，或并非（等级为 C 或更高））');
  });

  it('writes a raw threshold with its unit and grouped digits where the reader has units, bare otherwise (the CLI)', () => {
    const r = clause({ kind: 'indicator', indicator: 'wages', measure: 'raw', cmp: 'gte', value: 10000000 });
    const labels = { indicator: () => 'Wages', unit: () => ({ code: 'yuan_10k', nameEn: '10k yuan', nameZh: '万元', attached: false }) };
    expect(renderRule(r, 'en', labels)).toBe('“Wages” value at least 10,000,000 10k yuan');
    expect(renderRule(r, 'zh-CN', { ...labels, indicator: () => '工资' })).toBe('“工资”原始值不低于 10,000,000 万元');
    expect(renderRule(r, 'en')).toBe('“wages” value at least 10000000');
  });
});
