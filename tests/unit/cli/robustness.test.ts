// `npm run cli -- eligibility … --robustness N --seed S [--spread X]`: the stabilities in the
// output, the same for the same seed, and the options checked as the app's form checks them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEligibilityCli } from '@/cli/eligibility';
import { runCli } from '@/cli/run';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'robustness-cli-unit-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const KPI_SET = 'tests/fixtures/scoring/market-2025.kpi-set.json';
const files = { program: path.join(dir, 'program.json'), scores: path.join(dir, 'scores.json') };

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runEligibilityCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  expect(await runCli(['score', '--kpi-set', KPI_SET, '--values', 'tests/fixtures/scoring/market-2025.values.csv', '--out', files.scores], { stdout: () => {}, stderr: () => {} })).toBe(0);
  const scores = JSON.parse(fs.readFileSync(files.scores, 'utf8')) as { results: { composite: number | null }[] };
  // The bar at the median composite: some decisions sit close to it.
  const composites = scores.results.flatMap((r) => (r.composite === null ? [] : [r.composite])).sort((a, b) => a - b);
  const bar = Math.round(composites[Math.floor(composites.length / 2)]! * 100) / 100;
  fs.writeFileSync(
    files.program,
    JSON.stringify({
      format: 'program/v1',
      code: 'SUB',
      kind: 'subsidy',
      nameEn: 'Subsidy',
      nameZh: '补贴',
      eligibleTypes: ['market'],
      rule: { op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: bar } },
      benefit: { kind: 'fixed', amount: 1000 },
    }),
  );
});

describe('eligibility --robustness', () => {
  const base = () => ['--program', files.program, '--scores', files.scores, '--kpi-set', KPI_SET];

  it('adds each decision’s stability, the same for the same seed', async () => {
    const a = await cli([...base(), '--robustness', '300', '--seed', '11', '--spread', '0.3']);
    expect(a.code).toBe(0);
    const out = JSON.parse(a.stdout) as { determinations: { stakeholder: string }[]; robustness: { draws: number; seed: number; spread: number; fragile: number; results: { stakeholder: string; stability: number; fragile: boolean }[] } };
    expect(out.robustness).toMatchObject({ draws: 300, seed: 11, spread: 0.3 });
    expect(out.robustness.results.map((r) => r.stakeholder)).toEqual(out.determinations.map((d) => d.stakeholder));
    expect(out.robustness.results.every((r) => r.stability >= 0 && r.stability <= 1 && r.fragile === r.stability < 0.9)).toBe(true);
    expect(out.robustness.fragile).toBe(out.robustness.results.filter((r) => r.fragile).length);
    expect(out.robustness.fragile).toBeGreaterThan(0);
    expect(a.stderr).toContain(`robustness: 300 draws, ±0.3, seed 11: ${out.robustness.fragile} of`);
    const b = await cli([...base(), '--robustness', '300', '--seed', '11', '--spread', '0.3']);
    expect(JSON.parse(b.stdout)).toEqual(out);
  });

  it('refuses options it cannot use, with the usage', async () => {
    const cases: [string[], RegExp][] = [
      [['--seed', '3'], /--seed and --spread go with --robustness N/],
      [['--robustness', '0'], /--robustness must be a whole number from 1 to 10000/],
      [['--robustness', '10', '--spread', '0.7'], /--spread must be a fraction above 0 and at most 0.5/],
      [['--robustness', '10', '--seed', '-1'], /--seed must be a whole number from 0 to 2147483647/],
    ];
    for (const [extra, message] of cases) {
      const r = await cli([...base(), ...extra]);
      expect(r.code, extra.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
    }
    const noKpiSet = await cli(['--program', files.program, '--scores', files.scores, '--robustness', '10']);
    expect(noKpiSet.code).toBe(1);
    expect(noKpiSet.stderr).toContain('--robustness needs --kpi-set FILE');
  });
});
