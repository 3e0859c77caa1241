// The robustness engine: seeded draws, stability per decision, what flips it; at spread 0 it is
// the eligibility engine itself.
import { describe, expect, it } from 'vitest';
import { runEligibility, type EligibilityInput, type ProgramCore, type Rule } from '@/core/eligibility';
import { checkRobustness, clauseAtPath, robustnessGroupOf, ruleLeaves, RobustnessCheck } from '@/core/eligibility/robustness';
import { draftPeriodScores } from '@/core/eligibility/draft-impact';
import { validateKpiSet, type KpiSetV1 } from '@/core/scoring';
import { scoreLight } from '@/core/scoring/period-scoring';
import { mulberry32 } from '@/core/scoring/sensitivity';
import { all, clause, not } from './helpers';

const indicator = (code: string) => ({ code, name: { en: code, 'zh-CN': code }, unit: '', direction: 'higher', weight: 1, normalization: { method: 'goalposts', min: 0, max: 100 } });
const kpiSet = (() => {
  const checked = validateKpiSet({
    format: 'kpi-set/v1',
    code: 'demo',
    name: { en: 'Demo', 'zh-CN': '演示' },
    stakeholderType: 'market',
    grades: [
      { code: 'A', min: 75, label: { en: 'A', 'zh-CN': 'A' } },
      { code: 'B', min: 50, label: { en: 'B', 'zh-CN': 'B' } },
      { code: 'C', min: 0, label: { en: 'C', 'zh-CN': 'C' } },
    ],
    objectives: [
      { code: 'a', name: { en: 'A', 'zh-CN': '甲' }, weight: 1, indicators: [indicator('x')] },
      { code: 'b', name: { en: 'B', 'zh-CN': '乙' }, weight: 1, indicators: [indicator('y'), indicator('z')] },
    ],
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.value as KpiSetV1;
})();

/** 60 stakeholders with seeded values, plus FAR (100 everywhere) and EDGE (composite exactly 50). */
function scenario() {
  const random = mulberry32(11);
  const rows = Array.from({ length: 60 }, (_, i) => ({
    stakeholder: `S${String(i).padStart(3, '0')}`,
    values: { x: Math.round(random() * 1000) / 10, y: Math.round(random() * 1000) / 10, z: Math.round(random() * 1000) / 10 },
  }));
  rows.push({ stakeholder: 'FAR', values: { x: 100, y: 100, z: 100 } });
  // x weighs 1/2, y and z 1/4 each: 0.5·40 + 0.25·60 + 0.25·60 = 50.
  rows.push({ stakeholder: 'EDGE', values: { x: 40, y: 60, z: 60 } });
  const county = (code: string) => (code.charCodeAt(code.length - 1) % 3 === 0 ? 'C1' : 'C2');
  const scored = scoreLight(kpiSet, { rows });
  const scores = draftPeriodScores(scored, { meta: new Map(rows.map((r) => [r.stakeholder, { countyKey: county(r.stakeholder) }])) });
  const inputs: EligibilityInput[] = rows.map((r) => ({
    ...scores.get(r.stakeholder)!,
    stakeholder: r.stakeholder,
    type: 'market',
    county: county(r.stakeholder),
    grades: ['A', 'B', 'C'],
    redFlagLimits: {},
    history: [],
  }));
  return { inputs, groups: [robustnessGroupOf(scored.compiled, inputs)] };
}

const program = (rule: Rule, over: Partial<ProgramCore> = {}): ProgramCore => ({
  kind: 'subsidy',
  eligibleTypes: ['market'],
  rule,
  benefit: { kind: 'fixed', amount: 100, cap: null, lastAward: 'partial' },
  budget: null,
  allocation: null,
  ...over,
});

const atLeast50 = all(clause({ kind: 'percentile', scope: 'province', cmp: 'gte', value: 0 }), clause({ kind: 'composite', cmp: 'gte', value: 50 }));

describe('robustness check', () => {
  const { inputs, groups } = scenario();

  it('is reproducible: the same seed gives the same stabilities, another seed other draws', () => {
    const p = program(atLeast50);
    const a = checkRobustness(p, inputs, groups, { draws: 300, spread: 0.2, seed: 42 });
    const b = checkRobustness(p, inputs, groups, { draws: 300, spread: 0.2, seed: 42 });
    const c = checkRobustness(p, inputs, groups, { draws: 300, spread: 0.2, seed: 43 });
    expect(b).toEqual(a);
    expect(c.map((r) => r.stability)).not.toEqual(a.map((r) => r.stability));
    // Chunked stepping draws the same sequence as one go.
    const stepped = new RobustnessCheck(p, inputs, groups, { draws: 300, spread: 0.2, seed: 42 });
    while (!stepped.finished) stepped.step(7);
    expect(stepped.result()).toEqual(a);
  });

  it('gives 1 far above every threshold and flags the one exactly at a threshold as fragile, naming the clause', () => {
    const result = new Map(checkRobustness(program(atLeast50), inputs, groups, { draws: 1000, spread: 0.2, seed: 7 }).map((r) => [r.stakeholder, r]));
    expect(result.get('FAR')).toMatchObject({ eligible: true, stability: 1, fragile: false, flip: null });
    const edge = result.get('EDGE')!;
    expect(edge.eligible).toBe(true);
    expect(edge.fragile).toBe(true);
    expect(edge.stability).toBeGreaterThan(0.3);
    expect(edge.stability).toBeLessThan(0.7);
    expect(edge.flip).toMatchObject({ kind: 'clause', path: [1] });
    expect(edge.flip!.share).toBeCloseTo(1 - edge.stability, 12);
    expect(clauseAtPath(atLeast50, edge.flip!.path!)).toEqual({ kind: 'composite', cmp: 'gte', value: 50 });
  });

  it('at spread 0 keeps every decision (stability exactly 1) and decides as runEligibility does', () => {
    const programs: ProgramCore[] = [
      program(atLeast50),
      program(all(clause({ kind: 'grade', atLeast: 'B' }), not(clause({ kind: 'coupling', cmp: 'lte', value: 3 })), clause({ kind: 'objective', objective: 'b', cmp: 'gte', value: 30 }))),
      program(clause({ kind: 'percentile', scope: 'county', cmp: 'gte', value: 40 }), {
        benefit: { kind: 'tiered', tiers: [{ minComposite: 40, value: 100 }, { minComposite: 60, value: 300 }], cap: null, lastAward: 'skip' },
      }),
      program(atLeast50, { budget: 1550, allocation: 'rank' }),
      program(clause({ kind: 'composite', cmp: 'gte', value: 20 }), { kind: 'commendation', benefit: { kind: 'title', title: { en: 'Model', 'zh-CN': '示范' }, maxPerCounty: 5 } }),
    ];
    for (const p of programs) {
      const expected = runEligibility(p, inputs).determinations;
      const result = checkRobustness(p, inputs, groups, { draws: 50, spread: 0, seed: 3 });
      expect(result.every((r) => r.stability === 1 && r.flip === null)).toBe(true);
      expect(result.map((r) => [r.stakeholder, r.eligible])).toEqual(expected.map((d) => [d.stakeholder, d.eligible]));
      if (p.benefit.kind === 'tiered') {
        const tiers = p.benefit.tiers;
        const tierOf = (composite: number | null) => tiers.reduce((t, band, i) => (composite !== null && composite >= band.minComposite ? i : t), -1);
        expect(result.map((r) => r.tier)).toEqual(expected.map((d) => (d.eligible ? tierOf(d.composite) : null)));
        expect(result.map((r) => r.tier)).toEqual(expect.arrayContaining([0, 1, null]));
      }
      if (p.budget !== null) expect(expected.some((d) => d.reason === 'budget_exhausted')).toBe(true);
    }
  });

  it('names the budget when the cut is what flips a decision', () => {
    // Everyone passes; the budget pays the best 20 by composite, so those around the 20th place
    // move in and out of the paid group.
    const p = program(clause({ kind: 'composite', cmp: 'gte', value: 0 }), { budget: 2000, allocation: 'rank', benefit: { kind: 'fixed', amount: 100, cap: null, lastAward: 'skip' } });
    const result = checkRobustness(p, inputs, groups, { draws: 500, spread: 0.3, seed: 5 });
    expect(result.filter((r) => r.eligible)).toHaveLength(20);
    const flipped = result.filter((r) => r.flip !== null);
    expect(flipped.length).toBeGreaterThan(0);
    expect(flipped.every((r) => r.flip!.kind === 'budget')).toBe(true);
    expect(result.find((r) => r.stakeholder === 'FAR')!.stability).toBe(1);
  });

  it('names the tier when only the band awarded changes, and the county limit for commendations', () => {
    const tiered = program(clause({ kind: 'composite', cmp: 'gte', value: 0 }), { benefit: { kind: 'tiered', tiers: [{ minComposite: 0, value: 100 }, { minComposite: 50, value: 300 }], cap: null, lastAward: 'partial' } });
    const edge = checkRobustness(tiered, inputs, groups, { draws: 400, spread: 0.2, seed: 9 }).find((r) => r.stakeholder === 'EDGE')!;
    expect(edge).toMatchObject({ eligible: true, tier: 1, fragile: true, flip: { kind: 'tier' } });
    const limited = program(clause({ kind: 'composite', cmp: 'gte', value: 0 }), { kind: 'commendation', benefit: { kind: 'title', title: { en: 'Model', 'zh-CN': '示范' }, maxPerCounty: 8 } });
    const kinds = new Set(checkRobustness(limited, inputs, groups, { draws: 300, spread: 0.3, seed: 9 }).flatMap((r) => (r.flip ? [r.flip.kind] : [])));
    expect([...kinds]).toEqual(['county_limit']);
  });

  it('locates leaves through `not` and nested groups', () => {
    const rule = all(clause({ kind: 'composite', cmp: 'gte', value: 1 }), not(all(clause({ kind: 'grade', atLeast: 'A' }), clause({ kind: 'coupling', cmp: 'gte', value: 2 }))));
    expect(ruleLeaves(rule).map((l) => l.path)).toEqual([[0], [1, 0], [1, 1]]);
    expect(clauseAtPath(rule, [1, 1])).toEqual({ kind: 'coupling', cmp: 'gte', value: 2 });
    expect(clauseAtPath(rule, [2])).toBeNull();
  });
});
