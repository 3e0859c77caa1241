// Robustness benchmark (`npm run bench -- --only robustness`): 1,000 seeded weightings over
// 10,000 generated stakeholders, in process through the engine (core/eligibility/robustness.ts),
// single thread. A rule reading what the weights move (composite, grade, percentiles, coupling,
// an objective), tiered subsidies and a budget by rank, so every part of a draw is timed.
// Goal: ≤ 60 s.
import { performance } from 'node:perf_hooks';
import type { EligibilityInput, ProgramCore } from '@/core/eligibility';
import { draftPeriodScores } from '@/core/eligibility/draft-impact';
import { checkRobustness, robustnessGroupOf } from '@/core/eligibility/robustness';
import { validateKpiSet, type KpiSetV1 } from '@/core/scoring';
import { scoreLight } from '@/core/scoring/period-scoring';
import { mulberry32 } from '@/core/scoring/sensitivity';

export const ROBUSTNESS_GOAL_SECONDS = 60;

export interface RobustnessFigure {
  stakeholders: number;
  indicators: number;
  draws: number;
  seconds: number;
  fragile: number;
}

function kpiSet(objectives: number, perObjective: number): KpiSetV1 {
  const checked = validateKpiSet({
    format: 'kpi-set/v1',
    code: 'bench',
    name: { en: 'Bench', 'zh-CN': '基准' },
    stakeholderType: 'market',
    grades: [
      { code: 'A', min: 80, label: { en: 'A', 'zh-CN': 'A' } },
      { code: 'B', min: 60, label: { en: 'B', 'zh-CN': 'B' } },
      { code: 'C', min: 40, label: { en: 'C', 'zh-CN': 'C' } },
      { code: 'D', min: 0, label: { en: 'D', 'zh-CN': 'D' } },
    ],
    objectives: Array.from({ length: objectives }, (_, o) => ({
      code: `o${o}`,
      name: { en: `O${o}`, 'zh-CN': `O${o}` },
      weight: 1 + (o % 3),
      indicators: Array.from({ length: perObjective }, (_, i) => ({
        code: `i${o}_${i}`,
        name: { en: `I${o}.${i}`, 'zh-CN': `I${o}.${i}` },
        unit: '',
        direction: i % 4 === 3 ? 'lower' : 'higher',
        weight: 1 + (i % 2),
        normalization: { method: 'goalposts', min: 0, max: 100 },
      })),
    })),
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.value;
}

/** The generated province: inputs as a stored run gives them, one KPI set. */
export function robustnessBenchInput(count: number) {
  const doc = kpiSet(6, 5);
  const r = mulberry32(17);
  const rows = Array.from({ length: count }, (_, i) => {
    const level = 30 + r() * 50;
    const values: Record<string, number | null> = {};
    for (const o of doc.objectives) for (const ind of o.indicators) values[ind.code] = r() < 0.02 ? null : Math.max(0, Math.min(100, level + (r() - 0.5) * 40));
    return { stakeholder: `S${String(i).padStart(6, '0')}`, values };
  });
  const county = (i: number) => `C${i % 40}`;
  const scored = scoreLight(doc, { rows });
  const scores = draftPeriodScores(scored, { meta: new Map(rows.map((row, i) => [row.stakeholder, { countyKey: county(i) }])) });
  const inputs: EligibilityInput[] = rows.map((row, i) => ({
    ...scores.get(row.stakeholder)!,
    stakeholder: row.stakeholder,
    type: 'market',
    county: county(i),
    grades: ['A', 'B', 'C', 'D'],
    redFlagLimits: {},
    history: [],
  }));
  const program: ProgramCore = {
    kind: 'subsidy',
    eligibleTypes: ['market'],
    rule: {
      op: 'all',
      rules: [
        { op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 50 } },
        { op: 'clause', clause: { kind: 'grade', atLeast: 'C' } },
        { op: 'any', rules: [{ op: 'clause', clause: { kind: 'percentile', scope: 'province', cmp: 'gte', value: 30 } }, { op: 'clause', clause: { kind: 'percentile', scope: 'county', cmp: 'gte', value: 50 } }] },
        { op: 'clause', clause: { kind: 'coupling', cmp: 'gte', value: 5 } },
        { op: 'clause', clause: { kind: 'objective', objective: 'o1', cmp: 'gte', value: 35 } },
      ],
    },
    benefit: { kind: 'tiered', tiers: [{ minComposite: 50, value: 10_000 }, { minComposite: 65, value: 30_000 }], cap: null, lastAward: 'partial' },
    budget: 40_000_000,
    allocation: 'rank',
  };
  return { program, inputs, groups: [robustnessGroupOf(scored.compiled, inputs)], indicators: 30 };
}

export async function runRobustnessBench(count = 10_000, draws = 1000): Promise<RobustnessFigure> {
  const { program, inputs, groups, indicators } = robustnessBenchInput(count);
  const started = performance.now();
  const result = checkRobustness(program, inputs, groups, { draws, spread: 0.2, seed: 1 });
  const seconds = (performance.now() - started) / 1000;
  return { stakeholders: count, indicators, draws, seconds, fragile: result.filter((x) => x.fragile).length };
}
