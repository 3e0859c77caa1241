import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { indicatorChange, indicatorStatus, STATUS_THRESHOLDS } from '@/core/scoring/indicator-status';
import { weakestGoal } from '@/core/scoring/weakest-goal';

describe('indicatorStatus', () => {
  it('rates goalposts green from 80 % of the way, amber from halfway, red below', () => {
    const at = (normalized: number) => indicatorStatus({ method: 'goalposts', normalized, scale: 100 });
    expect(at(100)).toBe('green');
    expect(at(80)).toBe('green');
    expect(at(79.9)).toBe('amber');
    expect(at(50)).toBe('amber');
    expect(at(49.9)).toBe('red');
    expect(at(0)).toBe('red');
    // A score meant to sit on a threshold, arriving with rounding noise.
    expect(at(79.99999999999999)).toBe('green');
  });

  it('rates a target green only when it is reached', () => {
    const at = (normalized: number) => indicatorStatus({ method: 'target', normalized, scale: 10 });
    expect(at(10)).toBe('green');
    expect(at(9.9)).toBe('amber');
    expect(at(5)).toBe('amber');
    expect(at(4.9)).toBe('red');
  });

  it('rates on the share of the scale, whatever the scale', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1, max: 1000, noNaN: true }), (share, scale) => {
        const onScale = indicatorStatus({ method: 'goalposts', normalized: share * scale, scale });
        const on100 = indicatorStatus({ method: 'goalposts', normalized: share * 100, scale: 100 });
        // Away from the thresholds, where the two products may round to different sides.
        const near = [STATUS_THRESHOLDS.goalposts.green, STATUS_THRESHOLDS.goalposts.amber].some((t) => Math.abs(share - t) < 1e-6);
        return near || onScale === on100;
      }),
    );
  });

  it('makes a raised red flag red, leaves peer-relative methods unrated and a missing value missing', () => {
    expect(indicatorStatus({ method: 'goalposts', normalized: 90, scale: 100, redFlag: true })).toBe('red');
    for (const method of ['minmax', 'zscore', 'percentile']) expect(indicatorStatus({ method, normalized: 95, scale: 100 })).toBe('unrated');
    expect(indicatorStatus({ method: 'goalposts', normalized: null, scale: 100 })).toBe('missing');
    expect(indicatorStatus({ method: 'goalposts', normalized: null, scale: 100, redFlag: true })).toBe('missing');
  });
});

describe('indicatorChange', () => {
  it('reads a rise as better when higher is better and as worse when lower is better', () => {
    expect(indicatorChange(72.7, 60.2, 'higher')).toEqual({ delta: 72.7 - 60.2, trend: 'better' });
    expect(indicatorChange(72.7, 60.2, 'lower')).toEqual({ delta: 72.7 - 60.2, trend: 'worse' });
    expect(indicatorChange(2, 5, 'lower')).toEqual({ delta: -3, trend: 'better' });
    expect(indicatorChange(2, 5, 'higher')).toEqual({ delta: -3, trend: 'worse' });
  });

  it('calls rounding noise no change and has no change from or to a missing value', () => {
    expect(indicatorChange(0.3, 0.1 + 0.2, 'higher')).toEqual({ delta: 0, trend: 'same' });
    expect(indicatorChange(null, 5, 'higher')).toBeNull();
    expect(indicatorChange(5, null, 'higher')).toBeNull();
  });
});

describe('weakestGoal', () => {
  it('names the lowest goal and how far it trails the mean of the others', () => {
    // The demo cooperative's 2026Q2: coordination class 9, yet poverty prevention trails by 32 points.
    const w = weakestGoal(
      [
        { code: 'poverty', score: 47.7 },
        { code: 'industry', score: 82.86 },
        { code: 'income', score: 76.66 },
      ],
      100,
    )!;
    expect(w.code).toBe('poverty');
    expect(w.othersMean).toBeCloseTo(79.76, 10);
    expect(w.gap).toBeCloseTo(32.06, 10);
    expect(w.lagging).toBe(true);
  });

  it('does not call a small gap lagging; the threshold is 15 % of the scale', () => {
    const goals = (low: number) => [
      { code: 'a', score: 80 },
      { code: 'b', score: low },
      { code: 'c', score: 80 },
    ];
    expect(weakestGoal(goals(66), 100)!.lagging).toBe(false);
    expect(weakestGoal(goals(65), 100)!.lagging).toBe(true);
    expect(weakestGoal([{ code: 'a', score: 8 }, { code: 'b', score: 6.5 }], 10)!.lagging).toBe(true);
  });

  it('takes the first goal on a tie, skips goals without a score and needs two scored goals', () => {
    expect(weakestGoal([{ code: 'a', score: 50 }, { code: 'b', score: 50 }, { code: 'c', score: 90 }], 100)!.code).toBe('a');
    expect(weakestGoal([{ code: 'a', score: null }, { code: 'b', score: 70 }, { code: 'c', score: 90 }], 100)!.code).toBe('b');
    expect(weakestGoal([{ code: 'a', score: null }, { code: 'b', score: 70 }], 100)).toBeNull();
  });
});
