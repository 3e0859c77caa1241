// Every list pages on the server: on a generated set of a few thousand stakeholders (inserted in
// bulk, not through the demo), page 1 and the last page hold what they should, totals equal a
// recount, the sort holds across pages, filters combine and out-of-scope rows never appear.
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, determinations, eligibilityRuns, evaluations, stakeholders } from '@/db/schema';
import { PAGE_SIZE_MAX } from '@/core/schemas/list-params';
import { STAKEHOLDER_TYPES, EVALUATION_STATUSES } from '@/core/domain/enums';
import { makeFactory, PROGRAMS, type Factory } from './factory';

const N = 3000;
const PAGE = 100;

type World = Awaited<ReturnType<typeof generate>>;

/** N stakeholders over four townships of two counties, evaluations for two thirds, a run over all, audit rows. */
async function generate() {
  const f: Factory = makeFactory();
  const { db, w } = f;
  const towns = [w.townA, f.township(w.countyA, '532523102', '新现镇'), w.townB, f.township(w.countyB, '532530102', '勐拉镇')];
  const period = await f.period(2026, 1);
  const { versionId } = await f.kpiSet('market', [{ code: 'income', indicators: [{ code: 'mk_income' }] }], { effectiveFromPeriodId: period.id });
  const program = await f.program(PROGRAMS[0]!);
  const countyOf = (i: number) => (i % 4 < 2 ? '532523' : '532530');

  db.transaction((tx) => {
    const rows = Array.from({ length: N }, (_, i) => ({
      code: `GN-${String(i + 1).padStart(5, '0')}`,
      // Names out of code order, so sorting by name is a different order.
      name: `主体${String((i * 7919) % N).padStart(5, '0')}${i % 3 === 0 ? '合作社' : '公司'}`,
      type: STAKEHOLDER_TYPES[i % 3]!,
      regionId: towns[i % 4]!.id,
      active: i % 10 !== 9,
    }));
    for (let i = 0; i < rows.length; i += 500) tx.insert(stakeholders).values(rows.slice(i, i + 500)).run();
  });
  const generated = db.select().from(stakeholders).all().filter((s) => s.code.startsWith('GN-'));
  db.transaction((tx) => {
    const evals = generated
      .filter((_, i) => i % 3 !== 2)
      .map((s, i) => ({ stakeholderId: s.id, periodId: period.id, kpiSetVersionId: versionId, status: EVALUATION_STATUSES[i % 4]!, updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000) }));
    for (let i = 0; i < evals.length; i += 500) tx.insert(evaluations).values(evals.slice(i, i + 500)).run();
    const run = tx
      .insert(eligibilityRuns)
      .values({ programId: program.id, periodId: period.id, programSnapshot: { ...program, code: program.code, scoreRunIds: [] } as never, inputHash: 'generated', createdBy: f.admin.id })
      .returning()
      .get();
    const dets = generated.map((s, i) => {
      const eligible = i % 5 === 0;
      const facts = { truth: i % 5 < 2 ? 'pass' : 'fail', reason: 'generated', type: s.type, county: countyOf(i), composite: (i * 37) % 100, demand: i % 5 < 2 ? 1000 : null };
      return {
        runId: run.id,
        stakeholderId: s.id,
        eligible,
        amount: eligible ? 1000 + (i % 7) * 100 : null,
        rate: null,
        title: null,
        explanation: { ...facts, capped: false, budgetCut: false, rule: { op: 'all', rules: [] } } as never,
        gap: null,
        ...facts,
      };
    });
    for (let i = 0; i < dets.length; i += 500) tx.insert(determinations).values(dets.slice(i, i + 500)).run();
    const audit = Array.from({ length: 1234 }, (_, i) => ({ actorId: f.admin.id, action: i % 2 ? 'stakeholder.update' : 'evaluation.save', entity: i % 2 ? 'stakeholder' : 'evaluation', entityId: String(i), at: new Date(Date.UTC(2026, 0, 1) + i * 1000) }));
    for (let i = 0; i < audit.length; i += 500) tx.insert(auditLog).values(audit.slice(i, i + 500)).run();
  });
  const runId = db.select({ id: eligibilityRuns.id }).from(eligibilityRuns).get()!.id;
  const assessor = f.user('assessor', { regionIds: [w.countyA.id], username: 'assessor-a' });
  return { ...f, towns, period, runId, generated, assessorApi: f.caller(assessor) };
}

/** Every page of a list, in order. */
async function allPages<T>(fetch: (page: number) => Promise<{ items: T[]; total: number; pageCount: number }>) {
  const first = await fetch(1);
  const items = [...first.items];
  for (let p = 2; p <= first.pageCount; p++) items.push(...(await fetch(p)).items);
  return { items, total: first.total, pageCount: first.pageCount };
}

function expectPageSizes(total: number, pageCount: number, first: number, last: number) {
  expect(pageCount).toBe(Math.max(1, Math.ceil(total / PAGE)));
  expect(first).toBe(Math.min(PAGE, total));
  expect(last).toBe(total - (pageCount - 1) * PAGE);
}

describe('lists page on the server', () => {
  let g: World;
  beforeAll(async () => {
    g = await generate();
  }, 60_000);

  it('refuses pages larger than the maximum', async () => {
    await expect(g.api.stakeholders.list({ pageSize: PAGE_SIZE_MAX + 1 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('stakeholders: sizes, total = recount, sort across pages, combined filters, scope', async () => {
    const active = g.generated.filter((s) => s.active).length + 2; // and smallWorld's two
    const p1 = await g.api.stakeholders.list({ pageSize: PAGE });
    const last = await g.api.stakeholders.list({ pageSize: PAGE, page: p1.pageCount });
    expect(p1.total).toBe(active);
    expectPageSizes(p1.total, p1.pageCount, p1.items.length, last.items.length);

    const byName = await allPages((page) => g.api.stakeholders.list({ pageSize: PAGE, page, sort: 'name', dir: 'desc', includeInactive: true }));
    expect(byName.items).toHaveLength(N + 2);
    const names = byName.items.map((s) => s.name);
    expect(names).toEqual([...names].sort().reverse());
    expect(new Set(byName.items.map((s) => s.id)).size).toBe(N + 2);

    const town = g.towns[1]!;
    const filtered = await allPages((page) => g.assessorApi.stakeholders.list({ pageSize: PAGE, page, type: 'rural', regionId: town.id, search: '合作社' }));
    const expected = g.generated.filter((s) => s.active && s.type === 'rural' && s.regionId === town.id && s.name.includes('合作社'));
    expect(filtered.total).toBe(expected.length);
    expect(filtered.items.map((s) => s.id).sort()).toEqual(expected.map((s) => s.id).sort());

    // An assessor of 屏边 never sees 金平's stakeholders, on any page or with any filter.
    const mine = await allPages((page) => g.assessorApi.stakeholders.list({ pageSize: PAGE, page, includeInactive: true }));
    const outside = new Set([g.w.townB.id, g.towns[3]!.id]);
    expect(mine.items.some((s) => outside.has(s.regionId))).toBe(false);
    expect(mine.total).toBe(g.generated.filter((s) => !outside.has(s.regionId)).length + 1);
    expect((await g.assessorApi.stakeholders.list({ regionId: g.w.townB.id })).total).toBe(0);
  });

  it('work list: sizes, totals and progress equal a recount, status order holds, filters combine, scope', async () => {
    const p1 = await g.assessorApi.evaluations.workList({ periodId: g.period.id, pageSize: PAGE });
    const last = await g.assessorApi.evaluations.workList({ periodId: g.period.id, pageSize: PAGE, page: p1.pageCount });
    const rows = g.db.select().from(evaluations).all();
    const evaluated = new Map(rows.map((e) => [e.stakeholderId, e.status]));
    const inCountyA = g.generated.filter((s) => s.regionId === g.towns[0]!.id || s.regionId === g.towns[1]!.id);
    const visible = inCountyA.filter((s) => s.active || evaluated.has(s.id));
    expect(p1.total).toBe(visible.length + 1); // and smallWorld's 屏边 stakeholder, not started
    expectPageSizes(p1.total, p1.pageCount, p1.items.length, last.items.length);
    // Progress per county and township add up to the list.
    expect(p1.counties.map((c) => [c.code, c.total])).toEqual([['532523', p1.total]]);
    expect(p1.townships.reduce((a, t) => a + t.total, 0)).toBe(p1.total);
    expect(p1.counties[0]!.counts.approved).toBe(visible.filter((s) => evaluated.get(s.id) === 'approved').length);

    const byStatus = await allPages((page) => g.assessorApi.evaluations.workList({ periodId: g.period.id, pageSize: PAGE, page, sort: 'status', dir: 'desc' }));
    const statuses = byStatus.items.map((i) => i.status);
    expect(statuses).toEqual([...statuses].sort().reverse());
    // Read as runs of statuses: every row once, codes in the same direction within a status.
    const keys = byStatus.items.map((i) => `${i.status} ${i.code}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(byStatus.items.length).toBe(p1.total);
    expect(byStatus.items.some((i) => i.countyId !== g.w.countyA.id)).toBe(false);

    const submittedRural = await allPages((page) => g.assessorApi.evaluations.workList({ periodId: g.period.id, pageSize: PAGE, page, status: 'submitted', type: 'rural', regionId: g.towns[0]!.id }));
    const expected = visible.filter((s) => evaluated.get(s.id) === 'submitted' && s.type === 'rural' && s.regionId === g.towns[0]!.id);
    expect(submittedRural.items.map((i) => i.stakeholderId).sort()).toEqual(expected.map((s) => s.id).sort());
    const notStarted = await g.assessorApi.evaluations.workList({ periodId: g.period.id, status: 'not_started', pageSize: PAGE });
    expect(notStarted.total).toBe(visible.filter((s) => !evaluated.has(s.id)).length + 1);
    // Asking for the other county's township yields nothing, not its rows.
    expect((await g.assessorApi.evaluations.workList({ periodId: g.period.id, regionId: g.w.townB.id })).total).toBe(0);
  });

  it('determinations and beneficiaries: sizes, totals equal a recount, composite order, filters combine', async () => {
    const stored = g.db.select().from(determinations).all();
    const run = await g.api.eligibility.get({ runId: g.runId });
    expect(run.totals).toMatchObject({
      candidates: N,
      passed: stored.filter((d) => d.explanation.truth === 'pass').length,
      awarded: stored.filter((d) => d.eligible).length,
      allocated: stored.reduce((a, d) => a + (d.eligible ? d.amount! : 0), 0),
    });
    expect(run.totals.byCounty.map((c) => [c.key, c.candidates])).toEqual([
      ['532523', stored.filter((d) => d.explanation.county === '532523').length],
      ['532530', stored.filter((d) => d.explanation.county === '532530').length],
    ]);

    const p1 = await g.api.eligibility.determinations({ runId: g.runId, pageSize: PAGE });
    const last = await g.api.eligibility.determinations({ runId: g.runId, pageSize: PAGE, page: p1.pageCount });
    expectPageSizes(p1.total, p1.pageCount, p1.items.length, last.items.length);

    const byComposite = await allPages((page) => g.api.eligibility.determinations({ runId: g.runId, pageSize: PAGE, page, sort: 'composite', countyCode: '532530', outcome: 'notAwarded' }));
    const expected = stored.filter((d) => d.explanation.county === '532530' && !d.eligible);
    expect(byComposite.total).toBe(expected.length);
    const composites = byComposite.items.map((d) => d.composite!);
    expect(composites).toEqual([...composites].sort((a, b) => a - b));

    // An override moves a determination between outcomes, in the list and in the totals.
    const target = byComposite.items[0]!;
    // It takes effect once a second administrator approves it.
    const proposed = await g.api.eligibility.override({ determinationId: target.id, eligible: true, amount: 500, reason: 'Checked on site by the county office.', confirmOverBudget: true });
    await g.caller(g.user('admin')).eligibility.approveOverride({ overrideId: proposed.id, confirmOverBudget: true });
    const awarded = await g.api.eligibility.beneficiaries({ runId: g.runId, pageSize: PAGE });
    expect(awarded.total).toBe(stored.filter((d) => d.eligible).length + 1);
    expect((await g.api.eligibility.determinations({ runId: g.runId, outcome: 'overridden' })).items.map((d) => d.id)).toEqual([target.id]);
    expect((await g.api.eligibility.get({ runId: g.runId })).totals).toMatchObject({ awarded: awarded.total, overridden: 1 });
  });

  it('audit log: newest first across pages by key, forward and back, filters combine, total equals a recount', async () => {
    const all = g.db.select().from(auditLog).all();
    type AuditFilter = Omit<Parameters<typeof g.api.audit.list>[0] & object, 'before' | 'after'>;
    /** Every page from the newest by "older", then back from the oldest by "newer". */
    async function walk(filter: AuditFilter) {
      const forward = [await g.api.audit.list({ pageSize: PAGE, ...filter })];
      while (forward.at(-1)!.olderThan !== null) forward.push(await g.api.audit.list({ pageSize: PAGE, ...filter, before: forward.at(-1)!.olderThan! }));
      const back = [forward.at(-1)!];
      while (back.at(-1)!.newerThan !== null) back.push(await g.api.audit.list({ pageSize: PAGE, ...filter, after: back.at(-1)!.newerThan! }));
      return { forward, back: back.reverse() };
    }
    const everything = await walk({});
    const ids = everything.forward.flatMap((p) => p.items.map((a) => a.id));
    expect(everything.forward[0]!.total).toBe(all.length);
    expect(ids).toEqual(all.map((a) => a.id).sort((a, b) => b - a)); // every row once, newest first
    expect(everything.back.flatMap((p) => p.items.map((a) => a.id))).toEqual(ids);
    expect(everything.forward.map((p) => p.items.length)).toEqual(everything.back.map((p) => p.items.length));
    expect(everything.forward.slice(0, -1).every((p) => p.items.length === PAGE)).toBe(true);
    // Each page starts where the ones before it end, numbered from the newest.
    expect(everything.forward.map((p) => p.offset)).toEqual(everything.forward.map((_, i) => i * PAGE));

    const filter = { entity: 'stakeholder', action: 'stakeholder.update', actor: 'admin' };
    const filtered = await walk(filter);
    const expected = all.filter((a) => a.entity === 'stakeholder' && a.action === 'stakeholder.update').map((a) => a.id).sort((a, b) => b - a);
    expect(filtered.forward[0]!.total).toBe(expected.length);
    expect(filtered.forward.flatMap((p) => p.items.map((a) => a.id))).toEqual(expected);
    expect(filtered.back.flatMap((p) => p.items.map((a) => a.id))).toEqual(expected);
    expect(filtered.forward.map((p) => p.offset)).toEqual(filtered.forward.map((_, i) => i * PAGE));
    const byEntityId = await g.api.audit.list({ entityId: '7', entity: 'stakeholder' });
    expect(byEntityId.items.map((a) => a.id)).toEqual(all.filter((a) => a.entity === 'stakeholder' && a.entityId === '7').map((a) => a.id));
    expect(byEntityId.total).toBe(byEntityId.items.length);
    expect(everything.forward[0]!.actions).toContain('stakeholder.update');
    expect((await g.api.audit.list({ actor: 'nobody-like-this' })).total).toBe(0);
    // A link past the oldest entry (stale or edited) opens the newest page.
    expect((await g.api.audit.list({ pageSize: PAGE, before: 1 })).items.map((a) => a.id)).toEqual(ids.slice(0, PAGE));
  });
});
