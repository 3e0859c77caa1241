// Worked examples of each normalization method; the arithmetic is in the comments.
import { describe, expect, it } from 'vitest';
import { scoreKpiSet } from '@/core/scoring';
import type { KpiSetV1Input } from '@/core/scoring';
import { indicator, kpiSet } from './helpers';

type NormalizationInput = KpiSetV1Input['objectives'][number]['indicators'][number]['normalization'];

/** Normalized values of one indicator for the given raw values (one stakeholder per value). */
function normalize(normalization: NormalizationInput, raws: (number | null)[], direction: 'higher' | 'lower' = 'higher', scale = 100) {
  const set = kpiSet([{ code: 'o', indicators: [indicator('x', { normalization, direction })] }], {
    scale,
    missing: { policy: 'reweight', minCompleteness: 0 },
    grades: [{ code: 'all', min: 0, label: { en: 'All', 'zh-CN': '全部' } }],
  });
  const scores = scoreKpiSet(
    set,
    raws.map((raw, i) => ({ stakeholder: `s${i}`, values: { x: raw } })),
  );
  return scores.results.map((result) => result.indicators.x!.normalized);
}

describe('goalposts', () => {
  it('scales between the bounds: (x − min)/(max − min) × scale', () => {
    // min 0, max 50: 42 → 42/50 = 0.84 → 84; 0 → 0; 50 → 100; 12.5 → 0.25 → 25
    expect(normalize({ method: 'goalposts', min: 0, max: 50 }, [42, 0, 50, 12.5])).toEqual([84, 0, 100, 25]);
  });

  it('clamps values outside the bounds and says so', () => {
    // 60 > max 50 → scored as 50 → 100; −5 < min 0 → scored as 0 → 0
    expect(normalize({ method: 'goalposts', min: 0, max: 50 }, [60, -5])).toEqual([100, 0]);
    const set = kpiSet([{ code: 'o', indicators: [indicator('x', { normalization: { method: 'goalposts', min: 0, max: 50 } })] }]);
    const [result] = scoreKpiSet(set, [{ stakeholder: 'a', values: { x: 60 } }]).results;
    expect(result!.warnings).toEqual([{ code: 'clamped', indicator: 'x', message: 'x = 60 is above the goalpost max 50; scored as 50' }]);
  });

  it('reverses for lower-is-better: 1 − share', () => {
    // min 0, max 5 violations: 1 → 1 − 1/5 = 0.8 → 80; 0 → 100; 6 → clamped to 5 → 0
    expect(normalize({ method: 'goalposts', min: 0, max: 5 }, [1, 0, 6], 'lower')).toEqual([80, 100, 0]);
  });

  it('applies ln to value and bounds: (ln x − ln min)/(ln max − ln min)', () => {
    // min 1, max 1000: 380 → ln 380 / ln 1000 = 5.940171 / 6.907755 = 0.859928 → 85.9928
    // 10 → ln 10 / ln 1000 = 1/3 → 33.33; 0.5 is below min 1 → clamped to 1 → 0
    const [a, b, c] = normalize({ method: 'goalposts', min: 1, max: 1000, transform: 'ln' }, [380, 10, 0.5]);
    expect(a).toBeCloseTo(85.99278655389368, 12);
    expect(a).toBeCloseTo((Math.log(380) / Math.log(1000)) * 100, 12);
    expect(b).toBeCloseTo(100 / 3, 12);
    expect(c).toBe(0);
  });

  it('works on any scale', () => {
    // scale 10: 42/50 × 10 = 8.4
    expect(normalize({ method: 'goalposts', min: 0, max: 50 }, [42], 'higher', 10)[0]).toBeCloseTo(8.4, 12);
  });
});

describe('minmax', () => {
  it('uses the present peers as goalposts', () => {
    // peers 310, 150, 95, 420, 80, 120, 10 (and one missing): min 10, max 420
    // 310 → (310 − 10)/(420 − 10) = 300/410 = 0.731707 → 73.1707; 10 → 0; 420 → 100
    const normalized = normalize({ method: 'minmax' }, [310, 150, 95, 420, 80, 120, 10, null]);
    expect(normalized[0]).toBeCloseTo((300 / 410) * 100, 12);
    expect(normalized[3]).toBe(100);
    expect(normalized[6]).toBe(0);
    expect(normalized[7]).toBeNull();
  });

  it('reverses for lower-is-better', () => {
    // peers 2, 4, 10: min 2 max 10; 4 → 1 − (4 − 2)/8 = 0.75 → 75
    expect(normalize({ method: 'minmax' }, [2, 4, 10], 'lower')).toEqual([100, 75, 0]);
  });

  it('gives every peer the full score when all are level, with a warning', () => {
    expect(normalize({ method: 'minmax' }, [7, 7, 7])).toEqual([100, 100, 100]);
    const set = kpiSet([{ code: 'o', indicators: [indicator('x', { normalization: { method: 'minmax' } })] }]);
    const [result] = scoreKpiSet(set, [{ stakeholder: 'a', values: { x: 7 } }]).results;
    expect(result!.warnings[0]!.code).toBe('no_peer_spread');
  });
});

describe('zscore', () => {
  // The textbook sample 2, 4, 4, 4, 5, 5, 7, 9: mean 40/8 = 5, squared deviations 9+1+1+1+0+0+4+16 = 32,
  // population variance 32/8 = 4, sd 2.
  const peers = [2, 4, 4, 4, 5, 5, 7, 9];

  it('maps the peers to center + spread · z (defaults 50 and 10 on a 100 scale)', () => {
    // 9 → z = (9 − 5)/2 = 2 → 50 + 10·2 = 70; 2 → z = −1.5 → 35; 5 → 50
    const normalized = normalize({ method: 'zscore' }, peers);
    expect(normalized).toEqual([35, 45, 45, 45, 50, 50, 60, 70]);
  });

  it('takes center and spread, reverses z for lower-is-better, and clamps to the scale', () => {
    // center 60, spread 30, lower: 9 → z = −2 → 60 − 60 = 0; 2 → z = 1.5 → 60 + 45 = 105 → clamped 100
    const normalized = normalize({ method: 'zscore', center: 60, spread: 30 }, peers, 'lower');
    expect(normalized[7]).toBe(0);
    expect(normalized[0]).toBe(100);
    expect(normalized[4]).toBe(60);
  });

  it('scales its defaults with the scale', () => {
    // scale 10: center 5, spread 1; 9 → 5 + 2 = 7
    expect(normalize({ method: 'zscore' }, peers, 'higher', 10)[7]).toBe(7);
  });

  it('puts everyone at the center when there is no spread', () => {
    expect(normalize({ method: 'zscore' }, [3, 3])).toEqual([50, 50]);
  });
});

describe('target', () => {
  it('is the share of the way from baseline to target, capped', () => {
    // baseline 0, target 3 (% R&D): 2.4 → 0.8 → 80; 3.8 → 1.27 → capped 100; −1 → 0
    expect(normalize({ method: 'target', target: 3 }, [2.4, 3.8, -1])).toEqual([80, 100, 0]);
  });

  it('rewards going down when lower is better (target below baseline)', () => {
    // baseline 8 relapse cases, target 1: 3 → (3 − 8)/(1 − 8) = 5/7 = 0.714286 → 71.43; 9 → 0; 0 → 100
    const [a, b, c] = normalize({ method: 'target', target: 1, baseline: 8 }, [3, 9, 0], 'lower');
    expect(a).toBeCloseTo((5 / 7) * 100, 12);
    expect(b).toBe(0);
    expect(c).toBe(100);
  });
});

describe('percentile', () => {
  it('is the percentile rank among the present peers, ties taking the better rank', () => {
    // 7 peers: 1100 rank 1, 820 rank 2, 400 and 400 rank 3, 260 rank 5, 150 rank 6, 0 rank 7
    // percentile = (n − rank)/(n − 1): 820 → 5/6 → 83.33; 400 → 4/6 → 66.67; 0 → 0
    const normalized = normalize({ method: 'percentile' }, [820, 400, 260, 1100, 150, 400, 0, null]);
    expect(normalized[0]).toBeCloseTo((5 / 6) * 100, 12);
    expect(normalized[1]).toBeCloseTo((4 / 6) * 100, 12);
    expect(normalized[5]).toBe(normalized[1]);
    expect(normalized[3]).toBe(100);
    expect(normalized[6]).toBe(0);
    expect(normalized[7]).toBeNull();
  });

  it('ranks from the lowest value up when lower is better', () => {
    // violations 0, 2, 5: 0 is best (100), 2 is 1/2 → 50, 5 is worst (0)
    expect(normalize({ method: 'percentile' }, [0, 2, 5], 'lower')).toEqual([100, 50, 0]);
  });
});
