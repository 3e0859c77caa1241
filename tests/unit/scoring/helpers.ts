// Small KPI sets for the worked examples: goalposts 0…100 make raw = normalized, so the arithmetic
// in the tests stays readable.
import type { KpiSetV1, KpiSetV1Input } from '@/core/scoring';
import { validateKpiSet } from '@/core/scoring';
import fc from 'fast-check';

type IndicatorInput = KpiSetV1Input['objectives'][number]['indicators'][number];

export function indicator(code: string, overrides: Partial<IndicatorInput> = {}): IndicatorInput {
  return {
    code,
    name: { en: code, 'zh-CN': code },
    unit: '',
    direction: 'higher',
    weight: 1,
    normalization: { method: 'goalposts', min: 0, max: 100 },
    ...overrides,
  };
}

export const STANDARD_GRADES: KpiSetV1Input['grades'] = [
  { code: 'A', min: 85, label: { en: 'Excellent', 'zh-CN': '优秀' } },
  { code: 'B', min: 70, label: { en: 'Good', 'zh-CN': '良好' } },
  { code: 'C', min: 60, label: { en: 'Pass', 'zh-CN': '合格' } },
  { code: 'D', min: 0, label: { en: 'Needs improvement', 'zh-CN': '待改进' } },
];

export function kpiSetInput(
  objectives: { code: string; weight?: number; indicators: IndicatorInput[] }[],
  overrides: Partial<KpiSetV1Input> = {},
): KpiSetV1Input {
  return {
    format: 'kpi-set/v1',
    code: 'test-set',
    name: { en: 'Test set', 'zh-CN': '测试指标集' },
    stakeholderType: 'market',
    grades: STANDARD_GRADES,
    objectives: objectives.map((objective) => ({
      code: objective.code,
      name: { en: objective.code, 'zh-CN': objective.code },
      weight: objective.weight ?? 1,
      indicators: objective.indicators,
    })),
    ...overrides,
  };
}

/** Validates and returns the set; fails the test with the errors if it is invalid. */
export function kpiSet(
  objectives: Parameters<typeof kpiSetInput>[0],
  overrides: Partial<KpiSetV1Input> = {},
): KpiSetV1 {
  const validation = validateKpiSet(kpiSetInput(objectives, overrides));
  if (!validation.ok) throw new Error(`invalid test KPI set: ${JSON.stringify(validation.errors)}`);
  return validation.value;
}

/** Normalizations the property tests draw from: every method, goalposts also with a log transform. */
export const PROPERTY_METHODS = [
  { method: 'goalposts', min: 0, max: 50 },
  { method: 'goalposts', min: 1, max: 1000, transform: 'ln' },
  { method: 'target', target: 40, baseline: 5 },
  { method: 'minmax' },
  { method: 'zscore' },
  { method: 'percentile' },
] as const;

/** A raw value for the property tests: 1…60, missing one time in nine. */
export const propertyValue = fc.option(fc.double({ min: 1, max: 60, noNaN: true }), { nil: null, freq: 8 });
