// Worked examples of aggregation, missing data, contributions and the full scores/v1 result.
// Goalposts 0…100 make raw = normalized, so the arithmetic is easy to follow.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileKpiSet, formatScoresCsv, methodHash, scoreKpiSet, scoreMatrix, ScoringInputError, validateKpiSet, writeMatrixScoresCsv } from '@/core/scoring';
import { readValuesCsv } from '@/core/decode';
import type { KpiSetV1Input } from '@/core/scoring';
import { indicator, kpiSet } from './helpers';

type Aggregation = KpiSetV1Input['aggregation'];

// Two objectives: A (a1 weight 3, a2 weight 1), B (b1 weight 1), objective weights 0.6 and 0.4.
function twoObjectives(aggregation: Aggregation, missing?: KpiSetV1Input['missing']) {
  return kpiSet(
    [
      { code: 'A', weight: 0.6, indicators: [indicator('a1', { weight: 3 }), indicator('a2', { weight: 1 })] },
      { code: 'B', weight: 0.4, indicators: [indicator('b1')] },
    ],
    { aggregation, ...(missing ? { missing } : {}) },
  );
}

describe('aggregation', () => {
  it('weighted arithmetic within and across objectives', () => {
    // A = (3·80 + 1·40)/4 = 280/4 = 70; B = 90; composite = 0.6·70 + 0.4·90 = 42 + 36 = 78 → grade B (70 ≤ 78 < 85)
    const set = twoObjectives({ indicators: 'arithmetic', objectives: 'arithmetic' });
    const [result] = scoreKpiSet(set, [{ stakeholder: 's', values: { a1: 80, a2: 40, b1: 90 } }]).results;
    expect(result!.objectives).toEqual({ A: 70, B: 90 });
    expect(result!.composite).toBeCloseTo(78, 12);
    expect(result!.grade).toBe('B');
    // effective weights: a1 = 3/4 · 0.6 = 0.45, a2 = 1/4 · 0.6 = 0.15, b1 = 0.4
    // contributions = effective weight × normalized: 0.45·80 = 36, 0.15·40 = 6, 0.4·90 = 36; 36 + 6 + 36 = 78
    expect(result!.indicators.a1).toEqual({ raw: 80, normalized: 80, weight: 0.75, effectiveWeight: 0.6 * 0.75, contribution: expect.closeTo(36, 12) });
    expect(result!.indicators.a2!.contribution).toBeCloseTo(6, 12);
    expect(result!.indicators.b1!.contribution).toBeCloseTo(36, 12);
  });

  it('weighted geometric within and across objectives', () => {
    // A = 80^(3/4) · 40^(1/4) = exp(0.75·ln 80 + 0.25·ln 40) = exp(0.75·4.382027 + 0.25·3.688879)
    //   = exp(3.286520 + 0.922220) = exp(4.208740) = 67.2717
    // composite = A^0.6 · 90^0.4 = exp(0.6·4.208740 + 0.4·4.499810) = exp(2.525244 + 1.799924) = exp(4.325168) = 75.5782
    const set = twoObjectives({ indicators: 'geometric', objectives: 'geometric' });
    const [result] = scoreKpiSet(set, [{ stakeholder: 's', values: { a1: 80, a2: 40, b1: 90 } }]).results;
    const A = 80 ** 0.75 * 40 ** 0.25;
    expect(result!.objectives.A).toBeCloseTo(A, 10);
    expect(result!.objectives.A).toBeCloseTo(67.2717, 4);
    expect(result!.composite).toBeCloseTo(A ** 0.6 * 90 ** 0.4, 10);
    expect(result!.composite).toBeCloseTo(75.5782, 4);
    // Contributions share the composite in proportion to effectiveWeight × normalized (36 : 6 : 36).
    expect(result!.indicators.a1!.contribution).toBeCloseTo((result!.composite! * 36) / 78, 10);
    const sum = Object.values(result!.indicators).reduce((total, i) => total + i.contribution!, 0);
    expect(sum).toBeCloseTo(result!.composite!, 10);
  });

  it('geometric: a zero makes the mean zero (no compensation), with a warning', () => {
    // A = 0^(3/4) · 40^(1/4) = 0 → composite under geometric objectives = 0
    const set = twoObjectives({ indicators: 'geometric', objectives: 'geometric' });
    const [result] = scoreKpiSet(set, [{ stakeholder: 's', values: { a1: 0, a2: 40, b1: 90 } }]).results;
    expect(result!.objectives.A).toBe(0);
    expect(result!.composite).toBe(0);
    expect(result!.warnings.map((w) => w.code)).toEqual(['geometric_zero', 'geometric_zero']);
    // With arithmetic objectives the zero objective only weighs its share: 0.6·0 + 0.4·90 = 36.
    const mixed = twoObjectives({ indicators: 'geometric', objectives: 'arithmetic' });
    expect(scoreKpiSet(mixed, [{ stakeholder: 's', values: { a1: 0, a2: 40, b1: 90 } }]).results[0]!.composite).toBeCloseTo(36, 12);
  });
});

describe('missing data', () => {
  const rows = [{ stakeholder: 's', values: { a1: null, a2: 40, b1: 90 } }];

  it('reweight: renormalizes over the present indicators', () => {
    // A = 40 (a2 alone carries A); composite = 0.6·40 + 0.4·90 = 24 + 36 = 60; completeness 2/3
    const set = twoObjectives({ indicators: 'arithmetic', objectives: 'arithmetic' }, { policy: 'reweight', minCompleteness: 0.6 });
    const [result] = scoreKpiSet(set, rows).results;
    expect(result!.objectives.A).toBe(40);
    expect(result!.composite).toBeCloseTo(60, 12);
    expect(result!.completeness).toBeCloseTo(2 / 3, 15);
    expect(result!.indicators.a1).toEqual({ raw: null, normalized: null, weight: 0.75, effectiveWeight: 0, contribution: null });
    expect(result!.indicators.a2!.effectiveWeight).toBeCloseTo(0.6, 15);
    expect(result!.warnings).toEqual([
      { code: 'missing_value', indicator: 'a1', message: 'no value for "a1"; its weight goes to the other indicators of objective "A"' },
    ]);
  });

  it('reweight: below minCompleteness the composite is null, with the reason', () => {
    // completeness 2/3 = 0.667 < 0.8
    const set = twoObjectives({ indicators: 'arithmetic', objectives: 'arithmetic' }, { policy: 'reweight', minCompleteness: 0.8 });
    const [result] = scoreKpiSet(set, [...rows, { stakeholder: 't', values: { a1: 50, a2: 50, b1: 50 } }]).results;
    expect(result!.composite).toBeNull();
    expect(result!.grade).toBeNull();
    expect(result!.rank).toBeNull();
    expect(result!.percentile).toBeNull();
    expect(result!.objectives.A).toBe(40); // objective scores stay visible
    expect(result!.warnings.at(-1)!.code).toBe('below_min_completeness');
    expect(result!.warnings.at(-1)!.message).toMatch(/below the KPI set's minimum 0.8/);
  });

  it('reweight: minCompleteness compares with the tolerance (2/3 reaches 0.6666666666666667)', () => {
    const set = twoObjectives({ indicators: 'arithmetic', objectives: 'arithmetic' }, { policy: 'reweight', minCompleteness: 0.6666666666666667 });
    expect(scoreKpiSet(set, rows).results[0]!.composite).toBeCloseTo(60, 12);
  });

  it('reweight: an objective with no values leaves the composite to the others and there is no coupling', () => {
    // B has no value: composite = A = (3·80 + 40)/4 = 70
    const set = twoObjectives({ indicators: 'arithmetic', objectives: 'arithmetic' }, { policy: 'reweight', minCompleteness: 0 });
    const [result] = scoreKpiSet(set, [{ stakeholder: 's', values: { a1: 80, a2: 40 } }]).results;
    expect(result!.composite).toBeCloseTo(70, 12);
    expect(result!.objectives.B).toBeNull();
    expect(result!.coupling).toBeNull();
    expect(result!.warnings.map((w) => w.code)).toEqual(['missing_value', 'objective_missing']);
  });

  it('zero: a missing value counts as 0', () => {
    // A = (3·0 + 1·40)/4 = 10; composite = 0.6·10 + 0.4·90 = 6 + 36 = 42
    const set = twoObjectives({ indicators: 'arithmetic', objectives: 'arithmetic' }, { policy: 'zero', minCompleteness: 0.8 });
    const [result] = scoreKpiSet(set, rows).results;
    expect(result!.objectives.A).toBe(10);
    expect(result!.composite).toBeCloseTo(42, 12);
    expect(result!.indicators.a1).toEqual({ raw: null, normalized: 0, weight: 0.75, effectiveWeight: expect.closeTo(0.45, 15), contribution: 0 });
    expect(result!.warnings[0]!.message).toBe('no value for "a1"; it counts as 0');
  });

  it('reject: a missing value is an error naming stakeholder and indicator', () => {
    const set = twoObjectives({ indicators: 'arithmetic', objectives: 'arithmetic' }, { policy: 'reject', minCompleteness: 0.8 });
    let caught: unknown;
    try {
      scoreKpiSet(set, rows);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScoringInputError);
    expect(caught).toMatchObject({ code: 'missing_value', stakeholder: 's', indicator: 'a1' });
    expect((caught as Error).message).toMatch(/"s".*"a1".*reject/);
  });
});

describe('input rows', () => {
  const set = twoObjectives({ indicators: 'arithmetic', objectives: 'arithmetic' });

  it.each([
    ['an unknown indicator', [{ stakeholder: 's', values: { a3: 1 } }], 'unknown_indicator'],
    ['a value that is not finite', [{ stakeholder: 's', values: { a1: Number.NaN } }], 'invalid_value'],
    ['a duplicate stakeholder', [{ stakeholder: 's', values: {} }, { stakeholder: 's', values: {} }], 'duplicate_stakeholder'],
    ['an empty stakeholder', [{ stakeholder: ' ', values: {} }], 'empty_stakeholder'],
  ])('refuses %s', (_label, rows, code) => {
    expect(() => scoreKpiSet(set, rows)).toThrow(expect.objectContaining({ code }));
  });

  it('treats undefined and null as missing', () => {
    const [result] = scoreKpiSet(set, [{ stakeholder: 's', values: { a1: undefined, a2: 40, b1: 90 } }]).results;
    expect(result!.indicators.a1!.raw).toBeNull();
  });
});

describe('ranks, grades and coupling in a result', () => {
  it('ranks the composites among the peers scored together', () => {
    const set = twoObjectives({ indicators: 'arithmetic', objectives: 'arithmetic' });
    const scores = scoreKpiSet(set, [
      { stakeholder: 'low', values: { a1: 10, a2: 10, b1: 10 } },
      { stakeholder: 'high', values: { a1: 90, a2: 90, b1: 90 } },
      { stakeholder: 'mid', values: { a1: 50, a2: 50, b1: 50 } },
      { stakeholder: 'mid2', values: { a1: 50, a2: 50, b1: 50 } },
    ]);
    // composites 10, 90, 50, 50 → ranks 4, 1, 2, 2; percentiles (4 − rank)/3: 0, 100, 66.7, 66.7
    expect(scores.results.map((r) => r.rank)).toEqual([4, 1, 2, 2]);
    expect(scores.results.map((r) => r.percentile)).toEqual([0, 100, 200 / 3, 200 / 3]);
    expect(scores.results.map((r) => r.grade)).toEqual(['D', 'A', 'D', 'D']);
  });

  it('computes the coupling of the objective scores', () => {
    // U = (0.8, 0.2); C = 2·√(0.8·0.2)/(0.8 + 0.2) = 2·0.4/1 = 0.8; T = 0.6·0.8 + 0.4·0.2 = 0.56;
    // D = √(0.8·0.56) = √0.448 = 0.669328 → class 7 (0.6 ≤ D < 0.7), primary coordination
    const set = twoObjectives({ indicators: 'arithmetic', objectives: 'arithmetic' });
    const [result] = scoreKpiSet(set, [{ stakeholder: 's', values: { a1: 80, a2: 80, b1: 20 } }]).results;
    expect(result!.coupling!.C).toBeCloseTo(0.8, 12);
    expect(result!.coupling!.T).toBeCloseTo(0.56, 12);
    expect(result!.coupling!.D).toBeCloseTo(Math.sqrt(0.448), 12);
    expect(result!.coupling!.class).toBe(7);
    expect(result!.coupling!.label).toEqual({ en: 'primary coordination', 'zh-CN': '初级协调' });
  });
});

describe('the market fixture end to end', () => {
  const set = validateKpiSet(JSON.parse(fs.readFileSync('tests/fixtures/scoring/market-2025.kpi-set.json', 'utf8')));
  if (!set.ok) throw new Error('fixture invalid');
  const compiled = compileKpiSet(set.value);
  const read = readValuesCsv(fs.readFileSync('tests/fixtures/scoring/market-2025.values.csv', 'utf8'), compiled.indicatorCodes);
  if (!read.ok) throw new Error('fixture values invalid');

  it('scores M001 as worked out by hand', () => {
    const rows = read.matrix.stakeholders.map((stakeholder, r) => ({
      stakeholder,
      values: Object.fromEntries(compiled.indicatorCodes.map((code, j) => [code, Number.isNaN(read.matrix.values[r * 8 + j]!) ? null : read.matrix.values[r * 8 + j]!])),
    }));
    const scores = scoreKpiSet(set.value, rows);
    expect(scores.format).toBe('scores/v1');
    expect(scores.methodHash).toBe(methodHash(set.value));
    const m001 = scores.results[0]!;
    // poverty: hires 42/50 → 84; purchases ln 380/ln 1000 → 85.9928; 0.6·84 + 0.4·85.9928 = 50.4 + 34.3971 = 84.7971
    const purchases = (Math.log(380) / Math.log(1000)) * 100;
    expect(m001.objectives.poverty).toBeCloseTo(0.6 * 84 + 0.4 * purchases, 10);
    // industry: value added (ln 5200 − ln 10)/(ln 100000 − ln 10) = ln 520/ln 10000 = 6.253829/9.210340 → 67.9001;
    // R&D 2.4 of target 3 → 80; 0 violations → 100; 0.5·67.9001 + 0.3·80 + 0.2·100 = 33.9500 + 24 + 20 = 77.9500
    const valueAdded = (Math.log(520) / Math.log(10000)) * 100;
    expect(m001.objectives.industry).toBeCloseTo(0.5 * valueAdded + 24 + 20, 10);
    // income: wages minmax over 310,150,95,420,80,120,10 → 300/410 → 73.1707; contract payments 820 is 2nd of 7 → 5/6 → 83.3333;
    // profit share 8 of target 10 → 80; 0.4·73.1707 + 0.3·83.3333 + 0.3·80 = 29.2683 + 25 + 24 = 78.2683
    expect(m001.objectives.income).toBeCloseTo(0.4 * (300 / 410) * 100 + 0.3 * (500 / 6) + 24, 10);
    // composite (geometric across, weights 0.4/0.3/0.3): 84.7971^0.4 · 77.9500^0.3 · 78.2683^0.3 = 80.7185 → grade B
    const expected = m001.objectives.poverty! ** 0.4 * m001.objectives.industry! ** 0.3 * m001.objectives.income! ** 0.3;
    expect(m001.composite).toBeCloseTo(expected, 10);
    expect(m001.composite).toBeCloseTo(80.7185, 4);
    expect(m001.grade).toBe('B');
    expect(m001.rank).toBe(1);
    const m008 = scores.results[7]!;
    expect(m008.completeness).toBe(3 / 8);
    expect(m008.composite).toBeNull();
  });

  it('writes the same CSV from the engine columns as from the scores/v1 results', () => {
    const scores = scoreMatrix(compiled, read.matrix);
    let fromColumns = '';
    const decoder = new TextDecoder();
    writeMatrixScoresCsv(compiled, read.matrix, scores, (chunk) => (fromColumns += decoder.decode(chunk)), 64);
    const rows = read.matrix.stakeholders.map((stakeholder, r) => ({
      stakeholder,
      values: Object.fromEntries(compiled.indicatorCodes.map((code, j) => [code, read.matrix.values[r * 8 + j]! === read.matrix.values[r * 8 + j]! ? read.matrix.values[r * 8 + j]! : null])),
    }));
    const fromResults = formatScoresCsv(compiled.objectiveCodes, scoreKpiSet(set.value, rows).results);
    expect(fromColumns).toBe(fromResults);
    expect(fromColumns.split('\n')[0]).toBe(
      'stakeholder,composite,grade,rank,percentile,objective.poverty,objective.industry,objective.income,coupling.C,coupling.T,coupling.D,coupling.class',
    );
    expect(fromColumns.split('\n')[8]).toBe('M008,,,,,68.43230241096275,100,,,,,');
  });
});
