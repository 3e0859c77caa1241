// Pure helpers shared by stored runs and the tuning preview: rows restricted to a document, ranks
// within groups, the five-number summary and the mean.
import { describe, expect, it } from 'vitest';
import { fiveNumbers, mean, rankWithinGroups } from '@/core/scoring/period-scoring';

describe('rankWithinGroups', () => {
  it('ranks each composite among its own group only; missing composites get no rank', () => {
    expect(rankWithinGroups([80, 60, 70, null, 90], ['a', 'a', 'b', 'b', 'b'])).toEqual([
      { rank: 1, percentile: 100 },
      { rank: 2, percentile: 0 },
      { rank: 2, percentile: 0 },
      { rank: null, percentile: null },
      { rank: 1, percentile: 100 },
    ]);
  });
});

describe('fiveNumbers and mean', () => {
  it('gives minimum, type-7 quartiles and maximum', () => {
    expect(fiveNumbers([4, 1, 3, 2, 5])).toEqual([1, 2, 3, 4, 5]);
    expect(fiveNumbers([1, 2, 3, 4])).toEqual([1, 1.75, 2.5, 3.25, 4]);
    expect(fiveNumbers([])).toBeNull();
  });

  it('averages, and has no mean of nothing', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNull();
  });
});
