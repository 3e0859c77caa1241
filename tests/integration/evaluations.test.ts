// The evaluation state machine through the tRPC callers: every legal transition works, every
// illegal one is refused with a clear error, self-review and out-of-scope access are refused, and
// stale revisions get CONFLICT. Its own world: one market set (objective "market", four indicators,
// goalposts 0…100 except value added 0…1000 and violations 0…10, lower is better, with evidence),
// the open period 2026Q3, two assessors of 屏边 and one of 金平.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluations, scoreRuns, scores } from '@/db/schema';
import { settleJobs } from '@/server/jobs/runner';
import { makeFactory, type Factory } from './factory';

let f: Factory;
let target: { id: number; code: string };
let foreignSubmitted: number;
let users: Record<'a1' | 'a2' | 'a3', ReturnType<Factory['user']>>;

/** Field errors of a refused call (the ValidationError behind the TRPCError). */
async function fieldsOf(p: Promise<unknown>): Promise<Record<string, string[]>> {
  try {
    await p;
  } catch (e) {
    expect((e as { code?: string }).code).toBe('BAD_REQUEST');
    return ((e as { cause?: { fields?: Record<string, string[]> } }).cause?.fields ?? {});
  }
  throw new Error('expected the call to be refused');
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

/** Complete, valid values for the market KPI set (evidence where required). */
function marketValues(over: Record<string, number | null> = {}) {
  const base: Record<string, number | null> = {
    mk_value_added_10k: 800,
    mk_rd_investment_pct: 60,
    mk_env_violations: 0,
    mk_profit_shared_pct: 40,
    ...over,
  };
  return Object.fromEntries(
    Object.entries(base).map(([code, value]) => [
      code,
      { value, note: value === null ? '本期未统计' : null, evidenceUrl: code === 'mk_env_violations' ? `https://evidence.example.cn/${code}.pdf` : null },
    ]),
  );
}

beforeAll(async () => {
  f = makeFactory();
  const { w } = f;
  const q3 = await f.period(2026, 3);
  await f.kpiSet('market', [{
    code: 'market',
    indicators: [
      { code: 'mk_value_added_10k', max: 1000 },
      { code: 'mk_rd_investment_pct' },
      { code: 'mk_env_violations', direction: 'lower', max: 10, evidenceRequired: true },
      { code: 'mk_profit_shared_pct' },
    ],
  }], { effectiveFromPeriodId: q3.id });
  const peerA = await f.stakeholder('market', w.townA.id);
  const submittedB = await f.stakeholder('market', w.townB.id);
  target = await f.stakeholder('market', w.townA.id, '屏边待评企业');
  // Approved peers in both counties; one submitted evaluation in 金平.
  const peerValues = { mk_value_added_10k: 500, mk_rd_investment_pct: 50, mk_env_violations: 0, mk_profit_shared_pct: 50 };
  for (const id of [w.shA.id, peerA.id, w.shB.id]) await f.evaluate(id, peerValues);
  foreignSubmitted = await f.evaluate(submittedB.id, peerValues, 'submitted');
  users = {
    a1: f.user('assessor', { regionIds: [w.countyA.id], username: 'assessor-a1' }),
    a2: f.user('assessor', { regionIds: [w.countyA.id], username: 'assessor-a2' }),
    a3: f.user('assessor', { regionIds: [w.countyB.id], username: 'assessor-b' }),
  };
}, 60_000);

describe('evaluation workflow', () => {
  it('walks draft → submitted → returned → draft → submitted → approved → (reopen) returned', async () => {
    const [a1, a2, a3] = [f.caller(users.a1), f.caller(users.a2), f.caller(users.a3)];
    const admin = f.api;
    const db = f.db;

    // The work list shows it as not started, and counts it in its township and county.
    const list = await a1.evaluations.workList();
    expect(list.period?.code).toBe('2026Q3');
    const item = list.items.find((i) => i.stakeholderId === target.id)!;
    expect(item.status).toBe('not_started');
    // 屏边 holds shA and a peer (approved) and the target, all in 玉屏镇.
    expect(list.items.map((i) => [i.code, i.status]).sort()).toEqual([
      ['MK-0001', 'approved'],
      ['MK-0003', 'approved'],
      [target.code, 'not_started'],
    ]);
    expect(list.counties.map((c) => [c.regionId, c.total])).toEqual([[f.w.countyA.id, 3]]);
    expect(list.townships.map((t) => [t.regionId, t.total])).toEqual([[f.w.townA.id, 3]]);

    // Out of scope: another county's assessor can neither start nor read it, and is told what a
    // stakeholder that doesn't exist would tell (no existence oracle).
    expect(await codeOf(a3.evaluations.start({ stakeholderId: target.id }))).toBe('NOT_FOUND');

    const created = await a1.evaluations.start({ stakeholderId: target.id });
    expect(created).toMatchObject({ status: 'draft', revision: 1 });
    // Starting again returns the same evaluation.
    expect((await a2.evaluations.start({ stakeholderId: target.id })).id).toBe(created.id);
    const id = created.id;
    expect(await codeOf(a3.evaluations.get({ id }))).toBe('NOT_FOUND');

    // Save: an out-of-range and a non-numeric value are refused field by field.
    const fields = await fieldsOf(a1.evaluations.save({ id, revision: 1, values: { mk_rd_investment_pct: { value: -3 }, mk_value_added_10k: { value: 'abc' } } }));
    expect(Object.keys(fields).sort()).toEqual(['mk_rd_investment_pct.value', 'mk_value_added_10k.value']);
    expect(fields['mk_rd_investment_pct.value']![0]).toMatch(/^evaluations\.validation\.belowMin/);

    const saved = await a1.evaluations.save({ id, revision: 1, values: { mk_value_added_10k: { value: '850' } } });
    expect(saved).toMatchObject({ revision: 2, status: 'draft' });
    // A stale revision (someone else saved since) is a CONFLICT that names who changed it.
    const stale = await a2.evaluations.save({ id, revision: 1, values: { mk_value_added_10k: { value: 1 } } }).catch((e: Error & { code: string }) => e);
    expect((stale as { code: string }).code).toBe('CONFLICT');
    expect((stale as Error).message).toMatch(/assessor-a1 changed it/);

    // Submitting needs a note for a missing value and evidence where the indicator requires it.
    expect(Object.keys(await fieldsOf(a1.evaluations.submit({ id, revision: 2 })))).toContain('mk_env_violations.note');
    const noEvidence = marketValues();
    noEvidence.mk_env_violations!.evidenceUrl = null;
    expect(Object.keys(await fieldsOf(a1.evaluations.submit({ id, revision: 2, values: noEvidence })))).toEqual(['mk_env_violations.evidenceUrl']);

    // Illegal before submission: approve and return.
    expect(await codeOf(a2.evaluations.approve({ id, revision: 2 }))).toBe('PRECONDITION_FAILED');
    expect(await codeOf(a2.evaluations.return({ id, revision: 2, reason: '请补充材料后提交' }))).toBe('PRECONDITION_FAILED');
    expect(await codeOf(admin.evaluations.reopen({ id, revision: 2, reason: '数据口径调整需重新填报' }))).toBe('PRECONDITION_FAILED');

    const submitted = await a1.evaluations.submit({ id, revision: 2, values: marketValues({ mk_profit_shared_pct: null }) });
    expect(submitted).toMatchObject({ status: 'submitted', revision: 3 });

    // Submitted: not editable, not re-submittable; the submitter cannot review it.
    expect(await codeOf(a1.evaluations.save({ id, revision: 3, values: {} }))).toBe('PRECONDITION_FAILED');
    expect(await codeOf(a1.evaluations.submit({ id, revision: 3 }))).toBe('PRECONDITION_FAILED');
    expect(await codeOf(a1.evaluations.approve({ id, revision: 3 }))).toBe('FORBIDDEN');
    expect(await codeOf(a1.evaluations.return({ id, revision: 3, reason: '自己退回试试看' }))).toBe('FORBIDDEN');
    expect(await codeOf(a3.evaluations.approve({ id, revision: 3 }))).toBe('NOT_FOUND');
    // A return needs a reason.
    expect(await codeOf(a2.evaluations.return({ id, revision: 3, reason: ' ' }))).toBe('BAD_REQUEST');

    const returned = await a2.evaluations.return({ id, revision: 3, reason: '订单农业支付额未附合同，请补充。' });
    expect(returned).toMatchObject({ status: 'returned', revision: 4 });
    expect(await codeOf(a2.evaluations.approve({ id, revision: 4 }))).toBe('PRECONDITION_FAILED');
    const view = await a1.evaluations.get({ id });
    expect(view.evaluation.returnReason).toBe('订单农业支付额未附合同，请补充。');
    expect(view.actions).toMatchObject({ edit: true, submit: true, review: false });
    // The preview's peers: the period's approved evaluations of the version, summarized without identities.
    expect(view.peers.peers).toBe(3);
    expect(view.peers.composites.counts.reduce((s, c) => s + c, 0)).toBe(3);
    expect(view.indicators.map((d) => d.code)).toEqual(Object.keys(marketValues()));

    // Returned → draft by the first edit; then resubmitted (the other assessor may submit too).
    expect(await a1.evaluations.save({ id, revision: 4, values: { mk_profit_shared_pct: { value: 5, note: null } } })).toMatchObject({ status: 'draft', revision: 5 });
    expect(await a1.evaluations.submit({ id, revision: 5 })).toMatchObject({ status: 'submitted', revision: 6 });

    const runBefore = db.select().from(scoreRuns).where(eq(scoreRuns.kind, 'provisional')).all().length;
    expect(await a2.evaluations.approve({ id, revision: 6 })).toMatchObject({ status: 'approved', revision: 7 });
    await settleJobs();
    // Approving recomputed the provisional run of the period and version (a job): it now holds this evaluation.
    const row = db.select().from(evaluations).where(eq(evaluations.id, id)).get()!;
    const provisional = db
      .select()
      .from(scoreRuns)
      .where(and(eq(scoreRuns.kind, 'provisional'), eq(scoreRuns.periodId, row.periodId), eq(scoreRuns.kpiSetVersionId, row.kpiSetVersionId)))
      .all();
    expect(provisional).toHaveLength(1);
    expect(db.select().from(scoreRuns).where(eq(scoreRuns.kind, 'provisional')).all()).toHaveLength(runBefore);
    const score = db.select().from(scores).where(and(eq(scores.runId, provisional[0]!.id), eq(scores.evaluationId, id))).get();
    // (800/1000·100 + 60 + 100 (no violation) + 5) / 4.
    expect(score!.composite).toBeCloseTo(61.25, 9);

    // Approved: no edits, no review, no assessor reopen; admin reopens with a reason.
    expect(await codeOf(a1.evaluations.save({ id, revision: 7, values: {} }))).toBe('PRECONDITION_FAILED');
    expect(await codeOf(a2.evaluations.return({ id, revision: 7, reason: '再次退回试试看' }))).toBe('PRECONDITION_FAILED');
    expect(await codeOf(a1.evaluations.reopen({ id, revision: 7, reason: '数据口径调整需重新填报' }))).toBe('FORBIDDEN');
    expect(await codeOf(admin.evaluations.reopen({ id, revision: 6, reason: '数据口径调整需重新填报' }))).toBe('CONFLICT');
    expect(await admin.evaluations.reopen({ id, revision: 7, reason: '数据口径调整需重新填报' })).toMatchObject({ status: 'returned', revision: 8 });
    await settleJobs();
    const after = db.select().from(scores).where(and(eq(scores.evaluationId, id))).all();
    expect(after.filter((s) => s.runId === provisional[0]!.id)).toHaveLength(0);

    // Every transition is in the timeline, in order.
    const history = (await a1.evaluations.get({ id })).timeline.map((t) => t.action);
    expect(history).toEqual([
      'evaluation.create',
      'evaluation.save',
      'evaluation.submit',
      'evaluation.return',
      'evaluation.save',
      'evaluation.submit',
      'evaluation.approve',
      'evaluation.reopen',
    ]);
  });

  it('changed fields merge field by field: different fields are both kept, the same field is a conflict for that field only', async () => {
    const [a1, a2] = [f.caller(users.a1), f.caller(users.a2)];
    const s = await f.stakeholder('market', f.w.townA.id, '屏边合并测试企业');
    const { id } = await a1.evaluations.start({ stakeholderId: s.id });
    const base = await a1.evaluations.save({ id, revision: 1, values: marketValues() });
    expect(base.conflicts).toEqual([]);

    // Both open revision 2. assessor1 changes a value and a note.
    const mine = await a1.evaluations.save({
      id,
      revision: 2,
      changes: [
        { code: 'mk_value_added_10k', field: 'value', base: '800', value: '810' },
        { code: 'mk_rd_investment_pct', field: 'note', base: null, value: '含研发补贴' },
      ],
    });
    expect(mine).toMatchObject({ revision: 3, conflicts: [] });
    // assessor2, still on revision 2, changes another value, a note and an evidence link of the
    // same indicator assessor1 touched: no conflict, and nothing of assessor1's is lost.
    const theirs = await a2.evaluations.save({
      id,
      revision: 2,
      changes: [
        { code: 'mk_profit_shared_pct', field: 'value', base: 40, value: '45' },
        { code: 'mk_value_added_10k', field: 'note', base: null, value: '据统计局年报' },
        { code: 'mk_rd_investment_pct', field: 'evidenceUrl', base: '', value: 'https://evidence.example.cn/rd.pdf' },
      ],
    });
    expect(theirs).toMatchObject({ revision: 4, conflicts: [] });
    expect(theirs.values.mk_value_added_10k).toEqual({ value: 810, note: '据统计局年报', evidenceUrl: null });
    expect(theirs.values.mk_rd_investment_pct).toEqual({ value: 60, note: '含研发补贴', evidenceUrl: 'https://evidence.example.cn/rd.pdf' });
    expect(theirs.values.mk_profit_shared_pct!.value).toBe(45);

    // The same field changed by both since the base: a conflict on that field only; the sender's
    // other change is saved, the conflicting one is not, and the stored value is named.
    const clash = await a2.evaluations.save({
      id,
      revision: 2,
      changes: [
        { code: 'mk_value_added_10k', field: 'value', base: 800, value: '820' },
        { code: 'mk_rd_investment_pct', field: 'value', base: 60, value: '61' },
      ],
    });
    // The stored version is named with who wrote it (assessor1), not merely who saved last.
    expect(clash.conflicts).toEqual([{ code: 'mk_value_added_10k', field: 'value', theirs: 810, mine: '820', by: 'assessor-a1' }]);
    expect(clash.values.mk_value_added_10k!.value).toBe(810);
    expect(clash.values.mk_rd_investment_pct!.value).toBe(61);
    // Keeping mine after seeing theirs: the base is now their value, so it is written.
    const kept = await a2.evaluations.save({ id, revision: clash.revision, changes: [{ code: 'mk_value_added_10k', field: 'value', base: 810, value: '820' }] });
    expect(kept.conflicts).toEqual([]);
    expect(kept.values.mk_value_added_10k!.value).toBe(820);
    // The same change made by both is no conflict, and writes nothing.
    const same = await a1.evaluations.save({ id, revision: 3, changes: [{ code: 'mk_value_added_10k', field: 'value', base: 800, value: '820.0' }] });
    expect(same).toMatchObject({ revision: kept.revision, conflicts: [] });

    // An invalid change is refused at its field, and nothing of that save is written.
    const fields = await fieldsOf(
      a1.evaluations.save({
        id,
        revision: 3,
        changes: [
          { code: 'mk_rd_investment_pct', field: 'value', base: 61, value: '150' },
          { code: 'mk_profit_shared_pct', field: 'note', base: null, value: '不应写入' },
        ],
      }),
    );
    expect(Object.keys(fields)).toEqual(['mk_rd_investment_pct.value']);
    expect((await a1.evaluations.get({ id })).values.mk_profit_shared_pct!.note).toBeNull();
  });

  it('the database itself refuses approver = submitter', () => {
    const db = f.db;
    const row = db.select().from(evaluations).where(eq(evaluations.id, foreignSubmitted)).get()!;
    expect(row.status).toBe('submitted');
    expect(() => db.update(evaluations).set({ status: 'approved', approvedBy: row.submittedBy }).where(eq(evaluations.id, row.id)).run()).toThrow(/CHECK constraint/);
  });

  it('an evaluation outside the caller’s scope is answered exactly as one that does not exist', async () => {
    const a1 = f.caller(users.a1);
    const refusal = (p: Promise<unknown>) => p.then(() => null, (e: { code: string; message: string }) => ({ code: e.code, message: e.message.replace(/\d+/g, 'N') }));
    const missing = await refusal(a1.evaluations.get({ id: 999_999 }));
    expect(missing).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(a1.evaluations.get({ id: foreignSubmitted }))).toEqual(missing);
    expect(await refusal(a1.evaluations.approve({ id: foreignSubmitted, revision: 3 }))).toEqual(await refusal(a1.evaluations.approve({ id: 999_999, revision: 3 })));
  });
});
