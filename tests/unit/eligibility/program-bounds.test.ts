// Program definitions refuse absurd values, each at its own field: thresholds off the scale of what
// they compare, amounts that are not finite, not positive or beyond MAX_AMOUNT, a budget of 0,
// bands beyond the scale or out of order.
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT, programInputSchema, programSchemaFor, type ProgramInputRaw } from '@/core/eligibility';

const valid: ProgramInputRaw = {
  code: 'SUB-1',
  kind: 'subsidy',
  nameEn: 'Subsidy',
  nameZh: '补贴',
  eligibleTypes: ['market'],
  rule: { op: 'all', rules: [{ op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 60 } }] },
  benefit: { kind: 'tiered', tiers: [{ minComposite: 60, value: 10000 }, { minComposite: 80, value: 30000 }], cap: 50000 },
  budget: 1_000_000,
  allocation: 'rank',
  status: 'active',
};

const on100 = programSchemaFor(100);

/** The problems of a program on a 100-point scale, as "path message-key". */
function problems(p: unknown, schema = on100): string[] {
  const r = schema.safeParse(p);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')} ${i.message.split('::')[0]}`);
}

const withClause = (clause: object): ProgramInputRaw => ({ ...valid, rule: { op: 'all', rules: [{ op: 'clause', clause } as never] } });
const withTiers = (tiers: { minComposite: unknown; value: unknown }[]): ProgramInputRaw => ({ ...valid, benefit: { kind: 'tiered', tiers, cap: null } as never });

describe('program bounds', () => {
  it('accepts a sane program, active', () => {
    expect(problems(valid)).toEqual([]);
  });

  it('refuses a composite threshold of −10 and one above the scale', () => {
    expect(problems(withClause({ kind: 'composite', cmp: 'gte', value: -10 }))).toEqual(['rule.rules.0.clause.value validation.incentives.range']);
    expect(problems(withClause({ kind: 'composite', cmp: 'gte', value: 100.5 }))).toEqual(['rule.rules.0.clause.value validation.incentives.range']);
    // Without a known scale, below 0 is still refused.
    expect(problems(withClause({ kind: 'composite', cmp: 'gte', value: -10 }), programInputSchema)).toEqual(['rule.rules.0.clause.value validation.incentives.nonNegative']);
  });

  it('refuses an objective threshold of 1,000,000,000, also inside "not" and "consecutive"', () => {
    const clause = { kind: 'objective', objective: 'income', cmp: 'gte', value: 1e9 };
    expect(problems(withClause(clause))).toEqual(['rule.rules.0.clause.value validation.incentives.range']);
    const nested = { ...valid, rule: { op: 'not', rule: { op: 'clause', clause: { kind: 'consecutive', periods: 2, clause } } } };
    expect(problems(nested)).toEqual(['rule.rule.clause.clause.value validation.incentives.range']);
  });

  it('keeps the coupling class within 1…10', () => {
    expect(problems(withClause({ kind: 'coupling', cmp: 'gte', value: 11 }))).toEqual(['rule.rules.0.clause.value validation.incentives.range']);
    expect(problems(withClause({ kind: 'coupling', cmp: 'gte', value: 0 }))).toEqual(['rule.rules.0.clause.value validation.incentives.range']);
  });

  it('refuses a band starting at 150 on a 100-point scale, and bands out of order', () => {
    expect(problems(withTiers([{ minComposite: 60, value: 1000 }, { minComposite: 150, value: 2000 }]))).toEqual(['benefit.tiers.1.minComposite validation.incentives.range']);
    expect(problems(withTiers([{ minComposite: 80, value: 1000 }, { minComposite: 60, value: 2000 }]))).toEqual(['benefit.tiers.1.minComposite validation.incentives.benefit.tierOrder']);
  });

  it('refuses a band amount of 1e20, of 0, of Infinity and of "abc" at the band amount field', () => {
    const at = ['benefit.tiers.0.value'];
    expect(problems(withTiers([{ minComposite: 60, value: 1e20 }]))).toEqual([`${at} validation.incentives.tooLarge`]);
    expect(problems(withTiers([{ minComposite: 60, value: 0 }]))).toEqual([`${at} validation.incentives.positive`]);
    expect(problems(withTiers([{ minComposite: 60, value: Infinity }]))[0]).toMatch(/^benefit\.tiers\.0\.value validation\.incentives\.number/);
    // The form turns "abc" into NaN; the message is the number one, at the field, not "invalid input" at `benefit`.
    expect(problems(withTiers([{ minComposite: 60, value: Number('abc') }]))).toEqual([`${at} validation.incentives.number`]);
    expect(problems(withTiers([{ minComposite: 60, value: MAX_AMOUNT }]))).toEqual([]);
  });

  it('refuses a budget of 0 and one beyond the bound, a fixed amount of 0 and a cap of 1e15', () => {
    expect(problems({ ...valid, budget: 0 })).toEqual(['budget validation.incentives.positive']);
    expect(problems({ ...valid, budget: 1e15 })).toEqual(['budget validation.incentives.tooLarge']);
    expect(problems({ ...valid, benefit: { kind: 'fixed', amount: 0 } })).toEqual(['benefit.amount validation.incentives.positive']);
    expect(problems({ ...valid, benefit: { kind: 'fixed', amount: 1000, cap: 1e15 } })).toEqual(['benefit.cap validation.incentives.tooLarge']);
  });

  it('keeps a linear benefit on the scale with amounts in order', () => {
    const linear = (b: object) => ({ ...valid, benefit: { kind: 'linear', minScore: 60, maxScore: 100, minAmount: 0, maxAmount: 5000, ...b } });
    expect(problems(linear({}))).toEqual([]);
    expect(problems(linear({ maxScore: 120 }))).toEqual(['benefit.maxScore validation.incentives.range']);
    expect(problems(linear({ minAmount: 6000 }))).toEqual(['benefit.maxAmount validation.incentives.benefit.amountOrder']);
  });

  it('reads the scale it is given: 150 is fine on a 1,000-point scale', () => {
    expect(problems(withClause({ kind: 'composite', cmp: 'gte', value: 150 }), programSchemaFor(1000))).toEqual([]);
  });
});

describe('every problem at once', () => {
  it('reports the values off the scale while other fields are invalid too', () => {
    const all = {
      ...valid,
      rule: { op: 'all', rules: [{ op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: -10 } }] },
      benefit: { kind: 'tiered', tiers: [{ minComposite: 150, value: Number('abc') }] },
      budget: 0,
    };
    expect(problems(all).sort()).toEqual([
      'benefit.tiers.0.minComposite validation.incentives.range',
      'benefit.tiers.0.value validation.incentives.number',
      'budget validation.incentives.positive',
      'rule.rules.0.clause.value validation.incentives.range',
    ]);
  });
});
