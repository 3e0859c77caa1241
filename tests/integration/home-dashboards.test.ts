// The home-page figures per role: the administrator's overview of everything, the assessor's of
// their own regions and the open period's progress there.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFactory, type SessionUser } from './factory';

let f: ReturnType<typeof makeFactory>;
let assessor: SessionUser;

beforeAll(async () => {
  f = makeFactory();
  const q1 = await f.period(2026, 1);
  await f.kpiSet('market', [{ code: 'economy', indicators: [{ code: 'mk_income' }] }], { effectiveFromPeriodId: q1.id });
  await f.evaluate(f.w.shA.id, { mk_income: 50 }, 'submitted');
  await f.evaluate(f.w.shB.id, { mk_income: 70 }, 'approved');
  assessor = f.user('assessor', { regionIds: [f.w.countyA.id] });
});

const byKey = <T extends Record<string, unknown>>(key: keyof T) => (a: T, b: T) => String(a[key]).localeCompare(String(b[key]));

describe('home dashboards', () => {
  it('the administrator sees every region, stakeholder, KPI set, period and user', async () => {
    const o = await f.api.dashboard.admin();
    expect([...o.regionsByLevel].sort(byKey('level'))).toEqual([
      { level: 'county', n: 2 },
      { level: 'prefecture', n: 1 },
      { level: 'province', n: 1 },
      { level: 'township', n: 2 },
    ]);
    expect(o.stakeholdersByType).toEqual([{ type: 'market', n: 2 }]);
    expect(o.kpiSets).toMatchObject([{ code: 'market', type: 'market', versions: 1, published: 1 }]);
    expect(o.periods).toMatchObject([{ code: '2026Q1', status: 'open', evaluations: 2, approved: 1 }]);
    expect([...o.usersByRole].sort(byKey('role'))).toEqual([
      { role: 'admin', n: 2, disabled: 0 },
      { role: 'assessor', n: 1, disabled: 0 },
    ]);
  });

  it('an assessor sees only their county: its stakeholders, townships and progress in the open period', async () => {
    const o = await f.caller(assessor).dashboard.assessor();
    expect(o.byType).toEqual([{ type: 'market', n: 1 }]);
    expect(o.regions).toMatchObject([{ id: f.w.countyA.id, code: '532523', level: 'county' }]);
    expect(o.townships).toBe(1);
    expect(o.openPeriod?.code).toBe('2026Q1');
    expect(o.progress).toEqual([{ status: 'submitted', n: 1 }]);
  });
});
