import { describe, expect, it } from 'vitest';
import { mean, quantile } from '@/core/scoring/stats';

describe('summary statistics', () => {
  it('mean of none is null, of some their average', () => {
    expect(mean([])).toBeNull();
    expect(mean([60, 70, 95])).toBe(75);
  });

  it('quantiles interpolate between closest ranks (type 7)', () => {
    const xs = [10, 20, 30, 40];
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile(xs, 0)).toBe(10);
    expect(quantile(xs, 0.25)).toBe(17.5);
    expect(quantile(xs, 0.5)).toBe(25);
    expect(quantile(xs, 0.75)).toBe(32.5);
    expect(quantile(xs, 1)).toBe(40);
    expect(quantile([7], 0.9)).toBe(7);
  });
});
