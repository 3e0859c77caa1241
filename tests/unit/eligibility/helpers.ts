import type { EligibilityInput, Rule, Clause } from '@/core/eligibility';

export function input(over: Partial<EligibilityInput> = {}): EligibilityInput {
  return {
    stakeholder: 'MK-0001',
    type: 'market',
    county: '532523',
    composite: 72,
    grade: 'B',
    grades: ['A', 'B', 'C', 'D'],
    objectives: { poverty: 70, industry: 75, income: 68 },
    indicators: { mk_env_violations: { raw: 0, normalized: 100 }, mk_value_added_10k: { raw: 500, normalized: 60 } },
    percentile: 55,
    countyPercentile: 60,
    couplingClass: 8,
    redFlagLimits: { mk_env_violations: 0 },
    history: [],
    ...over,
  };
}

export const clause = (c: Clause): Rule => ({ op: 'clause', clause: c });
export const all = (...rules: Rule[]): Rule => ({ op: 'all', rules });
export const any = (...rules: Rule[]): Rule => ({ op: 'any', rules });
export const not = (rule: Rule): Rule => ({ op: 'not', rule });
