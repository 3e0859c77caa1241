// Appeals of published values: filing within the window (values checked, the published value taken
// from the stored score), the four-eyes state machine with every legal and illegal step, scope for
// each role, the overview, and the evidence files (checked by their bytes, served only to readers
// of the appeal, as attachments with nosniff). On factory.ts's world: in 2026Q2 firm (玉屏镇, 屏边)
// published mk_income 60 and mk_growth 70, in 2026Q1 50 and 70; coop is in the same township.
import { beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { and, asc, eq } from 'drizzle-orm';
import { appealItems, appeals, appealSteps, auditLog, notifications } from '@/db/schema';
import { addDays, APPEAL_FILE_MAX_BYTES, isoDay } from '@/core/domain/appeals';
import { DomainError } from '@/server/errors';
import { readerMessage } from '@/server/error-text';
import { appealFileDownloadRoute, appealFileUploadRoute } from '@/server/http';
import * as svc from '@/server/services/appeals';
import { indicatorsOf, publishedWorld, type SessionUser } from './factory';

let w: Awaited<ReturnType<typeof publishedWorld>>;
let assessorA2: SessionUser;
let q2: number;
let q1: number;
let income: number; // mk_income's indicator id
let growth: number;

async function failure(p: Promise<unknown>): Promise<{ code: string; reason?: string; fields: Record<string, string[]> }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    const cause = e.cause as unknown as { reason?: string; fields?: Record<string, string[]>; issues?: { path: PropertyKey[]; message: string }[] } | undefined;
    const fields = cause?.fields ?? Object.fromEntries((cause?.issues ?? []).map((i) => [i.path.join('.'), [i.message]]));
    return { code: e.code, reason: cause?.reason, fields };
  }
  return { code: 'OK', fields: {} };
}
const keys = (fields: Record<string, string[]>, at: string) => (fields[at] ?? []).map((m) => m.split('::')[0]);

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('not refused');
}

const item = (indicatorId: number, claimedValue: number, extra: Record<string, unknown> = {}) => ({
  indicatorId,
  claimedValue,
  reason: '县统计局台账显示的数值更高',
  evidenceUrl: 'https://evidence.example.cn/ledger.pdf',
  ...extra,
});

beforeAll(async () => {
  w = await publishedWorld();
  assessorA2 = w.user('assessor', { regionIds: [w.w.countyA.id], username: 'assessor-a2' });
  q2 = w.periodIds['2026Q2'];
  q1 = w.periodIds['2026Q1'];
  const form = await w.caller(w.users.firm).appeals.form({ stakeholderId: w.who.firm.id, period: '2026Q2' });
  const codes = indicatorsOf('market');
  income = form.indicators.find((i) => i.code === codes.income)!.id;
  growth = form.indicators.find((i) => i.code === codes.growth)!.id;
}, 120_000);

describe('filing', () => {
  it('the form lists the published values and says until when the window is open', async () => {
    const form = await w.caller(w.users.firm).appeals.form({ stakeholderId: w.who.firm.id, period: '2026Q2' });
    expect(form.open).toBe(true);
    expect(form.closesOn).toBe(addDays(isoDay(new Date()), 30));
    expect(form.indicators.map((i) => [i.id, i.publishedValue])).toEqual([
      [income, 60],
      [growth, 70],
    ]);
  });

  it('refuses values out of range, an indicator not on the scorecard, duplicates and items without evidence', async () => {
    const api = w.caller(w.users.firm);
    const base = { stakeholderId: w.who.firm.id, periodId: q2 };
    expect(keys((await failure(api.appeals.file({ ...base, items: [item(income, 150)] }))).fields, 'items.0.claimedValue')).toEqual(['evaluations.validation.aboveMax']);
    const rural = (await w.caller(w.users.coop).appeals.form({ stakeholderId: w.who.coop.id, period: '2026Q2' })).indicators[0]!.id;
    expect(keys((await failure(api.appeals.file({ ...base, items: [item(rural, 10)] }))).fields, 'items.0.indicatorId')).toEqual(['validation.appeal.notOnScorecard']);
    expect(keys((await failure(api.appeals.file({ ...base, items: [item(income, 70), item(income, 71)] }))).fields, 'items.1.indicatorId')).toEqual(['validation.appeal.duplicate']);
    expect(keys((await failure(api.appeals.file({ ...base, items: [item(income, 70, { evidenceUrl: null })] }))).fields, 'items.0.evidenceUrl')).toEqual(['validation.appeal.evidence']);
    expect(keys((await failure(api.appeals.file({ ...base, items: [item(income, 70, { evidenceUrl: 'javascript:alert(1)' })] }))).fields, 'items.0.evidenceUrl')).toEqual(['validation.appeal.url']);
    expect((await failure(api.appeals.file({ ...base, items: [] }))).code).toBe('BAD_REQUEST');
    expect(w.db.select().from(appeals).all()).toHaveLength(0);
  });

  it('refuses a period that is not published, and a closed window with the closing date in the reader’s language', async () => {
    const api = w.caller(w.users.firm);
    const open = await failure(api.appeals.file({ stakeholderId: w.who.firm.id, periodId: w.periodIds['2026Q3'], items: [item(income, 70)] }));
    expect(open).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'appeal_not_published' });
    const later = new Date(Date.now() + 31 * 86_400_000);
    const closed = refusal(() => svc.fileAppeal(w.db, w.users.firm, { stakeholderId: w.who.firm.id, periodId: q2, items: [{ ...item(income, 70), files: [] }] }, later));
    const closesOn = addDays(isoDay(new Date()), 30);
    expect(closed).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'appeal_window_closed', params: { closedOn: closesOn } });
    expect(readerMessage('zh-CN', closed)).toContain(closesOn);
    expect(readerMessage('zh-CN', closed)).toContain('申诉期');
  });

  it('files one appeal: the published value from the stored score, due in the decision days, step, audit and notifications', async () => {
    // The client cannot say what was published: only indicator, claim, reason and evidence travel.
    const a = await w.caller(w.users.firm).appeals.file({ stakeholderId: w.who.firm.id, periodId: q2, items: [item(income, 75)] });
    expect(a).toMatchObject({ status: 'submitted', dueOn: addDays(isoDay(new Date()), 15), createdBy: w.users.firm.id });
    expect(w.db.select().from(appealItems).where(eq(appealItems.appealId, a.id)).all()).toEqual([
      expect.objectContaining({ indicatorId: income, publishedValue: 60, claimedValue: 75, corrected: false, correctedValue: null }),
    ]);
    expect(w.db.select().from(appealSteps).where(eq(appealSteps.appealId, a.id)).all()).toEqual([expect.objectContaining({ step: 'submitted', actorId: w.users.firm.id })]);
    expect(w.db.select().from(auditLog).where(and(eq(auditLog.action, 'appeal.submit'), eq(auditLog.entityId, String(a.id)))).all()).toHaveLength(1);
    // The assessors whose regions include the stakeholder are told; the other county's are not.
    const told = w.db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, 'appeal_submitted')).all().map((n) => n.userId);
    expect(told.sort()).toEqual([w.users.assessorA.id, assessorA2.id].sort());
    // One open appeal per stakeholder and period.
    expect(await failure(w.caller(w.users.firm).appeals.file({ stakeholderId: w.who.firm.id, periodId: q2, items: [item(growth, 80)] }))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'appeal_open_exists' });
  });
});

describe('scope', () => {
  it('each role sees only the appeals in its scope, and out of scope reads as not found', async () => {
    const [mine] = (await w.caller(w.users.firm).appeals.list({ state: 'all' })).items;
    expect(mine).toMatchObject({ stakeholder: { id: w.who.firm.id }, dueState: 'due' });
    expect((await w.caller(w.users.assessorA).appeals.list({ state: 'open' })).total).toBe(1);
    expect((await w.caller(w.users.assessorB).appeals.list({ state: 'all' })).total).toBe(0);
    expect((await w.caller(w.users.coop).appeals.list({ state: 'all' })).total).toBe(0);
    expect(await failure(w.caller(w.users.assessorB).appeals.get({ appealId: mine!.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(w.caller(w.users.coop).appeals.get({ appealId: mine!.id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(w.caller(w.users.assessorB).appeals.propose({ appealId: mine!.id, decision: 'reject', reason: 'Not our county at all' }))).toMatchObject({ code: 'NOT_FOUND' });
    // Filing for another stakeholder: a stakeholder user only for its own, an assessor only in its regions.
    expect(await failure(w.caller(w.users.coop).appeals.file({ stakeholderId: w.who.firm.id, periodId: q1, items: [item(income, 70)] }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(w.caller(w.users.assessorB).appeals.file({ stakeholderId: w.who.firm.id, periodId: q1, items: [item(income, 70)] }))).toMatchObject({ code: 'NOT_FOUND' });
    // A stakeholder user neither proposes nor decides (the matrix).
    expect(await failure(w.caller(w.users.firm).appeals.propose({ appealId: mine!.id, decision: 'reject', reason: 'Self-service decision' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(w.caller(w.users.firm).appeals.confirm({ appealId: mine!.id }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the state machine', () => {
  let id: number;
  beforeAll(async () => {
    id = (await w.caller(w.users.firm).appeals.list({ state: 'open' })).items[0]!.id;
  });

  it('a submitted appeal cannot be confirmed nor sent back', async () => {
    expect(await failure(w.caller(assessorA2).appeals.confirm({ appealId: id }))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'appeal_not_proposed' });
    expect(await failure(w.caller(assessorA2).appeals.sendBack({ appealId: id, reason: 'Look at it again' }))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'appeal_not_proposed' });
  });

  it('a proposal: a reject needs 5 characters, an accept at least one correction within range', async () => {
    const api = w.caller(w.users.assessorA);
    expect(keys((await failure(api.appeals.propose({ appealId: id, decision: 'reject', reason: ' no  ' }))).fields, 'reason')).toEqual(['validation.reason']);
    expect(await failure(api.appeals.propose({ appealId: id, decision: 'accept', corrections: [] }))).toMatchObject({ code: 'BAD_REQUEST', reason: 'appeal_no_correction' });
    const itemId = (await api.appeals.get({ appealId: id })).items[0]!.id;
    expect(keys((await failure(api.appeals.propose({ appealId: id, decision: 'accept', corrections: [{ itemId, correctedValue: -5 }] }))).fields, 'corrections.0.correctedValue')).toEqual(['evaluations.validation.belowMin']);
    await api.appeals.propose({ appealId: id, decision: 'accept', corrections: [{ itemId, correctedValue: 72 }] });
    expect(w.db.select().from(appealItems).where(eq(appealItems.id, itemId)).get()).toMatchObject({ corrected: true, correctedValue: 72 });
    expect(w.db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, 'appeal_proposed')).all()).toEqual([{ userId: assessorA2.id }]);
  });

  it('proposed: no second proposal, no withdrawal; the proposer neither confirms nor sends back', async () => {
    const api = w.caller(w.users.assessorA);
    expect(await failure(w.caller(assessorA2).appeals.propose({ appealId: id, decision: 'reject', reason: 'A second opinion' }))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'appeal_not_submitted' });
    expect(await failure(w.caller(w.users.firm).appeals.withdraw({ appealId: id }))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'appeal_not_submitted' });
    expect(await failure(api.appeals.confirm({ appealId: id }))).toMatchObject({ code: 'FORBIDDEN', reason: 'appeal_own_proposal' });
    expect(await failure(api.appeals.sendBack({ appealId: id, reason: 'I changed my mind' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'appeal_own_proposal' });
    const seen = await api.appeals.get({ appealId: id });
    expect(seen.can).toMatchObject({ confirm: false, confirmBlocked: 'own_proposal', sendBack: false });
    expect((await w.caller(assessorA2).appeals.get({ appealId: id })).can).toMatchObject({ confirm: true, confirmBlocked: null, sendBack: true });
  });

  it('a second reviewer sends it back with a reason: submitted again, the proposal and its corrections cleared', async () => {
    expect(keys((await failure(w.caller(assessorA2).appeals.sendBack({ appealId: id, reason: 'no' }))).fields, 'reason')).toEqual(['validation.reason']);
    await w.caller(assessorA2).appeals.sendBack({ appealId: id, reason: 'The ledger shows 70, not 72' });
    expect(w.db.select().from(appeals).where(eq(appeals.id, id)).get()).toMatchObject({ status: 'submitted', proposal: null, proposedBy: null });
    expect(w.db.select().from(appealItems).where(eq(appealItems.appealId, id)).get()).toMatchObject({ corrected: false, correctedValue: null });
  });

  it('the database refuses a confirmer equal to the proposer, whatever the code does', () => {
    expect(() => w.db.$client.prepare(`update appeals set status = 'rejected', proposed_by = ?, decided_by = ?, proposal = 'reject' where id = ?`).run(assessorA2.id, assessorA2.id, id)).toThrow(/CHECK constraint/);
  });

  it('proposed again, confirmed by another: decided, with every step; the stakeholder is told', async () => {
    await w.caller(assessorA2).appeals.propose({ appealId: id, decision: 'reject', reason: 'The ledger confirms the published value' });
    await w.caller(w.users.assessorA).appeals.confirm({ appealId: id });
    const seen = await w.caller(w.users.firm).appeals.get({ appealId: id });
    expect(seen).toMatchObject({ status: 'rejected', proposal: 'reject', proposalReason: 'The ledger confirms the published value', decidedBy: w.users.assessorA.name, dueState: null });
    expect(seen.steps.map((s) => [s.step, s.decision, s.actor])).toEqual([
      ['submitted', null, w.users.firm.name],
      ['proposed', 'accept', w.users.assessorA.name],
      ['sent_back', null, assessorA2.name],
      ['proposed', 'reject', assessorA2.name],
      ['confirmed', 'reject', w.users.assessorA.name],
    ]);
    expect(seen.items[0]).toMatchObject({ corrected: false, correctedValue: null });
    expect(w.db.select().from(notifications).where(and(eq(notifications.kind, 'appeal_decided'), eq(notifications.userId, w.users.firm.id))).get()).toMatchObject({ params: { decision: 'reject' } });
    expect(w.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entity, 'appeal')).orderBy(asc(auditLog.id)).all().map((r) => r.action)).toEqual(['appeal.submit', 'appeal.propose', 'appeal.sendBack', 'appeal.propose', 'appeal.confirm']);
  });

  it('a decided appeal takes no further step', async () => {
    const a = w.caller(assessorA2);
    expect(await failure(a.appeals.propose({ appealId: id, decision: 'reject', reason: 'Once more with feeling' }))).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(await failure(a.appeals.confirm({ appealId: id }))).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(await failure(a.appeals.sendBack({ appealId: id, reason: 'Once more with feeling' }))).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(await failure(w.caller(w.users.firm).appeals.withdraw({ appealId: id }))).toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it('filed by an assessor on the stakeholder’s behalf: the filer neither proposes nor confirms; an administrator confirms an accept, corrections kept exactly', async () => {
    const filer = w.caller(w.users.assessorA);
    const a = await filer.appeals.file({ stakeholderId: w.who.firm.id, periodId: q1, items: [item(income, 55), item(growth, 75)] });
    expect(await failure(filer.appeals.propose({ appealId: a.id, decision: 'reject', reason: 'Filed it, deciding it' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'appeal_own_filing' });
    const items = (await filer.appeals.get({ appealId: a.id })).items;
    await w.caller(assessorA2).appeals.propose({
      appealId: a.id,
      decision: 'accept',
      corrections: [
        { itemId: items[0]!.id, correctedValue: 54.5 },
        { itemId: items[1]!.id, correctedValue: null },
      ],
      reason: 'Ledger checked on site',
    });
    expect(await failure(filer.appeals.confirm({ appealId: a.id }))).toMatchObject({ code: 'FORBIDDEN', reason: 'appeal_own_filing' });
    const admin = w.user('admin');
    await w.caller(admin).appeals.confirm({ appealId: a.id });
    expect(w.db.select().from(appeals).where(eq(appeals.id, a.id)).get()).toMatchObject({ status: 'accepted', decidedBy: admin.id, proposedBy: assessorA2.id });
    expect(w.db.select().from(appealItems).where(eq(appealItems.appealId, a.id)).all().map((i) => [i.publishedValue, i.claimedValue, i.corrected, i.correctedValue])).toEqual([
      [50, 55, true, 54.5],
      [70, 75, false, null],
    ]);
    // The filer and the stakeholder's users are told (not the confirmer).
    const told = w.db.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.kind, 'appeal_decided'), eq(notifications.link, `/appeals/${a.id}`))).all();
    expect(told.map((t) => t.userId).sort()).toEqual([w.users.assessorA.id, w.users.firm.id].sort());
  });

  it('withdraw: by the stakeholder while submitted; an assessor who did not file it cannot', async () => {
    const a = await w.caller(w.users.coop).appeals.file({ stakeholderId: w.who.coop.id, periodId: q2, items: [item((await w.caller(w.users.coop).appeals.form({ stakeholderId: w.who.coop.id, period: '2026Q2' })).indicators[0]!.id, 80)] });
    expect(await failure(w.caller(w.users.assessorA).appeals.withdraw({ appealId: a.id }))).toMatchObject({ code: 'FORBIDDEN', reason: 'appeal_not_filer' });
    expect(await failure(w.caller(w.users.firm).appeals.withdraw({ appealId: a.id }))).toMatchObject({ code: 'NOT_FOUND' });
    await w.caller(w.users.coop).appeals.withdraw({ appealId: a.id });
    expect((await w.caller(w.users.coop).appeals.get({ appealId: a.id })).steps.map((s) => s.step)).toEqual(['submitted', 'withdrawn']);
    expect(await failure(w.caller(w.users.coop).appeals.withdraw({ appealId: a.id }))).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'appeal_not_submitted' });
  });
});

describe('overview and due dates', () => {
  it('per county and period: appeals, open, accepted share, median days, overdue', async () => {
    const open = await w.caller(w.users.town).appeals.file({
      stakeholderId: w.who.town.id,
      periodId: q2,
      items: [item((await w.caller(w.users.town).appeals.form({ stakeholderId: w.who.town.id, period: '2026Q2' })).indicators[0]!.id, 90)],
    });
    const later = new Date(Date.now() + 20 * 86_400_000);
    const rows = svc.appealOverview(w.db, {}, later);
    const byPeriod = Object.fromEntries(rows.map((r) => [r.period.code, r]));
    expect(rows.every((r) => r.county.id === w.w.countyA.id)).toBe(true);
    expect(byPeriod['2026Q2']).toMatchObject({ appeals: 3, open: 1, decided: 1, accepted: 0, acceptedShare: 0, medianDays: 0, overdue: 1 });
    expect(byPeriod['2026Q1']).toMatchObject({ appeals: 1, open: 0, decided: 1, accepted: 1, acceptedShare: 1, overdue: 0 });
    expect(svc.getAppeal(w.db, w.users.assessorA, open.id, later).dueState).toBe('overdue');
    expect(svc.appealWork(w.db, w.users.assessorA, later)).toEqual({ open: 1, overdue: 1 });
    expect(svc.appealWork(w.db, w.users.assessorB, later)).toEqual({ open: 0, overdue: 0 });
    expect(await failure(w.caller(w.users.assessorA).appeals.overview({}))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the administrator sets a period’s window and decision days within bounds, audited', async () => {
    const api = w.caller(w.admin);
    expect(keys((await failure(api.periods.setAppealDays({ id: q1, appealWindowDays: 366, appealDecisionDays: 15 }))).fields, 'appealWindowDays')).toEqual(['validation.appeal.windowDays']);
    expect(keys((await failure(api.periods.setAppealDays({ id: q1, appealWindowDays: 30, appealDecisionDays: 0 }))).fields, 'appealDecisionDays')).toEqual(['validation.appeal.decisionDays']);
    await api.periods.setAppealDays({ id: q1, appealWindowDays: 0, appealDecisionDays: 5 });
    expect(w.db.select().from(auditLog).where(eq(auditLog.action, 'period.setAppealDays')).get()).toMatchObject({ before: { appealWindowDays: 30, appealDecisionDays: 15 }, after: { appealWindowDays: 0, appealDecisionDays: 5 } });
    const tomorrow = new Date(Date.now() + 86_400_000);
    expect(svc.appealWindow(w.db, w.users.firm, { stakeholderId: w.who.firm.id, period: '2026Q1' }, tomorrow)).toMatchObject({ open: false, closesOn: isoDay(new Date()) });
  });
});

describe('evidence files', () => {
  const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

  function upload(user: SessionUser | null, name: string, type: string, bytes: Uint8Array) {
    const form = new FormData();
    form.set('file', new File([bytes as BlobPart], name, { type }));
    return appealFileUploadRoute.run({ db: w.db, user }, new Request('http://localhost/api/appeals/files', { method: 'POST', body: form }));
  }

  it('refuses a PNG named .pdf, an HTML page and a file over 10 MB, each with its reason', async () => {
    const renamed = await upload(w.users.firm, 'ledger.pdf', 'application/pdf', PNG);
    expect(renamed.status).toBe(400);
    expect(await renamed.json()).toMatchObject({ error: { reason: 'appeal_file_mismatch' } });
    const html = await upload(w.users.firm, 'ledger.pdf', 'application/pdf', new TextEncoder().encode('<!doctype html><script>alert(1)</script>'));
    expect(await html.json()).toMatchObject({ error: { reason: 'appeal_file_type' } });
    const declared = await upload(w.users.firm, 'photo.png', 'text/html', PNG);
    expect(await declared.json()).toMatchObject({ error: { reason: 'appeal_file_mismatch' } });
    const big = new Uint8Array(APPEAL_FILE_MAX_BYTES + 1);
    big.set(PDF);
    const tooBig = await upload(w.users.firm, 'big.pdf', 'application/pdf', big);
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).error.message).toContain('10 MB');
  });

  it('a checked file is named in a filing and served only to readers of the appeal, as an attachment with nosniff', async () => {
    const res = await upload(w.users.firm, '台账.pdf', 'application/pdf', PDF);
    expect(res.status).toBe(200);
    const stored = (await res.json()) as { sha256: string; fileName: string; contentType: string; size: number; receipt: string };
    expect(stored).toMatchObject({ fileName: '台账.pdf', contentType: 'application/pdf', size: PDF.byteLength });
    const api = w.caller(w.users.firm);
    const base = { stakeholderId: w.who.firm.id, periodId: q2 };
    const missing = await failure(api.appeals.file({ ...base, items: [item(growth, 80, { evidenceUrl: null, files: [{ sha256: 'f'.repeat(64), fileName: 'x.pdf', receipt: stored.receipt }] })] }));
    expect(missing).toMatchObject({ code: 'BAD_REQUEST', reason: 'appeal_file_missing' });
    // A file is attached only by the user who uploaded it: its hash and someone else's receipt (or
    // a receipt made up) do not do.
    const borrowed = { sha256: stored.sha256, fileName: stored.fileName, receipt: stored.receipt };
    const byOther = await failure(w.caller(w.users.assessorA).appeals.file({ ...base, items: [item(growth, 80, { evidenceUrl: null, files: [borrowed] })] }));
    expect(byOther).toMatchObject({ code: 'BAD_REQUEST', reason: 'appeal_file_missing' });
    const forged = await failure(api.appeals.file({ ...base, items: [item(growth, 80, { evidenceUrl: null, files: [{ ...borrowed, receipt: '0'.repeat(64) }] })] }));
    expect(forged).toMatchObject({ code: 'BAD_REQUEST', reason: 'appeal_file_missing' });
    const a = await api.appeals.file({ ...base, items: [item(growth, 80, { evidenceUrl: null, files: [borrowed] })] });
    const file = (await api.appeals.get({ appealId: a.id })).items[0]!.files[0]!;
    const get = (user: SessionUser | null) =>
      appealFileDownloadRoute.run({ db: w.db, user }, new Request(`http://localhost/api/appeals/files/${file.id}`), { fileId: String(file.id) });
    const mine = await get(w.users.firm);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('application/pdf');
    expect(mine.headers.get('x-content-type-options')).toBe('nosniff');
    expect(mine.headers.get('content-disposition')).toMatch(/^attachment; filename="__\.pdf"; filename\*=UTF-8''%E5%8F%B0%E8%B4%A6\.pdf$/);
    expect(new Uint8Array(await mine.arrayBuffer())).toEqual(PDF);
    expect((await get(w.users.assessorA)).status).toBe(200);
    expect((await get(w.users.assessorB)).status).toBe(404);
    expect((await get(w.users.coop)).status).toBe(404);
    expect((await get(null)).status).toBe(401);
  });
});
