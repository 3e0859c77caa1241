// Pure parts of the tuning workspace: Spearman's ρ, the sensitivity run, the version diff,
// period bounds and path → field-key mapping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileKpiSet, scoreMatrix, validateKpiSet, rowsToMatrix, type KpiSetV1 } from '@/core/scoring';
import { averageRanks, mulberry32, SensitivityRun, sensitivityBasisOf, spearman } from '@/core/scoring/sensitivity';
import { diffKpiSets } from '@/core/scoring/kpi-set-diff';
import { fieldKeyOfPath } from '@/core/schemas/method';

describe('spearman', () => {
  it('is 1 for the same order, −1 for the reverse, whatever the scale', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 400])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('matches the textbook value with ties (average ranks)', () => {
    // x ranks 1, 2.5, 2.5, 4, 5; y ranks 2, 1, 3, 5, 4. Pearson of the ranks, computed by hand:
    // Σdxdy = 7, Σdx² = 9.5, Σdy² = 10 → ρ = 7 / √95 ≈ 0.718185.
    expect(averageRanks([1, 2, 2, 3, 4])).toEqual([1, 2.5, 2.5, 4, 5]);
    expect(spearman([1, 2, 2, 3, 4], [2, 1, 3, 5, 4])!).toBeCloseTo(7 / Math.sqrt(95), 12);
  });

  it('equals 1 − 6Σd²/(n(n²−1)) without ties', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 30 }), fc.integer(), (xs, seed) => {
        const random = mulberry32(seed);
        const ys = xs.map(() => random());
        const rx = averageRanks(xs);
        const ry = averageRanks(ys);
        const n = xs.length;
        const d2 = rx.reduce((s, r, i) => s + (r - ry[i]!) ** 2, 0);
        expect(spearman(xs, ys)!).toBeCloseTo(1 - (6 * d2) / (n * (n * n - 1)), 9);
      }),
    );
  });

  it('leaves out pairs with a missing side and is null when undefined', () => {
    expect(spearman([1, null, 3, 4], [1, 100, 3, 4])).toBeCloseTo(1, 12);
    expect(spearman([1], [2])).toBeNull();
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});

const doc = (weights: [number, number], grades = [{ code: 'A', min: 60 }, { code: 'B', min: 0 }]): KpiSetV1 => {
  const checked = validateKpiSet({
    format: 'kpi-set/v1',
    code: 'demo',
    name: { en: 'Demo', 'zh-CN': '演示' },
    stakeholderType: 'market',
    grades: grades.map((g) => ({ ...g, label: { en: g.code, 'zh-CN': g.code } })),
    objectives: [
      { code: 'a', name: { en: 'A', 'zh-CN': '甲' }, weight: weights[0], indicators: [{ code: 'x', name: { en: 'X', 'zh-CN': 'X' }, unit: '', direction: 'higher', weight: 1, normalization: { method: 'goalposts', min: 0, max: 100 } }] },
      { code: 'b', name: { en: 'B', 'zh-CN': '乙' }, weight: weights[1], indicators: [{ code: 'y', name: { en: 'Y', 'zh-CN': 'Y' }, unit: '', direction: 'higher', weight: 1, normalization: { method: 'goalposts', min: 0, max: 100 } }] },
    ],
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.value;
};

function basisFor(kpi: KpiSetV1, rows: { stakeholder: string; values: Record<string, number | null> }[]) {
  const compiled = compileKpiSet(kpi);
  return sensitivityBasisOf(compiled, scoreMatrix(compiled, rowsToMatrix(compiled, rows)));
}

describe('sensitivity run', () => {
  const rows = [
    { stakeholder: 's1', values: { x: 90, y: 10 } }, // composite 50 with equal weights: on the A/B border region
    { stakeholder: 's2', values: { x: 80, y: 80 } }, // 80: A whatever the weights
    { stakeholder: 's3', values: { x: 5, y: 5 } }, // 5: B whatever the weights
    { stakeholder: 's4', values: { x: 100, y: 30 } }, // 65: A or B depending on the weights
    { stakeholder: 's5', values: { x: null, y: null } }, // no composite
  ];

  it('with zero noise reproduces the engine exactly: every grade stable, ranks fixed', () => {
    const basis = basisFor(doc([1, 1]), rows);
    const run = new SensitivityRun(basis, { noise: 0, samples: 20, seed: 7, perturb: 'all' });
    run.step(1000);
    const r = run.result();
    expect(r.map((x) => x.baseRank)).toEqual([3, 1, 4, 2, null]);
    expect(r.every((x) => x.stable)).toBe(true);
    expect(r.map((x) => [x.rankP5, x.rankP95])).toEqual([[3, 3], [1, 1], [4, 4], [2, 2], [null, null]]);
  });

  it('flags the borderline stakeholder as unstable, keeps the clear ones stable, and is reproducible by seed', () => {
    const basis = basisFor(doc([1, 1]), rows);
    const once = () => {
      const run = new SensitivityRun(basis, { noise: 0.5, samples: 400, seed: 42, perturb: 'objectives' });
      // In uneven chunks, as the browser runs it.
      while (!run.finished) run.step(37);
      return run.result();
    };
    const r = once();
    expect(r[1]!.stable).toBe(true);
    expect(r[2]!.stable).toBe(true);
    expect(r[3]!.stable).toBe(false); // 65 = (100·w₁ + 30·w₂)/(w₁ + w₂) drops below 60 when w₂ grows
    expect(r[3]!.gradesSeen).toEqual(['A', 'B']);
    expect(r[0]!.rankP5! <= r[0]!.rankP95!).toBe(true);
    expect(once()).toEqual(r);
  });

  it('rejects a noise outside [0, 1)', () => {
    const basis = basisFor(doc([1, 1]), rows);
    expect(() => new SensitivityRun(basis, { noise: 1, samples: 10, seed: 1, perturb: 'all' })).toThrow(RangeError);
  });
});

describe('diffKpiSets', () => {
  it('reports weight and share changes, added bands, and nothing for identical documents', () => {
    const a = doc([1, 1]);
    const b = doc([3, 1], [{ code: 'A', min: 60 }, { code: 'B', min: 0 }, { code: 'S', min: 90 }]);
    const d = diffKpiSets(a, b);
    expect(d.identical).toBe(false);
    expect(d.objectives.map((o) => [o.code, o.shareBefore, o.shareAfter])).toEqual([['a', 0.5, 0.75], ['b', 0.5, 0.25]]);
    expect(d.grades).toEqual([expect.objectContaining({ code: 'S', change: 'added', minAfter: 90 })]);
    expect(d.indicators).toEqual([]);
    expect(diffKpiSets(a, doc([1, 1])).identical).toBe(true);
    // Scaling all weights keeps the shares but is still a change of the document.
    expect(diffKpiSets(a, doc([2, 2])).objectives.map((o) => o.change)).toEqual(['changed', 'changed']);
  });
});

describe('fieldKeyOfPath', () => {
  it('turns validateKpiSet paths into form field keys', () => {
    expect(fieldKeyOfPath('objectives[0].indicators[2].normalization.max')).toBe('objectives.0.indicators.2.normalization.max');
    expect(fieldKeyOfPath('grades[1].label["zh-CN"]')).toBe('grades.1.label.zh-CN');
    expect(fieldKeyOfPath('grades')).toBe('grades');
    expect(fieldKeyOfPath('')).toBe('');
  });
});
