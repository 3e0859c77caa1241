// The input hash is fed to the hasher an input at a time; it must stay the digest of the one
// canonical JSON text the format defines, with the pure hasher and node:crypto's alike.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eligibilityInputHash, programCore, runEligibility, type ProgramCore } from '@/core/eligibility';
import { canonicalJson, sha256Hex } from '@/core/scoring';
import { all, clause, input } from './helpers';

const program: ProgramCore = {
  kind: 'subsidy',
  eligibleTypes: ['market', 'rural'],
  rule: all(clause({ kind: 'composite', cmp: 'gte', value: 60 })),
  benefit: { kind: 'fixed', amount: 1000, cap: null, lastAward: 'partial' },
  budget: null,
  allocation: null,
} as ProgramCore;

const inputs = [
  input({ stakeholder: 'MK-0003', name: '三号', composite: 81 }),
  input({ stakeholder: 'MK-0001', name: '一号', composite: null, countyPercentile: undefined, history: [{ period: '2026Q1', score: null }] }),
  input({ stakeholder: 'RU-0002', type: 'rural', composite: 59.5, county: undefined, objectives: { poverty: null, income: 12.25 } }),
];

/** The definition: sha256 of canonicalJson({ program, inputs }) with inputs by code, names left out. */
function definition(p: ProgramCore): string {
  const deciding = [...inputs].sort((a, b) => (a.stakeholder < b.stakeholder ? -1 : 1)).map(({ name: _n, ...rest }) => rest);
  return `sha256:${sha256Hex(canonicalJson({ program: programCore(p), inputs: deciding }))}`;
}

const nodeHasher = (parts: Iterable<string>) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part, 'utf8');
  return hash.digest('hex');
};

describe('eligibility input hash', () => {
  it('is the digest of the one canonical text, with either hasher', () => {
    expect(eligibilityInputHash(program, inputs)).toBe(definition(program));
    expect(eligibilityInputHash(program, inputs, nodeHasher)).toBe(definition(program));
    expect(runEligibility(program, inputs, { hashHex: nodeHasher }).inputHash).toBe(definition(program));
  });

  it('hashes inputs field by field as canonicalJson writes them whole: shared values, extra fields, no JSON form', () => {
    const grades = ['A', 'B', 'C'];
    const redFlagLimits = { z_last: 1, a_first: 2 };
    const odd = [
      input({ stakeholder: 'MK-0009', grades, redFlagLimits, indicators: { b: { raw: 1, normalized: 2 }, a: { normalized: null, raw: 0.1 + 0.2 } } }),
      input({ stakeholder: 'MK-0008', grades, redFlagLimits, history: [{ period: '2026Q1', score: { composite: 1, grade: null, objectives: {}, indicators: {}, percentile: null, couplingClass: null } }] }),
      { ...input({ stakeholder: 'MK-0007', grades }), extra: { y: 1, x: [2, undefined] } } as never,
    ];
    const text = (xs: typeof odd) => canonicalJson({ inputs: [...xs].sort((a, b) => (a.stakeholder < b.stakeholder ? -1 : 1)).map(({ name: _n, ...rest }) => rest), program: programCore(program) });
    expect(eligibilityInputHash(program, odd, nodeHasher)).toBe(`sha256:${sha256Hex(text(odd))}`);
    const broken = [input({ composite: Number.NaN })];
    expect(() => eligibilityInputHash(program, broken)).toThrow(/composite/);
  });

  it('of no inputs too', () => {
    const none = `sha256:${sha256Hex(canonicalJson({ program: programCore(program), inputs: [] }))}`;
    expect(eligibilityInputHash(program, [], nodeHasher)).toBe(none);
  });
});
