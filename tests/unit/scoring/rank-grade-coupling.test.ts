import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { couplingClassOf, couplingCoordination, gradeFor, rankAndPercentile } from '@/core/scoring';
import { STANDARD_GRADES } from './helpers';

describe('rankAndPercentile', () => {
  it('ranks highest first; ties share the better rank; percentile = 100·(n − rank)/(n − 1)', () => {
    // values 70, 90, 70, 50, null: n = 4; 90 → rank 1; 70, 70 → rank 2; 50 → rank 4 (1 + three better)
    // percentiles: 100·3/3 = 100, 100·2/3 = 66.67, 100·0/3 = 0
    expect(rankAndPercentile([70, 90, 70, 50, null])).toEqual([
      { rank: 2, percentile: 200 / 3 },
      { rank: 1, percentile: 100 },
      { rank: 2, percentile: 200 / 3 },
      { rank: 4, percentile: 0 },
      { rank: null, percentile: null },
    ]);
  });

  it('treats scores within rounding noise as tied', () => {
    // 80 and 80.00000000000001 (one ulp apart) tie; 79.9 does not
    expect(rankAndPercentile([80.00000000000001, 80, 79.9]).map((r) => r.rank)).toEqual([1, 1, 3]);
  });

  it('gives a lone peer rank 1 and percentile 100, and nothing to an empty list', () => {
    expect(rankAndPercentile([null, 42])).toEqual([{ rank: null, percentile: null }, { rank: 1, percentile: 100 }]);
    expect(rankAndPercentile([])).toEqual([]);
  });

  it('agrees with counting the strictly better peers, for any mix of values (radix sort check)', () => {
    const valueArb = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom(0, -0, 1e-300, -1e-300, 1e300, -1e300, 0.1, 0.2, 0.30000000000000004),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(valueArb, { maxLength: 60 }), (values) => {
        const present = values.filter((v): v is number => v !== null);
        const n = present.length;
        rankAndPercentile(values).forEach((result, i) => {
          const v = values[i];
          if (v === null || v === undefined) return expect(result).toEqual({ rank: null, percentile: null });
          // With values this far apart (or exactly equal) the tolerance plays no part.
          const better = present.filter((w) => w > v && !(Math.abs(w - v) <= 1e-9 * Math.max(1, Math.abs(w), Math.abs(v)))).length;
          const tiedAbove = present.some((w) => w > v && Math.abs(w - v) <= 1e-9 * Math.max(1, Math.abs(w), Math.abs(v)));
          if (!tiedAbove) expect(result.rank).toBe(1 + better);
          expect(result.percentile).toBe(n === 1 ? 100 : (100 * (n - result.rank!)) / (n - 1));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('ignores non-finite values like nulls', () => {
    expect(rankAndPercentile([Number.NaN, 1, 2])).toEqual([
      { rank: null, percentile: null },
      { rank: 2, percentile: 0 },
      { rank: 1, percentile: 100 },
    ]);
  });
});

describe('gradeFor', () => {
  it('picks the band with the highest minimum reached, whatever the order of the bands', () => {
    expect(gradeFor(90, STANDARD_GRADES)!.code).toBe('A');
    expect(gradeFor(85, STANDARD_GRADES)!.code).toBe('A');
    expect(gradeFor(84.9, STANDARD_GRADES)!.code).toBe('B');
    expect(gradeFor(0, [...STANDARD_GRADES].reverse())!.code).toBe('D');
    expect(gradeFor(null, STANDARD_GRADES)).toBeNull();
  });

  it('compares with a tolerance of 1e-9 so rounding noise does not drop a band', () => {
    // 0.1·850 = 85.00000000000001 and 85 − 1e-14 both reach 85; 85 − 1e-6 does not
    expect(gradeFor(85 - 1e-14, STANDARD_GRADES)!.code).toBe('A');
    expect(gradeFor(85 - 1e-6, STANDARD_GRADES)!.code).toBe('B');
  });

  it('gives no band below the lowest one', () => {
    expect(gradeFor(-1, STANDARD_GRADES)).toBeNull();
  });
});

describe('couplingCoordination', () => {
  it('three objectives, worked out', () => {
    // U = (0.9, 0.6, 0.3), α = (0.4, 0.3, 0.3)
    // C = 3·(0.9·0.6·0.3)^(1/3) / 1.8 = 3·0.162^(1/3)/1.8 = 3·0.545136/1.8 = 0.908560
    // T = 0.36 + 0.18 + 0.09 = 0.63; D = √(0.908560·0.63) = √0.572393 = 0.756567 → class 8
    const result = couplingCoordination([90, 60, 30], [0.4, 0.3, 0.3], 100);
    expect(result.C).toBeCloseTo((3 * Math.cbrt(0.162)) / 1.8, 12);
    expect(result.C).toBeCloseTo(0.90856, 5);
    expect(result.T).toBeCloseTo(0.63, 12);
    expect(result.D).toBeCloseTo(0.756567, 5);
    expect(result.class).toBe(8);
    expect(result.label).toEqual({ en: 'intermediate coordination', 'zh-CN': '中级协调' });
  });

  it('normalizes the objective weights and divides by the scale', () => {
    const a = couplingCoordination([9, 6, 3], [4, 3, 3], 10);
    const b = couplingCoordination([90, 60, 30], [0.4, 0.3, 0.3], 100);
    expect(a.D).toBeCloseTo(b.D, 12);
  });

  it('is perfect coupling for equal scores and zero coupling with a zero', () => {
    // equal U = 0.5: C = 1, T = 0.5, D = √0.5 = 0.7071 → class 8
    expect(couplingCoordination([50, 50, 50], [1, 1, 1], 100)).toMatchObject({ C: 1, T: 0.5, class: 8 });
    // a zero: Π U = 0 → C = 0 → D = 0 → class 1, extreme disorder
    expect(couplingCoordination([0, 80, 90], [1, 1, 1], 100)).toMatchObject({ C: 0, D: 0, class: 1, label: { en: 'extreme disorder', 'zh-CN': '极度失调' } });
    expect(couplingCoordination([0, 0], [1, 1], 100)).toMatchObject({ C: 0, T: 0, D: 0, class: 1 });
    // all at the top: D = 1 → class 10
    expect(couplingCoordination([100, 100], [1, 1], 100)).toMatchObject({ D: 1, class: 10, label: { en: 'quality coordination', 'zh-CN': '优质协调' } });
  });

  it('puts a D on a class boundary in the upper class, within the tolerance', () => {
    expect(couplingClassOf(0.3)).toBe(4);
    expect(couplingClassOf(0.3 - 1e-12)).toBe(4);
    expect(couplingClassOf(0.29)).toBe(3);
    expect(couplingClassOf(0.99)).toBe(10);
    expect(couplingClassOf(0)).toBe(1);
    // √0.09 computed in floating point, a value meant to be 0.3
    expect(couplingCoordination([9, 9], [1, 1], 100).class).toBe(4);
  });

  it('refuses mismatched or invalid inputs', () => {
    expect(() => couplingCoordination([1, 2], [1], 100)).toThrow(RangeError);
    expect(() => couplingCoordination([], [], 100)).toThrow(RangeError);
    expect(() => couplingCoordination([1], [0], 100)).toThrow(RangeError);
    expect(() => couplingCoordination([1], [1], 0)).toThrow(RangeError);
  });
});
