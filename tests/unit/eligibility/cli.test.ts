// The offline command: usage and input errors, undecided clauses offline, and the same result as
// calling the engine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEligibilityCli } from '@/cli/eligibility';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eligibility-cli-unit-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runEligibilityCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const program = {
  format: 'program/v1',
  code: 'SUB',
  kind: 'subsidy',
  nameEn: 'Subsidy',
  nameZh: '补贴',
  eligibleTypes: ['rural'],
  rule: {
    op: 'all',
    rules: [
      { op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 60 } },
      { op: 'clause', clause: { kind: 'noRedFlag' } },
    ],
  },
  benefit: { kind: 'fixed', amount: 1000 },
  budget: 1500,
  allocation: 'rank',
};
const result = (stakeholder: string, composite: number | null, raw = 0) => ({
  stakeholder,
  composite,
  grade: 'B',
  rank: 1,
  percentile: 50,
  completeness: 1,
  objectives: { a: composite },
  indicators: { flag: { raw, normalized: 50, weight: 1, effectiveWeight: 1, contribution: 1 } },
  coupling: null,
  warnings: [],
});

describe('eligibility CLI', () => {
  it('runs a program on a scores/v1 file with red-flag limits added', async () => {
    const p = write('program.json', program);
    const s = write('scores.json', { format: 'scores/v1', methodHash: 'x', redFlagLimits: { flag: 0 }, results: [result('R1', 80), result('R2', 70), result('R3', 90, 2), result('R4', 50)] });
    const { code, stdout, stderr } = await cli(['--program', p, '--scores', s]);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.format).toBe('eligibility/v1');
    expect(out.determinations.map((d: { stakeholder: string; reason: string; amount: number | null }) => [d.stakeholder, d.reason, d.amount])).toEqual([
      ['R1', 'awarded', 1000],
      ['R2', 'awarded', 500],
      ['R3', 'rule_failed', null],
      ['R4', 'rule_failed', null],
    ]);
    expect(stderr).toContain('SUB: 4 candidates, 2 pass the rule, 2 awarded; allocated 1500 of 1500');
  });

  it('reports clauses it cannot check offline as undecided, never as passed', async () => {
    const p = write('program.json', program);
    const s = write('plain.json', { format: 'scores/v1', methodHash: 'x', results: [result('R1', 80)] });
    const { code, stdout, stderr } = await cli(['--program', p, '--scores', s]);
    expect(code).toBe(0);
    const d = JSON.parse(stdout).determinations[0];
    expect(d).toMatchObject({ eligible: false, reason: 'not_available', truth: 'unknown' });
    expect(d.explanation.rules[1].explanation.note).toBe('not_available');
    expect(stderr).toContain('1 undecided');
  });

  it('says what is wrong: usage (1) and invalid input with the JSON path (2)', async () => {
    expect((await cli(['--program', write('p.json', program)])).code).toBe(1);
    const bad = await cli(['--program', write('bad.json', { ...program, benefit: { kind: 'rate', rate: 2 } }), '--scores', write('s.json', { format: 'scores/v1', results: [] })]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json: benefit.kind: This benefit does not fit the program kind.');
    const noType = await cli(['--program', write('two.json', { ...program, eligibleTypes: ['rural', 'market'] }), '--scores', write('s2.json', { format: 'scores/v1', results: [result('R1', 80)] })]);
    expect(noType.code).toBe(2);
    expect(noType.stderr).toContain('has no "type"; pass --type');
  });
});
