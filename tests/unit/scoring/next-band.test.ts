import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileKpiSet, gradeFor, rowsToMatrix, scoreMatrix, stakeholderScoreAt, validateKpiSet, type KpiSetV1, type ValuesRow } from '@/core/scoring';
import { readValuesCsv } from '@/core/decode';
import { pathToNextBand, type IndicatorLimits, type NextBandResult } from '@/core/scoring/next-band';
import { indicator, kpiSet, PROPERTY_METHODS, propertyValue } from './helpers';

/** The engine's grade of `stakeholder` after replacing one of its values. */
function gradeWith(set: KpiSetV1, rows: readonly ValuesRow[], stakeholder: string, code: string, value: number) {
  const changed = rows.map((row) => (row.stakeholder === stakeholder ? { ...row, values: { ...row.values, [code]: value } } : row));
  // The engine's own pipeline (scoreKpiSet without the method hash, which these checks do not need).
  const compiled = compileKpiSet(set);
  const matrix = rowsToMatrix(compiled, changed);
  const result = stakeholderScoreAt(compiled, matrix, scoreMatrix(compiled, matrix), matrix.stakeholders.indexOf(stakeholder));
  return { composite: result.composite, grade: result.grade, min: gradeFor(result.composite, set.grades)?.min ?? -1 };
}

/**
 * Checks every route against the engine: a suggested value reaches the next band, a value a
 * little short of it does not (so the suggestion is the smallest change), and an unreachable
 * indicator does not reach the band even at its best useful value.
 */
function checkAgainstEngine(set: KpiSetV1, rows: readonly ValuesRow[], stakeholder: string, path: NextBandResult, limits: Record<string, IndicatorLimits> = {}) {
  if (path.status !== 'ok') return 0;
  const target = path.nextGrade!;
  let checked = 0;
  for (const route of path.routes) {
    const higher = set.objectives.flatMap((o) => o.indicators).find((i) => i.code === route.indicator)!.direction === 'higher';
    if (route.reachable) {
      const at = gradeWith(set, rows, stakeholder, route.indicator, route.required!);
      expect(at.min, `${stakeholder} ${route.indicator}=${route.required}`).toBeGreaterThanOrEqual(target.min);
      expect(at.composite).toBeCloseTo(route.composite!, 9);
      const start = route.current;
      if (start !== null && route.required !== start) {
        // One step of the grid the suggestion was rounded to.
        expect(route.decimals).toBe(limits[route.indicator]?.decimals ?? route.decimals);
        const shortBy = 10 ** -route.decimals!;
        const short = route.required! + (higher ? -shortBy : shortBy);
        if (higher ? short > start : short < start) {
          expect(gradeWith(set, rows, stakeholder, route.indicator, short).min, `${route.indicator} short of ${route.required}`).toBeLessThan(target.min);
        }
      }
      checked++;
    } else if (route.limit !== null) {
      expect(gradeWith(set, rows, stakeholder, route.indicator, route.limit).min).toBeLessThan(target.min);
      checked++;
    }
  }
  return checked;
}

describe('path to the next band', () => {
  it('finds the value each indicator needs in a worked example', () => {
    // Two equal indicators, goalposts 0…100 (raw = normalized): composite = (a + b)/2 = 60 (C).
    // Band B starts at 70, so either indicator must reach 80; the effort is 20/100 = 0.2 each.
    const set = kpiSet([{ code: 'o', indicators: [indicator('a'), indicator('b')] }]);
    const rows = [{ stakeholder: 'S', values: { a: 60, b: 60 } }];
    const path = pathToNextBand(set, rows, 'S');
    expect(path.status).toBe('ok');
    expect(path.grade).toBe('C');
    expect(path.nextGrade?.code).toBe('B');
    for (const route of path.routes) {
      expect(route.reachable).toBe(true);
      expect(route.required).toBe(80);
      expect(route.effort).toBeCloseTo(0.2, 6);
      expect(route.composite).toBeGreaterThanOrEqual(70 - 1e-9);
    }
    expect(path.cheapest).toEqual(['a', 'b']);
  });

  it('says when an indicator alone cannot reach the band, and rounds in the better direction', () => {
    // a weighs 1, b weighs 3: with b at 40, even a = 100 gives (100 + 120)/4 = 55 < 60.
    // Lower-is-better c on goalposts 0…10 with 0 decimals.
    const set = kpiSet([
      { code: 'o', indicators: [indicator('a'), indicator('b', { weight: 3 })] },
      { code: 'p', indicators: [indicator('c', { direction: 'lower', normalization: { method: 'goalposts', min: 0, max: 10 } })] },
    ]);
    const rows = [{ stakeholder: 'S', values: { a: 40, b: 40, c: 7 } }];
    // composite = (40 + 30)/2 = 35 (D); next band C at 60.
    const path = pathToNextBand(set, rows, 'S', { limits: { c: { min: 0, max: 100, decimals: 0 }, a: { decimals: 1 } } });
    expect(path.nextGrade?.code).toBe('C');
    const byCode = Object.fromEntries(path.routes.map((route) => [route.indicator, route]));
    expect(byCode.a!.reachable).toBe(false);
    expect(byCode.a!.limit).toBe(100);
    // b: (40 + 3b)/4 / 2 + 30/2 ≥ 60 ⇒ b ≥ 146.67 > 100: not reachable either.
    expect(byCode.b!.reachable).toBe(false);
    // c: 20 + (10 − c)·10/2 ≥ 60 ⇒ c ≤ 2 … with a=b=40 objective o is 40: (40 + (10−c)·10)/2 ≥ 60 ⇒ c ≤ 2.
    expect(byCode.c!.reachable).toBe(true);
    expect(byCode.c!.required).toBe(2);
    expect(path.cheapest).toEqual(['c']);
    checkAgainstEngine(set, rows, 'S', path, { c: { decimals: 0 } });
  });

  it('reports the top band and a missing composite', () => {
    const set = kpiSet([{ code: 'o', indicators: [indicator('a'), indicator('b')] }]);
    expect(pathToNextBand(set, [{ stakeholder: 'S', values: { a: 90, b: 95 } }], 'S').status).toBe('top_band');
    // Completeness 1/2 < 0.8: no composite, no path.
    expect(pathToNextBand(set, [{ stakeholder: 'S', values: { a: 90, b: null } }], 'S').status).toBe('no_composite');
  });

  it('agrees with the engine on the market fixture (ln goalposts, target, minmax, percentile, geometric)', () => {
    const validation = validateKpiSet(JSON.parse(fs.readFileSync('tests/fixtures/scoring/market-2025.kpi-set.json', 'utf8')));
    if (!validation.ok) throw new Error('fixture invalid');
    const set = validation.value;
    const codes = set.objectives.flatMap((o) => o.indicators.map((i) => i.code));
    const read = readValuesCsv(fs.readFileSync('tests/fixtures/scoring/market-2025.values.csv', 'utf8'), codes);
    if (!read.ok) throw new Error('fixture values invalid');
    const rows: ValuesRow[] = read.matrix.stakeholders.map((s, r) => ({
      stakeholder: s,
      values: Object.fromEntries(codes.map((c, j) => {
        const x = read.matrix.values[r * codes.length + j]!;
        return [c, Number.isNaN(x) ? null : x];
      })),
    }));
    let checked = 0;
    let reachable = 0;
    for (const row of rows) {
      const path = pathToNextBand(set, rows, row.stakeholder);
      checked += checkAgainstEngine(set, rows, row.stakeholder, path);
      reachable += path.routes.filter((route) => route.reachable).length;
      if (path.status === 'ok') {
        expect(path.cheapest.length).toBeLessThanOrEqual(3);
        const efforts = path.cheapest.map((c) => path.routes.find((route) => route.indicator === c)!.effort!);
        expect([...efforts].sort((a, b) => a - b)).toEqual(efforts);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(reachable).toBeGreaterThan(5);
  });

  it('agrees with the engine on random KPI sets and values (property)', () => {
    const methods = PROPERTY_METHODS;
    let reachableChecked = 0;
    const value = propertyValue;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: methods.length - 1 }), { minLength: 2, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 5, maxLength: 5 }),
        fc.constantFrom('arithmetic', 'geometric'),
        fc.constantFrom('arithmetic', 'geometric'),
        fc.array(fc.array(value, { minLength: 5, maxLength: 5 }), { minLength: 2, maxLength: 6 }),
        fc.boolean(),
        (methodIndex, weights, within, across, table, lowerFirst) => {
          const indicators = methodIndex.map((m, j) => {
            const normalization = methods[m]!;
            const lower = lowerFirst && j === 0 && normalization.method !== 'target';
            return indicator(`i${j}`, { weight: weights[j]!, direction: lower ? 'lower' : 'higher', normalization: { ...normalization } });
          });
          const half = Math.ceil(indicators.length / 2);
          const set = kpiSet(
            [
              { code: 'o1', indicators: indicators.slice(0, half) },
              { code: 'o2', indicators: indicators.slice(half).length ? indicators.slice(half) : [indicator('extra')] },
            ],
            { aggregation: { indicators: within, objectives: across }, missing: { policy: 'reweight', minCompleteness: 0.5 } },
          );
          const codes = set.objectives.flatMap((o) => o.indicators.map((i) => i.code));
          const rows: ValuesRow[] = table.map((cells, r) => ({
            stakeholder: `S${r}`,
            values: Object.fromEntries(codes.map((c, j) => [c, cells[j % cells.length] ?? null])),
          }));
          const limits = Object.fromEntries(codes.map((c) => [c, { min: 0, max: 2000, decimals: 2 }]));
          const path = pathToNextBand(set, rows, 'S0', { limits });
          checkAgainstEngine(set, rows, 'S0', path, limits);
          reachableChecked += path.routes.filter((route) => route.reachable).length;
        },
      ),
      { numRuns: 100, seed: 7 },
    );
    // The property must have exercised real suggestions, not only top bands and dead ends.
    expect(reachableChecked).toBeGreaterThan(50);
  }, 60_000);
});
