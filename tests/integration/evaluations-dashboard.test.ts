// The county dashboard, scoped to the caller, with warnings that link to evaluations. Its own
// small world: a market set with objectives poverty (goalposts 0…100) and env (violations, lower
// is better, 0…10, a red flag above 0); 2020Q1 and 2020Q2 published, 2020Q3 open and long past its
// end whatever the clock (so missing evaluations are flagged).
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFactory } from './factory';

let f: ReturnType<typeof makeFactory>;
let ids: { shA: number; shB: number; m2: number; m3: number; townA2: number; draftM2: number };

beforeAll(async () => {
  f = makeFactory();
  const { w } = f;
  const townA2 = f.township(w.countyA, '532523102', '新现镇');
  const m2 = await f.stakeholder('market', townA2.id, '新现咖啡有限公司');
  const m3 = await f.stakeholder('market', w.townA.id, '玉屏竹业有限公司');
  const q1 = await f.period(2020, 1);
  await f.kpiSet('market', [
    { code: 'poverty', indicators: [{ code: 'mk_poverty' }] },
    { code: 'env', indicators: [{ code: 'mk_env_violations', direction: 'lower', min: 0, max: 10, redFlagAbove: 0 }] },
  ], { effectiveFromPeriodId: q1.id });
  // Poverty scores: shA 80 → 65 (a drop of 15), m2 60 → 55 (below the floor of 60), shB 50 → 40.
  for (const [id, poverty] of [[w.shA.id, 80], [m2.id, 60], [w.shB.id, 50]] as const) await f.evaluate(id, { mk_poverty: poverty, mk_env_violations: 0 });
  await f.publish(q1.id);
  const q2 = await f.period(2020, 2);
  for (const [id, poverty] of [[w.shA.id, 65], [m2.id, 55], [w.shB.id, 40]] as const) await f.evaluate(id, { mk_poverty: poverty, mk_env_violations: 0 });
  await f.publish(q2.id);
  await f.period(2020, 3);
  // 2020Q3: shA approved (70, no violation → 85); m2 a draft with 2 violations; m3 and shB not started.
  await f.evaluate(w.shA.id, { mk_poverty: 70, mk_env_violations: 0 });
  const draftM2 = await f.evaluate(m2.id, { mk_poverty: 50, mk_env_violations: 2 }, 'draft');
  ids = { shA: w.shA.id, shB: w.shB.id, m2: m2.id, m3: m3.id, townA2: townA2.id, draftM2 };
}, 60_000);

const assessorOf = (countyId: number) => f.caller(f.user('assessor', { regionIds: [countyId] }));
const warningsOf = (ws: { kind: string; stakeholderId: number; evaluationId: number | null; details: Record<string, unknown> }[]) =>
  ws.map((x) => [x.kind, x.stakeholderId, x.evaluationId, x.details.status ?? x.details.value ?? x.details.now ?? null]);

describe('county dashboard', () => {
  it('shows only the assessor’s county, with distribution, heatmap, trends and linked warnings', async () => {
    const d = await assessorOf(f.w.countyA.id).countyDashboard.get();
    expect(d.period?.code).toBe('2020Q3');
    // The open period's provisional run: shA's approved evaluation only.
    expect(d.provisional).toBe(true);
    expect(d.distribution.map((x) => [x.type, x.n, x.min, x.median, x.max, x.bins])).toEqual([['market', 1, 85, 85, 85, [0, 0, 0, 0, 0, 0, 0, 0, 1, 0]]]);
    // Heatmap rows are 屏边's townships with scores: 玉屏镇 (shA).
    expect(d.heatmap.map((h) => [h.regionId, h.n, h.scores])).toEqual([[f.w.townA.id, 1, { poverty: 70, env: 100 }]]);
    expect(d.trends.map((t) => t.code)).toEqual(['2020Q1', '2020Q2', '2020Q3']);
    // A county's townships on demand: its own county's, and nothing outside the assessor's scope.
    const assessor = assessorOf(f.w.countyA.id);
    expect((await assessor.countyDashboard.townships({ periodId: d.period!.id, countyId: f.w.countyA.id })).map((h) => [h.regionId, h.n])).toEqual([[f.w.townA.id, 1]]);
    expect(await assessor.countyDashboard.townships({ periodId: d.period!.id, countyId: f.w.countyB.id })).toEqual([]);
    // m2's draft has a red flag and is missing, m3 is not started; shA's poverty rose (65 → 70).
    // Every warning but "not started" links to an evaluation.
    expect(warningsOf(d.warnings)).toEqual([
      ['red_flag', ids.m2, ids.draftM2, 2],
      ['missing', ids.m2, ids.draftM2, 'draft'],
      ['missing', ids.m3, null, 'not_started'],
    ]);
  });

  it('a past period uses its published run and the poverty drop against the one before', async () => {
    const q2 = (await f.api.periods.list()).find((p) => p.code === '2020Q2')!;
    const d = await assessorOf(f.w.countyA.id).countyDashboard.get({ periodId: q2.id });
    expect(d.provisional).toBe(false);
    // Scoped: shA and m2 of the run's three.
    expect(d.distribution.map((x) => [x.type, x.n])).toEqual([['market', 2]]);
    expect(warningsOf(d.warnings)).toEqual([
      ['poverty_drop', ids.shA, expect.any(Number), expect.closeTo(65, 9)],
      ['poverty_low', ids.m2, expect.any(Number), expect.closeTo(55, 9)],
    ]);
    expect(d.warnings[0]!.details).toMatchObject({ before: 80, period: '2020Q1' });
  });

  it('another county’s assessor sees none of 屏边', async () => {
    const d = await assessorOf(f.w.countyB.id).countyDashboard.get();
    expect(warningsOf(d.warnings)).toEqual([['missing', ids.shB, null, 'not_started']]);
    expect(d.distribution).toEqual([]);
  });
});
