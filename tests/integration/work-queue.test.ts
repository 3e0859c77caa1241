// The work list's own views (to enter, returned to me, waiting for my review, mine awaiting
// review), their counts, the period's due date and the bulk submit of complete drafts, with two
// assessors of one county reviewing each other and one of another county.
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { workList } from '@/server/services/evaluations/work-list';
import { workListSchema } from '@/core/schemas/lists';
import { WORK_VIEWS, dueState, type WorkView } from '@/core/domain/work-views';
import { makeFactory, type Factory, type SessionUser } from './factory';

const EVIDENCE = 'https://evidence.example.cn/mk_income.pdf';
const complete = { mk_income: { value: 60, evidenceUrl: EVIDENCE }, mk_growth: { value: 50 } };
const noEvidence = { mk_income: { value: 60 }, mk_growth: { value: 50 } };

let f: Factory;
let a1: SessionUser;
let a2: SessionUser;
let b1: SessionUser;
let periodId: number;
let sh: Record<'s1' | 's2' | 's3' | 's4' | 's5', { id: number; code: string }>;
let ev: Record<'e1' | 'e2' | 'e3' | 'e4', number>;

async function enter(who: SessionUser, stakeholderId: number, values: typeof complete | typeof noEvidence, submit: boolean) {
  const api = f.caller(who);
  const e = await api.evaluations.start({ stakeholderId });
  const saved = await api.evaluations.save({ id: e.id, revision: e.revision, values });
  if (submit) await api.evaluations.submit({ id: e.id, revision: saved.revision });
  return e.id;
}
const revisionOf = (id: number) => f.db.get<{ revision: number }>(sql`select revision from evaluations where id = ${id}`)!.revision;

beforeEach(async () => {
  f = makeFactory();
  const period = await f.period(2026, 1);
  periodId = period.id;
  await f.kpiSet('market', [{ code: 'income', indicators: [{ code: 'mk_income', evidenceRequired: true }, { code: 'mk_growth' }] }], { effectiveFromPeriodId: period.id });
  a1 = f.user('assessor', { regionIds: [f.w.countyA.id] });
  a2 = f.user('assessor', { regionIds: [f.w.countyA.id] });
  b1 = f.user('assessor', { regionIds: [f.w.countyB.id] });
  sh = {} as typeof sh;
  for (const k of ['s1', 's2', 's3', 's4', 's5'] as const) sh[k] = await f.stakeholder('market', f.w.townA.id, `屏边主体 ${k}`);
  ev = {
    e1: await enter(a1, sh.s1.id, complete, true), // a1's own submission
    e2: await enter(a2, sh.s2.id, complete, true), // a2's submission: a1 reviews it
    e3: await enter(a1, sh.s3.id, complete, true), // returned to a1 below
    e4: await enter(a1, sh.s4.id, noEvidence, false), // an incomplete draft
  };
  await f.caller(a2).evaluations.return({ id: ev.e3, revision: revisionOf(ev.e3), reason: '产值数据与台账不一致，请核实' });
});

const list = (me: SessionUser, view?: WorkView, extra: object = {}) => workList(f.db, me, workListSchema.parse({ view, pageSize: 100, ...extra }));
const codes = (me: SessionUser, view?: WorkView, extra: object = {}) => list(me, view, extra).items.map((i) => i.code).sort();
const code = (...keys: (keyof typeof sh)[]) => keys.map((k) => sh[k].code);

describe('work list views', () => {
  it('puts each row in the view whose turn it is, for each assessor', () => {
    const shA = f.w.shA.code;
    expect(codes(a1, 'toEnter')).toEqual([shA, ...code('s4', 's5')].sort());
    expect(codes(a1, 'returned')).toEqual(code('s3'));
    expect(codes(a1, 'toReview')).toEqual(code('s2'));
    expect(codes(a1, 'mine')).toEqual(code('s1'));
    // The same county seen by the other assessor: a1's returned evaluation is simply to enter.
    expect(codes(a2, 'toEnter')).toEqual([shA, ...code('s3', 's4', 's5')].sort());
    expect(codes(a2, 'returned')).toEqual([]);
    expect(codes(a2, 'toReview')).toEqual(code('s1'));
    expect(codes(a2, 'mine')).toEqual(code('s2'));
    // Another county sees none of it.
    expect(WORK_VIEWS.flatMap((v) => codes(b1, v)).filter((c) => c.startsWith('MK-') && c !== f.w.shB.code)).toEqual([]);
  });

  it('never shows an assessor their own submission as waiting for their review', () => {
    for (const me of [a1, a2]) {
      const own = f.db.all<{ code: string }>(sql`select s.code from evaluations e join stakeholders s on s.id = e.stakeholder_id where e.submitted_by = ${me.id} and e.status = 'submitted'`).map((r) => r.code);
      expect(own.length).toBeGreaterThan(0);
      expect(codes(me, 'toReview').filter((c) => own.includes(c))).toEqual([]);
      expect(codes(me, 'mine')).toEqual(own.sort());
    }
  });

  it('counts each view as a recount of its rows, with and without filters', () => {
    for (const me of [a1, a2, b1, f.admin]) {
      for (const extra of [{}, { search: '屏边主体' }, { regionId: f.w.townA.id }, { type: 'rural' }]) {
        const all = list(me, undefined, extra);
        for (const v of WORK_VIEWS) {
          const rows = list(me, v, extra);
          expect(rows.total, `${me.username} ${v} ${JSON.stringify(extra)}`).toBe(rows.items.length);
          expect(all.views[v], `${me.username} ${v} ${JSON.stringify(extra)}`).toBe(rows.items.length);
          // The counts are the same whichever view or status is shown.
          expect(rows.views, `${me.username} ${v} ${JSON.stringify(extra)}`).toEqual(all.views);
          expect(list(me, v, { ...extra, status: 'draft' }).views).toEqual(all.views);
          // With a status filter too: the view's count of that status.
          const submitted = list(me, v, { ...extra, status: 'submitted' });
          expect(submitted.total).toBe(rows.items.filter((i) => i.status === 'submitted').length);
        }
        // Each row is in exactly one view, except approved ones, which are in none.
        const inViews = WORK_VIEWS.reduce((n, v) => n + all.views[v], 0);
        expect(inViews).toBe(all.items.filter((i) => i.status !== 'approved').length);
      }
    }
  });

  it('keeps the returned flag and its reason through edits until the evaluation is submitted again', async () => {
    const api = f.caller(a1);
    await api.evaluations.save({ id: ev.e3, revision: revisionOf(ev.e3), values: { mk_growth: { value: 55 } } });
    const row = list(a1, 'returned').items.find((i) => i.evaluationId === ev.e3)!;
    expect(row).toMatchObject({ status: 'draft', returnReason: '产值数据与台账不一致，请核实' });
    expect(list(a1).views.returned).toBe(1);
    await api.evaluations.submit({ id: ev.e3, revision: revisionOf(ev.e3) });
    expect(codes(a1, 'returned')).toEqual([]);
    expect(codes(a1, 'mine')).toEqual(code('s1', 's3').sort());
    expect(codes(a2, 'toReview')).toEqual(code('s1', 's3').sort());
  });
});

describe('due date', () => {
  it('is set by an administrator on or after the start and shows days left, then days overdue', async () => {
    const refused = await f.api.periods.setDueDate({ id: periodId, dueOn: '2025-12-31' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe('BAD_REQUEST');
    await expect(f.caller(a1).periods.setDueDate({ id: periodId, dueOn: '2026-03-20' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await f.api.periods.setDueDate({ id: periodId, dueOn: '2026-03-20' });
    const params = workListSchema.parse({});
    expect(workList(f.db, a1, params, new Date(2026, 2, 13, 9)).due).toEqual({ dueOn: '2026-03-20', days: 7, overdue: false });
    expect(workList(f.db, a1, params, new Date(2026, 2, 20, 23)).due).toEqual({ dueOn: '2026-03-20', days: 0, overdue: false });
    expect(workList(f.db, a1, params, new Date(2026, 2, 23, 8)).due).toEqual({ dueOn: '2026-03-20', days: -3, overdue: true });
    expect(f.db.get(sql`select action, after from audit_log where action = 'period.setDueDate'`)).toEqual({ action: 'period.setDueDate', after: JSON.stringify({ dueOn: '2026-03-20' }) });
    await f.api.periods.setDueDate({ id: periodId, dueOn: null });
    expect(workList(f.db, a1, params).due).toBeNull();
  });

  it('counts days across a month end and a leap day', () => {
    expect(dueState('2028-03-01', '2028-02-28')).toEqual({ dueOn: '2028-03-01', days: 2, overdue: false });
    expect(dueState('2026-01-31', '2026-02-01')).toEqual({ dueOn: '2026-01-31', days: -1, overdue: true });
  });
});

describe('bulk submit of complete drafts', () => {
  it('submits the complete ones in one go and names each skipped one with its reason', async () => {
    const e5 = await enter(a1, sh.s5.id, complete, false);
    const items = [ev.e4, e5, ev.e1].map((id) => ({ id, revision: revisionOf(id) }));
    const before = f.db.get<{ n: number }>(sql`select count(*) as n from audit_log where action = 'evaluation.submit'`)!.n;
    const out = await f.caller(a1).evaluations.submitDrafts({ items });
    expect(out.submitted).toEqual([{ id: e5, stakeholderCode: sh.s5.code }]);
    expect(out.skipped).toEqual([
      { id: ev.e4, stakeholderCode: sh.s4.code, reason: 'values_invalid', fields: 1 },
      { id: ev.e1, stakeholderCode: sh.s1.code, reason: 'not_editable', fields: 0 },
    ]);
    expect(f.db.get<{ n: number }>(sql`select count(*) as n from audit_log where action = 'evaluation.submit'`)!.n).toBe(before + 1);
    expect(codes(a1, 'mine')).toEqual(code('s1', 's5').sort());
    // The page said which rows were complete before the submit.
    expect(list(a1, 'toEnter').items.find((i) => i.evaluationId === ev.e4)?.fieldsToFix).toBe(1);
  });

  it('skips a draft changed since the list was read', async () => {
    const out = await f.caller(a1).evaluations.submitDrafts({ items: [{ id: ev.e3, revision: revisionOf(ev.e3) - 1 }] });
    expect(out).toEqual({ submitted: [], skipped: [{ id: ev.e3, stakeholderCode: sh.s3.code, reason: 'stale_revision', fields: 0 }] });
  });

  it('answers outside the caller’s scope as a missing evaluation, changing nothing', async () => {
    const e5 = await enter(a1, sh.s5.id, complete, false);
    await expect(f.caller(b1).evaluations.submitDrafts({ items: [{ id: e5, revision: revisionOf(e5) }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(f.db.get(sql`select status from evaluations where id = ${e5}`)).toEqual({ status: 'draft' });
  });
});
