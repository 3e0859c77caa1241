// A run carries of earlier periods only the score fields its "consecutive" clauses read; the
// decisions are those of the whole history.
import { describe, expect, it } from 'vitest';
import { historyFieldsNeeded, projectHistoryScore, runEligibility, type EligibilityInput, type PeriodScore, type ProgramCore, type Rule } from '@/core/eligibility';

const clause = (c: object): Rule => ({ op: 'clause', clause: c as never });
const score = (composite: number, objectives: Record<string, number>): PeriodScore => ({
  composite,
  grade: composite >= 80 ? 'A' : 'B',
  objectives,
  indicators: { inc: { raw: composite, normalized: composite } },
  percentile: 50,
  countyPercentile: 40,
  couplingClass: 7,
});

describe('historyFieldsNeeded', () => {
  it('names the fields of each consecutive clause, in a fixed order, and nothing for other clauses', () => {
    expect(historyFieldsNeeded(clause({ kind: 'composite', cmp: 'gte', value: 60 }))).toEqual([]);
    const rule: Rule = {
      op: 'all',
      rules: [
        clause({ kind: 'consecutive', periods: 3, clause: { kind: 'objective', objective: 'income', cmp: 'gte', value: 50 } }),
        { op: 'not', rule: clause({ kind: 'consecutive', periods: 2, clause: { kind: 'percentile', scope: 'county', cmp: 'lte', value: 10 } }) },
        clause({ kind: 'consecutive', periods: 2, clause: { kind: 'composite', cmp: 'gte', value: 55 } }),
        clause({ kind: 'consecutive', periods: 2, clause: { kind: 'noRedFlag' } }),
      ],
    };
    expect(historyFieldsNeeded(rule)).toEqual(['composite', 'objectives', 'indicators', 'countyPercentile']);
  });

  it('projects a score onto those fields, and keeps it whole without a list', () => {
    const s = score(70, { income: 60 });
    expect(projectHistoryScore(s, null)).toBe(s);
    expect(projectHistoryScore(s, ['composite'])).toEqual({ composite: 70, couplingClass: null, grade: null, indicators: {}, objectives: {}, percentile: null });
    expect(projectHistoryScore(s, ['objectives', 'countyPercentile'])).toEqual({ composite: null, countyPercentile: 40, couplingClass: null, grade: null, indicators: {}, objectives: { income: 60 }, percentile: null });
  });

  it('decides every stakeholder as the whole history does', () => {
    const rule: Rule = {
      op: 'all',
      rules: [
        clause({ kind: 'consecutive', periods: 3, clause: { kind: 'objective', objective: 'income', cmp: 'gte', value: 50 } }),
        clause({ kind: 'consecutive', periods: 2, clause: { kind: 'grade', atLeast: 'B' } }),
      ],
    };
    const program: ProgramCore = {
      kind: 'subsidy',
      eligibleTypes: ['rural'],
      rule,
      benefit: { kind: 'fixed', amount: 1000 },
      budget: null,
      allocation: 'rank',
    } as unknown as ProgramCore;
    const inputs: EligibilityInput[] = [40, 55, 70, 90].map((x, i) => ({
      ...score(x, { income: x }),
      stakeholder: `S${i}`,
      type: 'rural',
      grades: ['A', 'B', 'C'],
      history: [
        { period: '2026Q1', score: score(x - 5, { income: x - 10 }) },
        { period: '2025Q4', score: i === 2 ? null : score(x + 5, { income: x - 1 }) },
      ],
    }));
    const fields = historyFieldsNeeded(rule);
    const projected = inputs.map((input) => ({ ...input, history: input.history!.map((h) => ({ ...h, score: h.score && projectHistoryScore(h.score, fields) })) }));
    const decided = (xs: EligibilityInput[]) => runEligibility(program, xs).determinations.map((d) => [d.stakeholder, d.truth, d.reason]);
    expect(decided(projected)).toEqual(decided(inputs));
    expect(decided(inputs).map((d) => d[1])).toEqual(['fail', 'fail', 'fail', 'pass']);
  });
});
