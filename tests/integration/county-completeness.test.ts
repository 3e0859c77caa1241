// The overview's completeness per county equals counting the stakeholders and evaluations
// themselves: active stakeholders, not started (active, no evaluation of the period) and each
// evaluation status, for the open period by default or the period asked for.
import { describe, expect, it } from 'vitest';
import { makeFactory } from './factory';

describe('completeness per county', () => {
  it('counts each county from the stored counts as a recount would, and follows the chosen period', async () => {
    const f = makeFactory();
    const q1 = await f.period(2026, 1);
    await f.kpiSet('market', [{ code: 'economy', indicators: [{ code: 'mk_income' }] }], { effectiveFromPeriodId: q1.id });
    const { townA, townB, countyA, countyB } = f.w;
    const more = [await f.stakeholder('market', townA.id), await f.stakeholder('market', townA.id), await f.stakeholder('market', countyA.id), await f.stakeholder('market', townB.id)];
    await f.evaluate(f.w.shA.id, { mk_income: 50 }, 'approved');
    await f.evaluate(more[0]!.id, { mk_income: 60 }, 'submitted');
    await f.evaluate(more[1]!.id, { mk_income: 60 }, 'returned');
    await f.evaluate(more[2]!.id, { mk_income: 60 }, 'draft');
    await f.evaluate(f.w.shB.id, { mk_income: 70 }, 'approved');
    // Inactive with an evaluation: the evaluation counts, the stakeholder is not "to do".
    await f.api.stakeholders.setActive({ id: f.w.shB.id, active: false });

    const recount = (countyPath: string, periodId: number) => {
      const one = (q: string, ...args: unknown[]) => f.db.$client.prepare(q).pluck().get(...args) as number;
      const inCounty = `s.region_id in (select id from regions where path like ? || '%')`;
      const active = one(`select count(*) from stakeholders s where s.active = 1 and ${inCounty}`, countyPath);
      const status = (st: string) => one(`select count(*) from evaluations e join stakeholders s on s.id = e.stakeholder_id where e.period_id = ? and e.status = ? and ${inCounty}`, periodId, st, countyPath);
      const activeEvaluated = one(`select count(*) from evaluations e join stakeholders s on s.id = e.stakeholder_id where e.period_id = ? and s.active = 1 and ${inCounty}`, periodId, countyPath);
      return { stakeholders: active, notStarted: active - activeEvaluated, draft: status('draft'), submitted: status('submitted'), returned: status('returned'), approved: status('approved') };
    };

    const o = await f.api.dashboard.admin();
    expect(o.completeness?.period).toMatchObject({ id: q1.id, code: '2026Q1', status: 'open' });
    const rows = o.completeness!.counties;
    expect(rows.map((r) => r.code)).toEqual([countyA.code, countyB.code]);
    expect(rows[0]).toMatchObject({ id: countyA.id, ...recount(countyA.path, q1.id) });
    expect(rows[1]).toMatchObject({ id: countyB.id, ...recount(countyB.path, q1.id) });
    // Worked out by hand, so the recount itself is checked too.
    expect(rows[0]).toMatchObject({ stakeholders: 4, notStarted: 0, draft: 1, submitted: 1, returned: 1, approved: 1 });
    expect(rows[1]).toMatchObject({ stakeholders: 1, notStarted: 1, approved: 1 });

    // Another period: nothing started yet in it.
    const q2 = await f.period(2026, 2);
    const later = await f.api.dashboard.admin({ periodId: q2.id });
    expect(later.completeness?.period.code).toBe('2026Q2');
    expect(later.completeness!.counties.map((r) => [r.stakeholders, r.notStarted, r.approved])).toEqual([[4, 4, 0], [1, 1, 0]]);
    await expect(f.api.dashboard.admin({ periodId: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is empty without periods', async () => {
    const f = makeFactory();
    expect((await f.api.dashboard.admin()).completeness).toBeNull();
  });
});
