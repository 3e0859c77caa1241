import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileKpiSet, gradeFor, rowsToMatrix, scoreMatrix, stakeholderScoreAt, type KpiSetV1, type ValuesRow } from '@/core/scoring';
import { combinedPlan, type CombinedPlan } from '@/core/scoring/combined-plan';
import { pathToNextBand, type IndicatorLimits } from '@/core/scoring/next-band';
import { ascendingPresent, PeerValues } from '@/core/scoring/peer-values';
import { scoreRowAmong } from '@/core/scoring/what-if';
import { isPeerDependent } from '@/core/scoring/format';
import { indicator, kpiSet, PROPERTY_METHODS, propertyValue } from './helpers';

/** The other peers' present values of each peer-relative indicator, as a published run stores them. */
function othersOf(set: KpiSetV1, rows: readonly ValuesRow[], stakeholder: string): Record<string, PeerValues> {
  const out: Record<string, PeerValues> = {};
  for (const i of set.objectives.flatMap((o) => o.indicators)) {
    if (!isPeerDependent(i.normalization)) continue;
    out[i.code] = new PeerValues(ascendingPresent(rows.filter((r) => r.stakeholder !== stakeholder).map((r) => r.values[i.code])));
  }
  return out;
}

/** The engine's composite and band minimum for the stakeholder with some values replaced, scored within the whole matrix. */
function scoreWith(set: KpiSetV1, rows: readonly ValuesRow[], stakeholder: string, values: Record<string, number>) {
  const changed = rows.map((row) => (row.stakeholder === stakeholder ? { ...row, values: { ...row.values, ...values } } : row));
  const compiled = compileKpiSet(set);
  const matrix = rowsToMatrix(compiled, changed);
  const result = stakeholderScoreAt(compiled, matrix, scoreMatrix(compiled, matrix), matrix.stakeholders.indexOf(stakeholder));
  return { composite: result.composite, grade: result.grade, min: gradeFor(result.composite, set.grades)?.min ?? -1 };
}

const planValues = (plan: CombinedPlan) => Object.fromEntries(plan.steps.map((s) => [s.indicator, s.value]));

describe('combined plan', () => {
  it('fills the steepest indicator first in a linear worked example', () => {
    // composite = (2a + b + c)/4 = 10 (D); band C starts at 60, so 2a + b + c must reach 240.
    // Alone: a = 100 gives 50, b or c = 100 gives 32.5 — none reaches. a in full (effort 0.9) and
    // b + 20 (effort 0.2) costs 1.1; b in full and a + 55 would cost 1.45.
    const set = kpiSet([{ code: 'o', indicators: [indicator('a', { weight: 2 }), indicator('b'), indicator('c')] }]);
    const rows = [{ stakeholder: 'S', values: { a: 10, b: 10, c: 10 } }];
    expect(pathToNextBand(set, rows, 'S').routes.every((r) => !r.reachable)).toBe(true);
    const plan = combinedPlan(set, rows[0]!, {}, { limits: { a: { decimals: 1 }, b: { decimals: 1 }, c: { decimals: 1 } } });
    expect(plan).not.toBeNull();
    expect(plan!.steps.map((s) => [s.indicator, s.value])).toEqual([
      ['a', 100],
      ['b', 30],
    ]);
    expect(plan!.effort).toBeCloseTo(1.1, 9);
    expect(plan!.grade).toBe('C');
    expect(scoreWith(set, rows, 'S', planValues(plan!)).composite).toBeCloseTo(60, 9);
  });

  it('uses three indicators when no pair is enough, and none when one suffices or at the top band', () => {
    const set = kpiSet([{ code: 'o', indicators: [indicator('a'), indicator('b'), indicator('c'), indicator('d')] }]);
    // composite 5; C needs a sum of 240: two indicators at 100 give 210, so three are needed.
    const row = { stakeholder: 'S', values: { a: 5, b: 5, c: 5, d: 5 } };
    const plan = combinedPlan(set, row, {});
    expect(plan?.steps).toHaveLength(3);
    expect(scoreWith(set, [row], 'S', planValues(plan!)).min).toBeGreaterThanOrEqual(60);
    // One indicator is enough: that is a route of the path to the next band, not a plan.
    expect(combinedPlan(set, { stakeholder: 'S', values: { a: 55, b: 55, c: 55, d: 55 } }, {})).toBeNull();
    expect(combinedPlan(set, { stakeholder: 'S', values: { a: 90, b: 90, c: 90, d: 90 } }, {})).toBeNull();
  });

  it('stays within the valid range and says nothing when no combination of three reaches', () => {
    const set = kpiSet([{ code: 'o', indicators: [indicator('a'), indicator('b'), indicator('c'), indicator('d')] }]);
    const row = { stakeholder: 'S', values: { a: 5, b: 5, c: 5, d: 5 } };
    // Capped at 75 by the valid range, three indicators give a sum of at most 5 + 3·75 = 230 < 240.
    const capped = Object.fromEntries(['a', 'b', 'c', 'd'].map((c) => [c, { min: 0, max: 75 }]));
    expect(combinedPlan(set, row, {}, { limits: capped })).toBeNull();
    const limits: Record<string, IndicatorLimits> = { a: { max: 90 }, b: { max: 90 }, c: { max: 90 }, d: { max: 90 } };
    const plan = combinedPlan(set, row, {}, { limits })!;
    for (const s of plan.steps) expect(s.value).toBeLessThanOrEqual(90);
    expect(scoreWith(set, [row], 'S', planValues(plan)).min).toBeGreaterThanOrEqual(60);
  });

  it('spreads the change when the score is curved (ln goalposts), and is deterministic', () => {
    // Concave gains: half way on both costs less than all of one and a little of the other.
    const ln = { method: 'goalposts', min: 1, max: 1000, transform: 'ln' } as const;
    const set = kpiSet([{ code: 'o', indicators: [indicator('a', { normalization: ln }), indicator('b', { normalization: ln }), indicator('c', { normalization: ln })] }]);
    const row = { stakeholder: 'S', values: { a: 2, b: 2, c: 2 } };
    const plan = combinedPlan(set, row, {})!;
    expect(plan).not.toBeNull();
    expect(combinedPlan(set, row, {})).toEqual(plan);
    // The best plan a fine grid over every pair finds costs no less.
    expect(plan.effort).toBeLessThanOrEqual(bruteForcePairs(set, row) + 1e-3);
    expect(scoreWith(set, [row], 'S', planValues(plan)).min).toBeGreaterThanOrEqual(60);
  });

  it('is verified by the engine on random KPI sets, each step as small as its grid allows (property)', () => {
    const methods = PROPERTY_METHODS;
    let plans = 0;
    const value = propertyValue;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: methods.length - 1 }), { minLength: 3, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 6, maxLength: 6 }),
        fc.constantFrom('arithmetic', 'geometric'),
        fc.constantFrom('arithmetic', 'geometric'),
        fc.array(fc.array(value, { minLength: 6, maxLength: 6 }), { minLength: 2, maxLength: 6 }),
        (methodIndex, weights, within, across, table) => {
          const indicators = methodIndex.map((m, j) => indicator(`i${j}`, { weight: weights[j]!, normalization: { ...methods[m]! } }));
          const half = Math.ceil(indicators.length / 2);
          const set = kpiSet(
            [
              { code: 'o1', indicators: indicators.slice(0, half) },
              { code: 'o2', indicators: indicators.slice(half) },
            ],
            { aggregation: { indicators: within, objectives: across }, missing: { policy: 'reweight', minCompleteness: 0.5 } },
          );
          const codes = set.objectives.flatMap((o) => o.indicators.map((i) => i.code));
          // Low values, so that single indicators often fall short.
          const rows: ValuesRow[] = table.map((cells, r) => ({
            stakeholder: `S${r}`,
            values: Object.fromEntries(codes.map((c, j) => [c, r === 0 && cells[j] !== null ? cells[j]! / 6 : (cells[j] ?? null)])),
          }));
          const limits = Object.fromEntries(codes.map((c) => [c, { min: 0, max: 2000, decimals: 2 }]));
          const plan = combinedPlan(set, rows[0]!, othersOf(set, rows, 'S0'), { limits });
          const path = pathToNextBand(set, rows, 'S0', { limits });
          if (!plan) return;
          plans++;
          // Only when no single indicator reaches the band.
          expect(path.routes.some((r) => r.reachable)).toBe(false);
          expect(plan.steps.length).toBeGreaterThanOrEqual(2);
          expect(plan.steps.length).toBeLessThanOrEqual(3);
          const values = planValues(plan);
          const at = scoreWith(set, rows, 'S0', values);
          expect(at.min).toBeGreaterThanOrEqual(path.nextGrade!.min);
          expect(at.grade).toBe(plan.grade);
          expect(at.composite).toBeCloseTo(plan.composite, 9);
          for (const s of plan.steps) {
            expect(s.value).toBeGreaterThanOrEqual(0);
            expect(s.value).toBeLessThanOrEqual(2000);
            expect(Math.round(s.value * 100)).toBeCloseTo(s.value * 100, 6);
            // One grid step less of any step, the others held, misses the band.
            const short = Math.round(s.value * 100 - 1) / 100;
            if (s.current !== null && short > s.current) {
              expect(scoreWith(set, rows, 'S0', { ...values, [s.indicator]: short }).min).toBeLessThan(path.nextGrade!.min);
            }
          }
        },
      ),
      { numRuns: 120, seed: 11 },
    );
    expect(plans).toBeGreaterThan(10);
  }, 60_000);

  it('searches z-scores among many peers with running sums, and shows only what the exact engine grades', () => {
    const z = { method: 'zscore' } as const;
    const set = kpiSet([{ code: 'o', indicators: [indicator('a', { normalization: z }), indicator('b', { normalization: z }), indicator('c'), indicator('d')] }]);
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const rows: ValuesRow[] = [{ stakeholder: 'S', values: { a: 20, b: 20, c: 20, d: 20 } }];
    for (let r = 0; r < 5000; r++) rows.push({ stakeholder: `P${r}`, values: { a: random() * 100, b: random() * 100, c: 50, d: 50 } });
    const limits = Object.fromEntries(['a', 'b', 'c', 'd'].map((c) => [c, { min: 0, max: 1000, decimals: 2 }]));
    expect(pathToNextBand(set, rows, 'S', { limits }).routes.some((r) => r.reachable)).toBe(false);
    const plan = combinedPlan(set, rows[0]!, othersOf(set, rows, 'S'), { limits })!;
    expect(plan.steps.length).toBeGreaterThanOrEqual(2);
    const at = scoreWith(set, rows, 'S', planValues(plan));
    expect(at.grade).toBe(plan.grade);
    expect(at.composite).toBe(plan.composite);
    for (const s of plan.steps) {
      const short = Math.round(s.value * 100 - 1) / 100;
      if (short > s.current!) expect(scoreWith(set, rows, 'S', { ...planValues(plan), [s.indicator]: short }).grade).not.toBe(plan.grade);
    }
  });

  it('scores a row with changed values as the whole matrix does (what-if)', () => {
    const set = kpiSet([
      { code: 'o1', indicators: [indicator('a', { normalization: { method: 'minmax' } }), indicator('b', { normalization: { method: 'percentile' } })] },
      { code: 'o2', indicators: [indicator('c', { normalization: { method: 'zscore' } }), indicator('d')] },
    ]);
    const rows = [
      { stakeholder: 'S', values: { a: 10, b: 20, c: 30, d: 40 } },
      { stakeholder: 'P', values: { a: 50, b: 5, c: 10, d: 60 } },
      { stakeholder: 'Q', values: { a: 30, b: 25, c: 70, d: 20 } },
    ];
    const changed = { a: 45, c: 55 };
    const own = { stakeholder: 'S', values: { ...rows[0]!.values, ...changed } };
    const score = scoreRowAmong(set, own, othersOf(set, rows, 'S'));
    const whole = scoreWith(set, rows, 'S', changed);
    expect(score.composite).toBeCloseTo(whole.composite!, 12);
    expect(score.grade).toBe(whole.grade);
  });
});

/** The least effort (raw change / 999) over every pair of indicators: a on a grid of 400 steps, b bisected (goalposts 1…1000, ln). */
function bruteForcePairs(set: KpiSetV1, row: ValuesRow): number {
  const codes = set.objectives.flatMap((o) => o.indicators.map((i) => i.code));
  let best = Infinity;
  for (const a of codes) {
    for (const b of codes) {
      if (a >= b) continue;
      const a0 = row.values[a]!;
      const b0 = row.values[b]!;
      for (let s = 0; s <= 400; s++) {
        const xa = a0 + ((1000 - a0) * s) / 400;
        const reaches = (xb: number) => scoreWith(set, [row], row.stakeholder, { [a]: xa, [b]: xb }).min >= 60;
        if (!reaches(1000)) continue;
        let lo = b0;
        let hi = 1000;
        for (let k = 0; k < 50; k++) {
          const mid = (lo + hi) / 2;
          if (reaches(mid)) hi = mid;
          else lo = mid;
        }
        best = Math.min(best, (xa - a0 + hi - b0) / 999);
      }
    }
  }
  return best;
}
