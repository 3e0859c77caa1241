// The live preview scores one evaluation among peers it knows only by their summary: it must give
// what the engine gives over the full peer rows — exactly for goalposts, target, minmax and z-score
// parts, within the documented sketch bound for percentile parts and the rank.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreKpiSet, type KpiSetV1, type ValuesRow } from '@/core/scoring';
import { ascendingPresent } from '@/core/scoring/peer-values';
import { EMPTY_SKETCH, expandSketch, SKETCH_BUCKETS, sketchAscending, sketchWithout, summarizeColumn, type PeerSummary } from '@/core/scoring/peer-summary';
import { previewScore } from '@/core/scoring/preview';
import { indicator, kpiSet } from './helpers';

/** The summary the server ships, built here from the peers' rows (the server reads a run's stored figures). */
function summaryOf(set: KpiSetV1, peers: readonly ValuesRow[]): PeerSummary {
  const indicators: PeerSummary['indicators'] = {};
  for (const i of set.objectives.flatMap((o) => o.indicators)) {
    if (['minmax', 'zscore', 'percentile'].includes(i.normalization.method)) {
      indicators[i.code] = summarizeColumn(ascendingPresent(peers.map((p) => p.values[i.code])), i.normalization.method === 'percentile');
    }
  }
  const composites = peers.length ? ascendingPresent(scoreKpiSet(set, peers).results.map((r) => r.composite)) : new Float64Array(0);
  return { peers: peers.length, indicators, composites: sketchAscending(composites) };
}

/** The engine's result for `self` scored with the full peer rows. */
function engineScore(set: KpiSetV1, peers: readonly ValuesRow[], self: ValuesRow['values']) {
  return scoreKpiSet(set, [...peers, { stakeholder: 'me', values: self }]).results.at(-1)!;
}

const mixed = (aggregation: 'arithmetic' | 'geometric') =>
  kpiSet(
    [
      {
        code: 'growth',
        weight: 2,
        indicators: [
          indicator('gp', { normalization: { method: 'goalposts', min: 10, max: 90 } }),
          indicator('ln', { normalization: { method: 'goalposts', min: 1, max: 500, transform: 'ln' }, weight: 2 }),
          indicator('mm', { normalization: { method: 'minmax' } }),
        ],
      },
      {
        code: 'fairness',
        indicators: [
          indicator('z', { normalization: { method: 'zscore' } }),
          indicator('zl', { direction: 'lower', normalization: { method: 'zscore', center: 60, spread: 15 } }),
          indicator('mml', { direction: 'lower', normalization: { method: 'minmax' } }),
          indicator('tg', { normalization: { method: 'target', baseline: 20, target: 80 } }),
        ],
      },
      { code: 'place', indicators: [indicator('pc', { normalization: { method: 'percentile' } }), indicator('pcl', { direction: 'lower', normalization: { method: 'percentile' } })] },
    ],
    { aggregation: { indicators: aggregation, objectives: aggregation } },
  );

const CODES = ['gp', 'ln', 'mm', 'z', 'zl', 'mml', 'tg', 'pc', 'pcl'] as const;
/** Values on a coarse grid (ties happen), some missing. */
const value = fc.oneof(fc.constant(null), fc.integer({ min: 2, max: 400 }).map((n) => n / 4));
const row = fc.record(Object.fromEntries(CODES.map((c) => [c, value])) as Record<(typeof CODES)[number], typeof value>);

describe('previewScore', () => {
  it('gives the engine’s objectives and composite over the full peer rows, to 1e-9 (fewer distinct values than the sketch holds)', () => {
    for (const aggregation of ['arithmetic', 'geometric'] as const) {
      const set = mixed(aggregation);
      fc.assert(
        fc.property(fc.array(row, { minLength: 0, maxLength: 60 }), row, (peerValues, self) => {
          const peers = peerValues.map((values, i) => ({ stakeholder: `p${i}`, values }));
          const expected = engineScore(set, peers, self);
          const { score } = previewScore(set, summaryOf(set, peers), self);
          expect(score.completeness).toBe(expected.completeness);
          expect(score.grade).toBe(expected.grade);
          if (expected.composite === null) expect(score.composite).toBeNull();
          else expect(Math.abs(score.composite! - expected.composite)).toBeLessThanOrEqual(1e-9);
          for (const o of set.objectives) {
            const want = expected.objectives[o.code]!;
            if (want === null) expect(score.objectives[o.code]).toBeNull();
            else expect(Math.abs(score.objectives[o.code]! - want)).toBeLessThanOrEqual(1e-9);
          }
        }),
        { numRuns: 150 },
      );
    }
  });

  it('gives the engine’s rank when no indicator depends on the peers and the composites’ sketch is exact', () => {
    const set = kpiSet([{ code: 'o', indicators: [indicator('a'), indicator('b', { weight: 3 })] }]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), { maxLength: 80 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (pairs, a, b) => {
        const peers = pairs.map(([x, y], i) => ({ stakeholder: `p${i}`, values: { a: x, b: y } }));
        const expected = engineScore(set, peers, { a, b });
        const preview = previewScore(set, summaryOf(set, peers), { a, b });
        expect(preview.rankApproximate).toBe(false);
        expect(preview.rank).toBe(expected.rank);
        expect(preview.ranked).toBe(peers.length + 1);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps percentile parts within 100 / SKETCH_BUCKETS points and the rank within ⌈n / SKETCH_BUCKETS⌉ places beyond the sketch’s size', () => {
    const set = kpiSet([
      { code: 'p', indicators: [indicator('pc', { normalization: { method: 'percentile' } })] },
      { code: 'g', indicators: [indicator('gp', { normalization: { method: 'goalposts', min: 0, max: 10_000 } })] },
    ]);
    // 5,000 peers with distinct values (a deterministic scramble), more than the sketch lists.
    const n = 5000;
    const peers = Array.from({ length: n }, (_, i) => ({ stakeholder: `p${i}`, values: { pc: ((i * 7919) % n) + 0.5, gp: (i * 104_729) % 10_000 } }));
    const summary = summaryOf(set, peers);
    expect(summary.indicators.pc!.sketch!.exact).toBe(false);
    expect(summary.indicators.pc!.sketch!.values.length).toBeLessThanOrEqual(SKETCH_BUCKETS);
    expect(summary.composites.exact).toBe(false);
    for (const [pc, gp] of [[0, 0], [17.25, 9999], [2500, 5000], [4999.5, 1], [6000, 123.4]] as const) {
      const expected = engineScore(set, peers, { pc, gp });
      const preview = previewScore(set, summary, { pc, gp });
      expect(Math.abs(preview.score.objectives.p! - expected.objectives.p!)).toBeLessThanOrEqual((100 / SKETCH_BUCKETS) * (set.scale / 100));
      expect(Math.abs(preview.score.objectives.g! - expected.objectives.g!)).toBeLessThanOrEqual(1e-9);
      // Peers' composites here depend on the percentile part too, so the rank is checked against the peers' own composites.
      const others = scoreKpiSet(set, peers).results.map((r) => r.composite!);
      const better = others.filter((c) => c > preview.score.composite! + 1e-9 * Math.max(1, c)).length;
      expect(Math.abs(preview.rank! - (better + 1))).toBeLessThanOrEqual(Math.ceil(n / SKETCH_BUCKETS));
      expect(preview.rankApproximate).toBe(true);
    }
  });

  it('says nothing without peers: the goalposts score stands, the rank is 1 of 1', () => {
    const set = kpiSet([{ code: 'o', indicators: [indicator('a'), indicator('m', { normalization: { method: 'minmax' } })] }]);
    const empty: PeerSummary = { peers: 0, indicators: { m: summarizeColumn(new Float64Array(0), false) }, composites: EMPTY_SKETCH };
    const preview = previewScore(set, empty, { a: 40, m: 3 });
    expect(preview.score.composite).toBeCloseTo(engineScore(set, [], { a: 40, m: 3 }).composite!, 12);
    expect(preview.rank).toBe(1);
    expect(preview.ranked).toBe(1);
  });
});

describe('value sketches', () => {
  it('list every distinct value with its count up to the limit, in ascending order', () => {
    const sketch = sketchAscending(Float64Array.of(1, 1, 2, 5, 5, 5), 3);
    expect(sketch).toEqual({ values: [1, 2, 5], counts: [2, 1, 3], exact: true });
    expect([...expandSketch(sketch)]).toEqual([1, 1, 2, 5, 5, 5]);
  });

  it('cut more distinct values into buckets of consecutive ranks, keeping every peer counted', () => {
    const ascending = Float64Array.from({ length: 10 }, (_, i) => i);
    const sketch = sketchAscending(ascending, 4);
    expect(sketch.exact).toBe(false);
    // Rank i goes to bucket ⌊i·4/10⌋.
    expect(sketch.counts).toEqual([3, 2, 3, 2]);
    expect(sketch.values).toEqual([1, 3.5, 6, 8.5]);
  });

  it('take one peer out: the exact value, or from the bucket nearest it', () => {
    expect(sketchWithout({ values: [1, 2, 5], counts: [2, 1, 3], exact: true }, 2)).toEqual({ values: [1, 5], counts: [2, 3], exact: true });
    expect(sketchWithout({ values: [1, 2, 5], counts: [2, 1, 3], exact: true }, 3)).toEqual({ values: [1, 2, 5], counts: [2, 1, 3], exact: true });
    expect(sketchWithout({ values: [0.5, 3, 5.5, 8], counts: [2, 3, 2, 3], exact: false }, 6)).toEqual({ values: [0.5, 3, 5.5, 8], counts: [2, 3, 1, 3], exact: false });
  });
});
