// Coverage in the impact preview (core/scoring/impact-coverage.ts) and the AHP consistency read
// from a weighting's detail (core/scoring/ahp-detail.ts).
import { describe, expect, it } from 'vitest';
import { coverageLevel, FEW_VALUES_SHARE, indicatorCoverage, scoredBothWays } from '@/core/scoring/impact-coverage';
import { ahpConsistencyOf, isInconsistent } from '@/core/scoring/ahp-detail';
import { AHP_CR_LIMIT, validateKpiSet, type KpiSetV1 } from '@/core/scoring';

describe('scoredBothWays', () => {
  it('ranks only the rows scored in both runs, so losing a composite moves nobody else', () => {
    const r = scoredBothWays([90, 50, 10, 30, null], [null, 50, 10, 30, 70]);
    expect(r.lost).toEqual([0]);
    expect(r.gained).toEqual([4]);
    expect(r.both).toBe(3);
    expect(r.sharedRankBefore).toEqual([null, 1, 3, 2, null]);
    expect(r.sharedRankAfter).toEqual([null, 1, 3, 2, null]);
    expect(r.spearman).toBeCloseTo(1, 12);
  });

  it('sees a real reversal among the shared rows, and refuses runs of different rows', () => {
    const r = scoredBothWays([3, 2, 1], [1, 2, 3]);
    expect(r.sharedRankAfter).toEqual([3, 2, 1]);
    expect(r.spearman).toBeCloseTo(-1, 12);
    expect(scoredBothWays([null, 1], [1, null])).toMatchObject({ both: 0, spearman: null });
    expect(() => scoredBothWays([1], [1, 2])).toThrow(RangeError);
  });
});

describe('indicator coverage', () => {
  it('levels: none at 0, few below the share, enough from it', () => {
    expect(coverageLevel(0, 10)).toBe('none');
    expect(coverageLevel(1, 10)).toBe('few');
    expect(coverageLevel(10 * FEW_VALUES_SHARE, 10)).toBe('enough');
    expect(coverageLevel(0, 0)).toBe('none');
  });

  it('counts finite values per indicator of the draft and marks those the published version lacks', () => {
    const doc = (codes: string[]) => {
      const checked = validateKpiSet({
        format: 'kpi-set/v1', code: 'k', name: { en: 'k', 'zh-CN': 'k' }, stakeholderType: 'rural',
        grades: [{ code: 'A', min: 0, label: { en: 'A', 'zh-CN': 'A' } }],
        objectives: [{ code: 'o', name: { en: 'o', 'zh-CN': 'o' }, weight: 1, indicators: codes.map((c) => ({ code: c, name: { en: c, 'zh-CN': c }, unit: '', direction: 'higher', weight: 1, normalization: { method: 'goalposts', min: 0, max: 100 } })) }],
      });
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      return checked.value as KpiSetV1;
    };
    const rows = [
      { stakeholder: 's1', values: { a: 1, b: null } },
      { stakeholder: 's2', values: { a: 2, b: 3 } },
      { stakeholder: 's3', values: { a: 3 } },
    ];
    expect(indicatorCoverage(doc(['a', 'b', 'c']), doc(['a', 'b']), rows).map((i) => [i.code, i.values, i.level, i.added])).toEqual([
      ['a', 3, 'enough', false],
      ['b', 1, 'few', false],
      ['c', 0, 'none', true],
    ]);
  });
});

describe('AHP consistency of a weighting', () => {
  it('is computed from the matrix, not taken from a stated CR', () => {
    const cyclic = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]];
    const cr = ahpConsistencyOf({ matrix: cyclic, CR: 0 });
    expect(cr).toBeGreaterThan(AHP_CR_LIMIT);
    expect(isInconsistent(cr)).toBe(true);
    expect(ahpConsistencyOf({ CR: 0.05 })).toBe(0.05);
    expect(ahpConsistencyOf({})).toBeNull();
    expect(isInconsistent(null)).toBe(false);
    expect(isInconsistent(AHP_CR_LIMIT)).toBe(false);
    expect(() => ahpConsistencyOf({ matrix: [[1, 2], [3, 1]] })).toThrow();
  });
});
