import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatJsonPath, isPeerDependent, validateKpiSet } from '@/core/scoring';
import { indicator, kpiSetInput } from './helpers';

const fixture = JSON.parse(fs.readFileSync('tests/fixtures/scoring/market-2025.kpi-set.json', 'utf8'));

function errorsOf(json: unknown) {
  const validation = validateKpiSet(json);
  if (validation.ok) throw new Error('expected the KPI set to be invalid');
  return validation.errors;
}

function mutated(change: (set: typeof fixture) => void) {
  const copy = structuredClone(fixture);
  change(copy);
  return copy;
}

describe('kpi-set/v1 validation', () => {
  it('accepts the market fixture and fills in defaults', () => {
    const validation = validateKpiSet(fixture);
    expect(validation.ok).toBe(true);
    if (!validation.ok) return;
    expect(validation.value.objectives[0]!.indicators[0]!.normalization).toEqual({ method: 'goalposts', min: 0, max: 50, transform: 'none' });
    const minimal = validateKpiSet(kpiSetInput([{ code: 'o', indicators: [indicator('i', { normalization: { method: 'target', target: 5 } })] }]));
    expect(minimal.ok && minimal.value.scale).toBe(100);
    expect(minimal.ok && minimal.value.aggregation).toEqual({ indicators: 'arithmetic', objectives: 'arithmetic' });
    expect(minimal.ok && minimal.value.missing).toEqual({ policy: 'reweight', minCompleteness: 0.8 });
    expect(minimal.ok && minimal.value.objectives[0]!.indicators[0]!.normalization).toEqual({ method: 'target', target: 5, baseline: 0 });
  });

  it('names the JSON path and reason of a goalposts error', () => {
    const errors = errorsOf(mutated((s) => (s.objectives[1].indicators[2].normalization.max = 0)));
    expect(errors).toEqual([
      { path: 'objectives[1].indicators[2].normalization.max', message: 'goalposts need min < max (min 0, max 0)', key: 'validation.kpiSet.goalpostsOrder::{"min":0,"max":0}' },
    ]);
  });

  it.each([
    ['a non-positive indicator weight', (s: typeof fixture) => (s.objectives[0].indicators[1].weight = 0), 'objectives[0].indicators[1].weight', /greater than 0/],
    ['a negative objective weight', (s: typeof fixture) => (s.objectives[2].weight = -1), 'objectives[2].weight', /greater than 0/],
    ['a weight given as text', (s: typeof fixture) => (s.objectives[2].weight = '0.3'), 'objectives[2].weight', /expected number, got the string "0.3"/],
    ['a missing field', (s: typeof fixture) => delete s.objectives[0].indicators[0].direction, 'objectives[0].indicators[0].direction', /required field is missing/],
    ['an unknown direction', (s: typeof fixture) => (s.objectives[0].indicators[0].direction = 'up'), 'objectives[0].indicators[0].direction', /must be one of "higher", "lower"/],
    ['a wrong format tag', (s: typeof fixture) => (s.format = 'kpi-set/v2'), 'format', /must be "kpi-set\/v1"/],
    ['an unknown normalization method', (s: typeof fixture) => (s.objectives[0].indicators[0].normalization = { method: 'rank' }), 'objectives[0].indicators[0].normalization.method', /unknown normalization method; use one of goalposts, minmax, zscore, target, percentile/],
    ['a misspelt field', (s: typeof fixture) => (s.objectives[0].indicators[0].normalisation = {}), 'objectives[0].indicators[0].normalisation', /unknown field "normalisation"/],
    ['ln with a zero goalpost', (s: typeof fixture) => (s.objectives[0].indicators[1].normalization.min = 0), 'objectives[0].indicators[1].normalization.min', /ln transform needs positive goalposts/],
    ['a duplicate indicator code across objectives', (s: typeof fixture) => (s.objectives[2].indicators[0].code = 'local_hires'), 'objectives[2].indicators[0].code', /duplicate indicator code "local_hires" \(also objectives\[0\]\.indicators\[0\]\)/],
    ['a duplicate objective code', (s: typeof fixture) => (s.objectives[1].code = 'poverty'), 'objectives[1].code', /duplicate objective code/],
    ['a reserved indicator code', (s: typeof fixture) => (s.objectives[0].indicators[0].code = 'stakeholder'), 'objectives[0].indicators[0].code', /reserved/],
    ['a code with a space', (s: typeof fixture) => (s.objectives[0].indicators[0].code = 'local hires'), 'objectives[0].indicators[0].code', /not a valid code/],
    ['a target below the baseline for higher-is-better', (s: typeof fixture) => (s.objectives[1].indicators[1].normalization.baseline = 5), 'objectives[1].indicators[1].normalization.target', /must be above the baseline/],
    ['a z-score center beyond the scale', (s: typeof fixture) => (s.objectives[2].indicators[0].normalization = { method: 'zscore', center: 120 }), 'objectives[2].indicators[0].normalization.center', /within 0…scale/],
    ['grades that leave a gap at 0', (s: typeof fixture) => s.grades.pop(), 'grades', /lowest starts at 60, leaving 0…60 without a grade/],
    ['grades that overlap', (s: typeof fixture) => (s.grades[1].min = 85), 'grades[1].min', /bands overlap: grades\[0\] also starts at 85/],
    ['a band above the scale', (s: typeof fixture) => (s.grades[0].min = 101), 'grades[0].min', /cannot start above the scale/],
    ['a duplicate grade code', (s: typeof fixture) => (s.grades[1].code = 'A'), 'grades[1].code', /duplicate grade code/],
    ['minCompleteness above 1', (s: typeof fixture) => (s.missing.minCompleteness = 1.5), 'missing.minCompleteness', /between 0 and 1/],
    ['an empty Chinese name', (s: typeof fixture) => (s.objectives[0].name['zh-CN'] = ' '), 'objectives[0].name["zh-CN"]', /must not be empty/],
    ['an objective without indicators', (s: typeof fixture) => (s.objectives[0].indicators = []), 'objectives[0].indicators', /at least one indicator/],
    ['an unknown stakeholder type', (s: typeof fixture) => (s.stakeholderType = 'bank'), 'stakeholderType', /must be one of "county_town", "rural", "market"/],
    ['a zero scale', (s: typeof fixture) => (s.scale = 0), 'scale', /greater than 0/],
  ])('refuses %s, naming the place', (_label, change, path, message) => {
    const errors = errorsOf(mutated(change));
    const error = errors.find((e) => e.path === path);
    expect(error, JSON.stringify(errors)).toBeDefined();
    expect(error!.message).toMatch(message);
  });

  it('reports every structural error at once', () => {
    const errors = errorsOf(
      mutated((s) => {
        s.objectives[0].weight = 0;
        s.objectives[1].indicators[0].unit = 5;
        s.extra = true;
      }),
    );
    expect(errors.map((e) => e.path)).toEqual(expect.arrayContaining(['objectives[0].weight', 'objectives[1].indicators[0].unit', 'extra']));
  });

  it('refuses things that are not a KPI set at all', () => {
    expect(errorsOf(null)).toEqual([{ path: '', message: 'expected object, got null', key: 'validation.required' }]);
    expect(errorsOf([])[0]!.message).toBe('expected object, got an array');
  });

  it('reports a target on the wrong side of the baseline for lower-is-better', () => {
    const errors = errorsOf(
      kpiSetInput([{ code: 'o', indicators: [indicator('relapse', { direction: 'lower', normalization: { method: 'target', target: 5, baseline: 2 } })] }]),
    );
    expect(errors).toEqual([
      {
        path: 'objectives[0].indicators[0].normalization.target',
        message: 'for a lower-is-better indicator the target must be below the baseline (target 5, baseline 2)',
        key: 'validation.kpiSet.targetBelow::{"target":5,"baseline":2}',
      },
    ]);
  });
});

describe('helpers of the format', () => {
  it('formats JSON paths with brackets for indices and odd keys', () => {
    expect(formatJsonPath(['objectives', 0, 'indicators', 2, 'normalization', 'max'])).toBe('objectives[0].indicators[2].normalization.max');
    expect(formatJsonPath(['name', 'zh-CN'])).toBe('name["zh-CN"]');
    expect(formatJsonPath([])).toBe('');
  });

  it('knows which normalizations depend on the peers', () => {
    expect(isPeerDependent({ method: 'minmax' })).toBe(true);
    expect(isPeerDependent({ method: 'zscore' })).toBe(true);
    expect(isPeerDependent({ method: 'percentile' })).toBe(true);
    expect(isPeerDependent({ method: 'goalposts', min: 0, max: 1, transform: 'none' })).toBe(false);
    expect(isPeerDependent({ method: 'target', target: 1, baseline: 0 })).toBe(false);
  });
});
