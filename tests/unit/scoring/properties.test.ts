// Invariants of the engine, checked with fast-check on generated KPI sets and values.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ahpWeights, combineWeights, compileKpiSet, couplingCoordination, criticWeights, entropyWeights, normalizeWeights, scoreKpiSet, TOLERANCE, validateKpiSet, WeightsInputError } from '@/core/scoring';
import { readValuesCsv } from '@/core/decode';
import type { KpiSetV1, KpiSetV1Input, ValuesRow } from '@/core/scoring';

// Hundreds of generated cases per property: a ceiling for a busy machine, not a speed goal.
const PROPERTY_TIMEOUT_MS = 30_000;

type IndicatorInput = KpiSetV1Input['objectives'][number]['indicators'][number];
type AggregationInput = NonNullable<KpiSetV1Input['aggregation']>;

const weightArb = fc.integer({ min: 1, max: 50 }).map((w) => w / 10);

const normalizationArb = (direction: 'higher' | 'lower', scale: number): fc.Arbitrary<IndicatorInput['normalization']> =>
  fc.oneof(
    fc.record({ min: fc.integer({ min: -50, max: 50 }), width: fc.integer({ min: 1, max: 200 }) }).map(({ min, width }) => ({ method: 'goalposts' as const, min, max: min + width })),
    fc.record({ min: fc.integer({ min: 1, max: 50 }), factor: fc.integer({ min: 2, max: 1000 }) }).map(({ min, factor }) => ({ method: 'goalposts' as const, min, max: min * factor, transform: 'ln' as const })),
    fc.constant({ method: 'minmax' as const }),
    fc.record({ center: fc.integer({ min: 0, max: 100 }), spread: fc.integer({ min: 1, max: 40 }) }).map(({ center, spread }) => ({ method: 'zscore' as const, center: (center / 100) * scale, spread: (spread / 100) * scale })),
    fc.record({ baseline: fc.integer({ min: -20, max: 20 }), distance: fc.integer({ min: 1, max: 100 }) }).map(({ baseline, distance }) => ({
      method: 'target' as const,
      baseline,
      target: direction === 'higher' ? baseline + distance : baseline - distance,
    })),
    fc.constant({ method: 'percentile' as const }),
  );

const kpiSetArb: fc.Arbitrary<KpiSetV1> = fc
  .record({
    scale: fc.constantFrom(1, 10, 100),
    objectiveSizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    aggregation: fc.record({ indicators: fc.constantFrom('arithmetic' as const, 'geometric' as const), objectives: fc.constantFrom('arithmetic' as const, 'geometric' as const) }),
    policy: fc.constantFrom('reweight' as const, 'zero' as const),
    minCompleteness: fc.constantFrom(0, 0.5, 0.8, 1),
  })
  .chain(({ scale, objectiveSizes, aggregation, policy, minCompleteness }) => {
    const indicatorArb = fc.constantFrom('higher' as const, 'lower' as const).chain((direction) =>
      fc.record({ weight: weightArb, normalization: normalizationArb(direction, scale) }).map(({ weight, normalization }) => ({ direction, weight, normalization })),
    );
    return fc
      .record({
        objectiveWeights: fc.array(weightArb, { minLength: objectiveSizes.length, maxLength: objectiveSizes.length }),
        indicators: fc.tuple(...objectiveSizes.map((size) => fc.array(indicatorArb, { minLength: size, maxLength: size }))),
      })
      .map(({ objectiveWeights, indicators }) => {
        const input: KpiSetV1Input = {
          format: 'kpi-set/v1',
          code: 'generated',
          name: { en: 'generated', 'zh-CN': '生成' },
          stakeholderType: 'rural',
          scale,
          aggregation,
          missing: { policy, minCompleteness },
          grades: [
            { code: 'good', min: scale / 2, label: { en: 'good', 'zh-CN': '好' } },
            { code: 'low', min: 0, label: { en: 'low', 'zh-CN': '低' } },
          ],
          objectives: indicators.map((list, o) => ({
            code: `o${o}`,
            name: { en: `o${o}`, 'zh-CN': `o${o}` },
            weight: objectiveWeights[o]!,
            indicators: list.map((spec, i) => ({ code: `o${o}i${i}`, name: { en: 'x', 'zh-CN': 'x' }, unit: '', ...spec })),
          })),
        };
        const validation = validateKpiSet(input);
        if (!validation.ok) throw new Error(`generator made an invalid set: ${JSON.stringify(validation.errors)}`);
        return validation.value;
      });
  });

const valueArb = fc.option(fc.integer({ min: -10_000, max: 40_000 }).map((v) => v / 100), { freq: 8 });

function rowsArb(set: KpiSetV1, minRows = 1): fc.Arbitrary<ValuesRow[]> {
  const codes = set.objectives.flatMap((o) => o.indicators.map((i) => i.code));
  return fc
    .array(fc.array(valueArb, { minLength: codes.length, maxLength: codes.length }), { minLength: minRows, maxLength: 12 })
    .map((matrix) => matrix.map((values, r) => ({ stakeholder: `s${r}`, values: Object.fromEntries(codes.map((code, j) => [code, values[j] ?? null])) })));
}

const setAndRows = (minRows = 1) => kpiSetArb.chain((set) => rowsArb(set, minRows).map((rows) => ({ set, rows })));

const withSlack = (x: number, scale: number) => x + TOLERANCE * Math.max(1, scale);

describe('properties of the engine', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it('every score lies in [0, scale]; effective weights add up to 1', () => {
    fc.assert(
      fc.property(setAndRows(), ({ set, rows }) => {
        const { scale } = set;
        for (const result of scoreKpiSet(set, rows).results) {
          for (const score of [result.composite, ...Object.values(result.objectives)]) {
            if (score !== null) expect(score >= 0 && score <= scale, `${score}`).toBe(true);
          }
          let effective = 0;
          for (const indicator of Object.values(result.indicators)) {
            if (indicator.normalized !== null) expect(indicator.normalized >= 0 && indicator.normalized <= scale).toBe(true);
            if (indicator.contribution !== null) expect(indicator.contribution >= 0 && indicator.contribution <= withSlack(scale, scale)).toBe(true);
            effective += indicator.effectiveWeight;
          }
          if (result.composite !== null) {
            expect(effective).toBeCloseTo(1, 9);
            const contributions = Object.values(result.indicators).reduce((sum, i) => sum + (i.contribution ?? 0), 0);
            expect(Math.abs(contributions - result.composite)).toBeLessThanOrEqual(1e-9 * Math.max(1, scale));
          }
          if (result.percentile !== null) expect(result.percentile >= 0 && result.percentile <= 100).toBe(true);
          if (result.rank !== null) expect(result.rank >= 1 && result.rank <= rows.length).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('improving a higher-is-better value never lowers the composite', () => {
    fc.assert(
      fc.property(
        setAndRows().chain(({ set, rows }) =>
          fc.record({ row: fc.nat({ max: rows.length - 1 }), pick: fc.nat(), delta: fc.integer({ min: 1, max: 20_000 }).map((d) => d / 100) }).map((choice) => ({ set, rows, ...choice })),
        ),
        ({ set, rows, row, pick, delta }) => {
          const higher = set.objectives.flatMap((o) => o.indicators).filter((i) => i.direction === 'higher' && rows[row]!.values[i.code] != null);
          fc.pre(higher.length > 0);
          const code = higher[pick % higher.length]!.code;
          const before = scoreKpiSet(set, rows).results[row]!.composite;
          const improved = rows.map((r, i) => (i === row ? { ...r, values: { ...r.values, [code]: (r.values[code] as number) + delta } } : r));
          const after = scoreKpiSet(set, improved).results[row]!.composite;
          expect(after === null).toBe(before === null);
          if (before !== null && after !== null) expect(after).toBeGreaterThanOrEqual(before - TOLERANCE * Math.max(1, set.scale));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('results do not depend on the order of rows or of columns', () => {
    fc.assert(
      fc.property(
        setAndRows().chain(({ set, rows }) => fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }).map((shuffled) => ({ set, rows, shuffled }))),
        ({ set, rows, shuffled }) => {
          const byStakeholder = (list: ValuesRow[]) => new Map(scoreKpiSet(set, list).results.map((result) => [result.stakeholder, result]));
          const original = byStakeholder(rows);
          const reordered = byStakeholder(shuffled.map((r) => ({ ...r, values: Object.fromEntries(Object.entries(r.values).reverse()) })));
          for (const [stakeholder, result] of original) expect(reordered.get(stakeholder)).toEqual(result);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a values CSV gives the same matrix whatever its column order', () => {
    fc.assert(
      fc.property(
        setAndRows().chain(({ set, rows }) => {
          const columns = ['stakeholder', ...set.objectives.flatMap((o) => o.indicators.map((i) => i.code))];
          return fc.shuffledSubarray(columns, { minLength: columns.length, maxLength: columns.length }).map((shuffled) => ({ set, rows, columns, shuffled }));
        }),
        ({ set, rows, columns, shuffled }) => {
          const csv = (order: string[]) =>
            [order.join(','), ...rows.map((r) => order.map((c) => (c === 'stakeholder' ? r.stakeholder : String(r.values[c] ?? ''))).join(','))].join('\n');
          const codes = compileKpiSet(set).indicatorCodes;
          const a = readValuesCsv(csv(columns), codes);
          const b = readValuesCsv(csv(shuffled), codes);
          expect(a.ok && b.ok).toBe(true);
          if (a.ok && b.ok) expect(Array.from(b.matrix.values)).toEqual(Array.from(a.matrix.values));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('geometric aggregation never exceeds arithmetic', () => {
    fc.assert(
      fc.property(setAndRows(), ({ set, rows }) => {
        const withAggregation = (aggregation: AggregationInput): KpiSetV1 => ({ ...set, aggregation: { ...aggregation } });
        const arithmetic = scoreKpiSet(withAggregation({ indicators: 'arithmetic', objectives: 'arithmetic' }), rows).results;
        for (const aggregation of [
          { indicators: 'geometric', objectives: 'geometric' },
          { indicators: 'geometric', objectives: 'arithmetic' },
          { indicators: 'arithmetic', objectives: 'geometric' },
        ] as AggregationInput[]) {
          const other = scoreKpiSet(withAggregation(aggregation), rows).results;
          other.forEach((result, i) => {
            const reference = arithmetic[i]!.composite;
            if (result.composite !== null && reference !== null) {
              expect(result.composite).toBeLessThanOrEqual(reference + TOLERANCE * Math.max(1, reference));
            }
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('C, T and D lie in [0, 1] and the class follows D', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) =>
          fc.record({
            scale: fc.constantFrom(1, 100),
            scores: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
            weights: fc.array(weightArb, { minLength: n, maxLength: n }),
          }),
        ),
        ({ scale, scores, weights }) => {
          const result = couplingCoordination(scores.map((s) => s * scale), weights, scale);
          for (const x of [result.C, result.T, result.D]) expect(x >= 0 && x <= 1, `${x}`).toBe(true);
          expect(result.class).toBe(Math.min(10, Math.floor(result.D * 10 + TOLERANCE) + 1));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('properties of the weights', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  const sumsToOne = (weights: number[]) => {
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (const w of weights) expect(w >= 0).toBe(true);
  };

  const saatyValue = fc.constantFrom(1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9, 2, 1 / 2);
  const ahpMatrixArb = fc.integer({ min: 1, max: 15 }).chain((n) =>
    fc.array(saatyValue, { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((upper) => {
      const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(1));
      let k = 0;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          matrix[i]![j] = upper[k]!;
          matrix[j]![i] = 1 / upper[k++]!;
        }
      }
      return matrix;
    }),
  );

  it('AHP weights add up to 1, CR ≥ 0, and the flagged judgement is the one most at odds', () => {
    fc.assert(
      fc.property(ahpMatrixArb, (matrix) => {
        const result = ahpWeights(matrix);
        sumsToOne(result.weights);
        expect(result.CR).toBeGreaterThanOrEqual(0);
        expect(result.lambdaMax).toBeGreaterThanOrEqual(matrix.length - 1e-9);
        if (matrix.length >= 3) {
          const worst = result.mostInconsistent!;
          for (let i = 0; i < matrix.length; i++) {
            for (let j = i + 1; j < matrix.length; j++) {
              expect(Math.abs(Math.log((matrix[i]![j]! * result.weights[j]!) / result.weights[i]!))).toBeLessThanOrEqual(worst.deviation + 1e-9);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  const dataArb = fc.integer({ min: 1, max: 6 }).chain((n) =>
    fc.record({
      rows: fc.array(fc.array(fc.option(fc.integer({ min: -100, max: 100 }), { freq: 10 }), { minLength: n, maxLength: n }), { minLength: 2, maxLength: 20 }),
      directions: fc.array(fc.constantFrom('higher' as const, 'lower' as const), { minLength: n, maxLength: n }),
    }),
  );

  it('entropy and CRITIC weights add up to 1 (or the data are refused as carrying no information)', () => {
    fc.assert(
      fc.property(dataArb, ({ rows, directions }) => {
        for (const method of [entropyWeights, criticWeights]) {
          try {
            sumsToOne(method(rows, directions).weights);
          } catch (error) {
            expect(error).toBeInstanceOf(WeightsInputError);
            expect((error as Error).message).toMatch(/constant|at least 2 complete rows/);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('manual and combined weights add up to 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }).chain((n) =>
          fc.record({
            a: fc.array(weightArb, { minLength: n, maxLength: n }),
            b: fc.array(weightArb, { minLength: n, maxLength: n }),
            alpha: fc.double({ min: 0, max: 1, noNaN: true }),
          }),
        ),
        ({ a, b, alpha }) => {
          sumsToOne(normalizeWeights(a));
          sumsToOne(combineWeights(a, b, alpha));
        },
      ),
    );
  });
});
