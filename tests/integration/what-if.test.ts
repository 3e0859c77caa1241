// The scorecard's what-if through the router on publishedWorld (factory.ts): the stakeholder's row
// re-scored with the engine (peers held fixed), each value checked against its indicator's valid
// range, the programs' rules evaluated on the new score with the percentile re-ranked among the
// run's other scores, and the scorecard's scope. 2026Q2 market: firm (60, 70) = 65 and firm2
// (80, 90) = 85 in 屏边, firmB (10, 90) = 50 in 金平; goalposts 0…100, valid range 0…100.
import { beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { scoreKpiSet } from '@/core/scoring';
import type { ProgramInputRaw } from '@/core/eligibility';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { publishedScoresOf } from '@/server/queries/scores';
import { indicatorsOf, PROGRAMS, publishedWorld } from './factory';
import { waitForJob } from './helpers';

let w: Awaited<ReturnType<typeof publishedWorld>>;
const mk = indicatorsOf('market');

/** Best in its county: a county percentile of 100 (and a composite of 70 or more). */
const COUNTY_BEST: ProgramInputRaw = {
  ...PROGRAMS[0]!,
  code: 'COUNTY-BEST',
  kind: 'commendation',
  benefit: { kind: 'title', title: { en: 'Best in county', 'zh-CN': '县域第一' } },
  budget: null,
  allocation: null,
  rule: {
    op: 'all',
    rules: [
      { op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 70 } },
      { op: 'clause', clause: { kind: 'percentile', scope: 'county', cmp: 'gte', value: 100 } },
    ],
  },
};

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code, fields: (e.cause as { fields?: Record<string, string[]> } | undefined)?.fields ?? null };
    throw e;
  }
  return { code: 'OK', fields: null };
}

beforeAll(async () => {
  w = await publishedWorld();
  for (const input of [PROGRAMS[0]!, COUNTY_BEST]) {
    const program = await w.program(input);
    await waitForJob(w.api, await w.api.eligibility.run({ programId: program.id, periodId: w.periodIds['2026Q2'] }));
  }
}, 60_000);

describe('what-if', () => {
  it('re-scores the row as the engine scores the whole run, and re-evaluates each program’s rule', async () => {
    const firm = w.caller(w.users.firm);
    const published = await firm.scorecards.whatIf({ values: {} });
    expect(published.composite).toBe(65);
    expect(published.grade?.code).toBe('C');
    expect(published.changed).toEqual([]);
    const byCode = (r: typeof published) => Object.fromEntries(r.programs.map((p) => [p.program.code, p]));
    expect(byCode(published)['TAX-FARMER-INCOME']).toMatchObject({ eligible: false, ruleBefore: 'fail', ruleAfter: 'fail' });
    expect(byCode(published)['COUNTY-BEST']).toMatchObject({ eligible: false, ruleBefore: 'fail', ruleAfter: 'fail' });

    // 80 and 80: composite 80 (B), the tax rule passes; firm2 (85) still leads the county.
    const better = await firm.scorecards.whatIf({ values: { [mk.income]: 80, [mk.growth]: 80 } });
    const score = publishedScoresOf(w.db, w.who.firm.id).at(-1)!;
    const doc = loadKpiSetVersion(w.db, score.versionId).document;
    const engine = scoreKpiSet(doc, [{ stakeholder: w.who.firm.code, values: { [mk.income]: 80, [mk.growth]: 80 } }]).results[0]!;
    expect(better.composite).toBe(engine.composite);
    expect(better.grade?.code).toBe('B');
    expect(better.changed.sort()).toEqual([mk.growth, mk.income].sort());
    expect(byCode(better)['TAX-FARMER-INCOME']!.ruleAfter).toBe('pass');
    expect(byCode(better)['COUNTY-BEST']!.ruleAfter).toBe('fail');

    // 90 and 90: ahead of firm2 in the county, so the county percentile rises to 100.
    const best = await firm.scorecards.whatIf({ values: { [mk.income]: 90, [mk.growth]: 90 } });
    expect(best.grade?.code).toBe('A');
    expect(byCode(best)['COUNTY-BEST']!.ruleAfter).toBe('pass');
  });

  it('checks each value against its indicator’s valid range, saying which and why', async () => {
    const firm = w.caller(w.users.firm);
    const refused = await failure(firm.scorecards.whatIf({ values: { [mk.income]: 120, [mk.growth]: -1, nope: 5 } }));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(Object.keys(refused.fields ?? {}).sort()).toEqual([`values.${mk.growth}`, `values.${mk.income}`, 'values.nope'].sort());
    expect(refused.fields![`values.${mk.income}`]![0]).toMatch(/^evaluations\.validation\.aboveMax::/);
    expect(refused.fields![`values.${mk.growth}`]![0]).toMatch(/^evaluations\.validation\.belowMin::/);
    expect(refused.fields!['values.nope']![0]).toBe('whatIf.errors.unknownIndicator');
    // Not a number at all: refused by the input schema.
    expect((await failure(firm.scorecards.whatIf({ values: { [mk.income]: Number.NaN } }))).code).toBe('BAD_REQUEST');
    // A missing value is allowed: scored as missing (the KPI set then has too few values).
    const missing = await firm.scorecards.whatIf({ values: { [mk.income]: null } });
    expect(missing.changed).toEqual([mk.income]);
  });

  it('keeps to the scorecard’s scope', async () => {
    expect((await failure(w.caller(w.users.firm).scorecards.whatIf({ stakeholderId: w.who.coop.id, values: {} }))).code).toBe('NOT_FOUND');
    expect((await failure(w.caller(w.users.assessorB).scorecards.whatIf({ stakeholderId: w.who.firm.id, values: {} }))).code).toBe('NOT_FOUND');
    const assessor = await w.caller(w.users.assessorA).scorecards.whatIf({ stakeholderId: w.who.firm.id, values: { [mk.income]: 80 } });
    expect(assessor.composite).toBe(75);
    expect((await failure(w.caller(w.users.firm).scorecards.whatIf({ values: {}, period: '2026Q3' }))).code).toBe('NOT_FOUND');
  });
});
