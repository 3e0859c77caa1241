// An eligibility run lists every active stakeholder of the program's types that has no published
// score in the period — excluded from it, or never evaluated — as "not scored", with the cause.
// They are not candidates: totals, the budget and the input hash are those of the scored ones.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProgramInputRaw } from '@/core/eligibility';
import { indicatorsOf, publishedWorld, type SessionUser } from './factory';
import { waitForJob } from './helpers';

let w: Awaited<ReturnType<typeof publishedWorld>>;
let admin: SessionUser;

const program = (code: string, extra: Partial<ProgramInputRaw> = {}): ProgramInputRaw => ({
  code,
  kind: 'tax_break',
  nameEn: 'Farmer-income tax break',
  nameZh: '联农带农税收减免',
  eligibleTypes: ['market'],
  rule: { op: 'all', rules: [{ op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 60 } }] },
  benefit: { kind: 'rate', rate: 2, base: { indicator: indicatorsOf('market').income, scale: 10000 } },
  budget: 500000,
  allocation: 'rank',
  status: 'active',
  ...extra,
});

beforeAll(async () => {
  w = await publishedWorld();
  admin = w.user('admin');
  // 2026Q3: firm approved; firm2 (submitted) and coop (draft) excluded when publishing; firmB
  // never evaluated; a market entity registered since, never evaluated either.
  await w.stakeholder('market', w.townA2.id, '新现农产品电商有限公司');
  await w.publish(w.periodIds['2026Q3'], { evaluationIds: [w.q3.firm2, w.q3.coop], reason: '企业停产整顿，本期不参评' });
}, 90_000);

describe('not-scored determinations', () => {
  it('lists the excluded and the never evaluated with their cause, apart from the candidates', async () => {
    const api = w.caller(admin);
    const p = await api.incentives.create(program('NS-1'));
    const { runId, totals } = await waitForJob(api, await api.eligibility.run({ programId: p.id, periodId: w.periodIds['2026Q3'] }));
    expect(totals).toMatchObject({ candidates: 1, notScored: 3 });

    const run = await api.eligibility.get({ runId });
    expect(run.totals.candidates).toBe(1);
    expect(run.totals.notScored).toBe(3);

    const unscored = (await api.eligibility.determinations({ runId, outcome: 'notScored' })).items;
    const causes = Object.fromEntries(unscored.map((d) => [d.stakeholder, d.notScored]));
    expect(causes).toEqual({
      [w.who.firm2.code]: { cause: 'excluded', note: '企业停产整顿，本期不参评' },
      [w.who.firmB.code]: { cause: 'not_evaluated', note: null },
      'MK-0004': { cause: 'not_evaluated', note: null },
    });
    for (const d of unscored) {
      expect(d).toMatchObject({ reason: 'not_scored', truth: 'unknown', eligible: false, amount: null, composite: null });
      // The rule's clauses are shown, every one undecided, with their thresholds.
      expect(d.explanation).toMatchObject({ op: 'all', truth: 'unknown', rules: [{ truth: 'unknown', explanation: { actual: null, threshold: 60 } }] });
    }
    // The rule-failed filter no longer sweeps them in; every row appears once.
    expect((await api.eligibility.determinations({ runId, outcome: 'ruleFailed' })).items).toHaveLength(0);
    expect((await api.eligibility.determinations({ runId })).total).toBe(4);

    // Recomputing finds the same four, with the same hash.
    expect(await api.eligibility.recompute({ runId })).toMatchObject({ sameHash: true, differenceCount: 0 });
  });

  it('does not list a stakeholder of another type, nor change the hash of the scored inputs', async () => {
    const api = w.caller(admin);
    const a = await api.incentives.create(program('NS-2'));
    const b = await api.incentives.create(program('NS-3', { eligibleTypes: ['market', 'rural'] }));
    const q3 = w.periodIds['2026Q3'];
    const onlyMarket = await waitForJob(api, await api.eligibility.run({ programId: a.id, periodId: q3 }));
    const both = await waitForJob(api, await api.eligibility.run({ programId: b.id, periodId: q3 }));
    // Rural: coop excluded, coopB never evaluated in 2026Q3.
    expect(onlyMarket.totals.notScored).toBe(3);
    expect(both.totals.notScored).toBe(5);
    const rural = (await api.eligibility.determinations({ runId: both.runId, outcome: 'notScored' })).items.filter((d) => d.type === 'rural');
    expect(rural.map((d) => [d.stakeholder, d.notScored?.cause]).sort()).toEqual([
      [w.who.coop.code, 'excluded'],
      [w.who.coopB.code, 'not_evaluated'],
    ].sort());
  });
});
