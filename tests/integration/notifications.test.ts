// Notifications: written with the event (a return, an approval, a period opened), once per user and
// period when a period nears its due date, and only ever read or marked by their recipient.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications, periods, user } from '@/db/schema';
import { makeFactory } from './factory';

const CST_HOURS = 8;
/** An ISO date `days` from today in China Standard Time (the deployment's calendar). */
const cstDate = (days: number) => new Date(Date.now() + CST_HOURS * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

async function world() {
  const f = makeFactory();
  const q1 = await f.period(2026, 1);
  const kpi = await f.kpiSet('market', [{ code: 'income', indicators: [{ code: 'mk_income' }] }], { effectiveFromPeriodId: q1.id });
  const assessorA = f.user('assessor', { regionIds: [f.w.countyA.id], username: 'assessor-a' });
  const assessorB = f.user('assessor', { regionIds: [f.w.countyB.id], username: 'assessor-b' });
  const reviewerA = f.user('assessor', { regionIds: [f.w.countyA.id], username: 'reviewer-a' });
  return { ...f, q1, kpi, assessorA, assessorB, reviewerA, a: f.caller(assessorA), b: f.caller(assessorB), ra: f.caller(reviewerA) };
}

/** assessor-a enters and submits 屏边茶业's evaluation; answers its id and revision. */
async function submitted(w: Awaited<ReturnType<typeof world>>) {
  const e = await w.a.evaluations.start({ stakeholderId: w.w.shA.id });
  const saved = await w.a.evaluations.save({ id: e.id, revision: e.revision, values: { mk_income: { value: 50, note: null, evidenceUrl: null } } });
  const s = await w.a.evaluations.submit({ id: e.id, revision: saved.revision });
  return { id: e.id, revision: s.revision };
}

describe('notifications', () => {
  it('a return tells the author, with the reason, and links to the evaluation; the reviewer is told nothing', async () => {
    const w = await world();
    const e = await submitted(w);
    expect(await w.a.notifications.unreadCount()).toBe(0);
    await w.api.evaluations.return({ id: e.id, revision: e.revision, reason: '请补充合同扫描件' });
    expect(await w.a.notifications.unreadCount()).toBe(1);
    const list = await w.a.notifications.list();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      kind: 'evaluation_returned',
      link: `/evaluations/${e.id}`,
      readAt: null,
      params: { stakeholder: w.w.shA.name, code: w.w.shA.code, period: '2026Q1', by: 'admin', reason: '请补充合同扫描件' },
    });
    expect(await w.api.notifications.unreadCount()).toBe(0);
    expect(await w.ra.notifications.unreadCount()).toBe(0);
  });

  it('an approval tells the author; an administrator reopening it tells them it was returned', async () => {
    const w = await world();
    const e = await submitted(w);
    const approved = await w.ra.evaluations.approve({ id: e.id, revision: e.revision });
    let kinds = (await w.a.notifications.list()).items.map((n) => [n.kind, n.params.by]);
    expect(kinds).toEqual([['evaluation_approved', 'reviewer-a']]);
    expect(await w.ra.notifications.unreadCount()).toBe(0);
    await w.api.evaluations.reopen({ id: e.id, revision: approved.revision, reason: '数据口径调整，请重新核对' });
    kinds = (await w.a.notifications.list()).items.map((n) => [n.kind, n.params.by]);
    expect(kinds).toEqual([
      ['evaluation_returned', 'admin'],
      ['evaluation_approved', 'reviewer-a'],
    ]);
  });

  it('a disabled author is told nothing', async () => {
    const w = await world();
    const e = await submitted(w);
    w.db.update(user).set({ disabled: true }).where(eq(user.id, w.assessorA.id)).run();
    await w.api.evaluations.return({ id: e.id, revision: e.revision, reason: '请补充合同扫描件' });
    expect(w.db.select().from(notifications).all()).toEqual([]);
  });

  it('a period opened (created, or reopened) tells the assessors whose regions hold stakeholders it has a KPI set for', async () => {
    const w = await world();
    // Rural stakeholders only, and no rural KPI set: nothing to enter there.
    const ruralTown = w.township(w.w.countyB, '532530102', '勐拉镇');
    await w.stakeholder('rural', ruralTown.id);
    const ruralOnly = w.user('assessor', { regionIds: [ruralTown.id] });
    const noRegions = w.user('assessor');
    const stakeholderUser = w.user('stakeholder', { stakeholderId: w.w.shA.id });
    const q2 = await w.period(2026, 2);
    const opened = (u: { id: string }) =>
      w.db.select().from(notifications).where(eq(notifications.userId, u.id)).all().filter((n) => n.kind === 'period_opened').map((n) => [n.params.period, n.link]);
    for (const u of [w.assessorA, w.assessorB, w.reviewerA]) expect(opened(u)).toEqual([['2026Q2', `/evaluations?periodId=${q2.id}`]]);
    for (const u of [ruralOnly, noRegions, stakeholderUser, w.admin]) expect(opened(u)).toEqual([]);
    await w.api.periods.close({ id: q2.id });
    await w.api.periods.reopen({ id: q2.id, reason: '补录遗漏的主体' });
    expect(opened(w.assessorA)).toHaveLength(2);
    expect(opened(ruralOnly)).toEqual([]);
  });

  it('a period nearing its due date is told once per user, to its assessors only', async () => {
    const w = await world();
    w.db.update(periods).set({ dueOn: cstDate(2) }).where(eq(periods.id, w.q1.id)).run();
    const dueSoon = async (c: typeof w.a) => (await c.notifications.list()).items.filter((n) => n.kind === 'period_due_soon');
    expect(await w.a.notifications.unreadCount()).toBe(1);
    expect(await w.a.notifications.unreadCount()).toBe(1);
    const first = await dueSoon(w.a);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ params: { period: '2026Q1', dueDate: cstDate(2) }, link: `/evaluations?periodId=${w.q1.id}` });
    // Read, it stays read: a later look does not create it again.
    await w.a.notifications.markRead({ id: first[0]!.id });
    expect(await w.a.notifications.unreadCount()).toBe(0);
    expect(await dueSoon(w.a)).toHaveLength(1);
    expect(await dueSoon(w.b)).toHaveLength(1);
    expect(await dueSoon(w.api)).toHaveLength(0);
    const lonely = w.caller(w.user('assessor'));
    expect(await dueSoon(lonely)).toHaveLength(0);
    // Rural stakeholders only, and no rural KPI set: nothing of this period to enter there.
    const ruralTown = w.township(w.w.countyB, '532530102', '勐拉镇');
    await w.stakeholder('rural', ruralTown.id);
    expect(await dueSoon(w.caller(w.user('assessor', { regionIds: [ruralTown.id] })))).toHaveLength(0);
    // The same region with a market stakeholder: told.
    await w.stakeholder('market', ruralTown.id);
    expect(await dueSoon(w.caller(w.user('assessor', { regionIds: [ruralTown.id] })))).toHaveLength(1);
  });

  it('a period due later than three days, already past, or closed is not announced', async () => {
    const w = await world();
    w.db.update(periods).set({ dueOn: cstDate(4) }).where(eq(periods.id, w.q1.id)).run();
    expect(await w.a.notifications.unreadCount()).toBe(0);
    w.db.update(periods).set({ dueOn: cstDate(-1) }).where(eq(periods.id, w.q1.id)).run();
    expect(await w.a.notifications.unreadCount()).toBe(0);
    w.db.update(periods).set({ dueOn: cstDate(0) }).where(eq(periods.id, w.q1.id)).run();
    await w.api.periods.close({ id: w.q1.id });
    expect(await w.a.notifications.unreadCount()).toBe(0);
  });

  it('each user reads and marks only their own', async () => {
    const w = await world();
    const e = await submitted(w);
    await w.api.evaluations.return({ id: e.id, revision: e.revision, reason: '请补充合同扫描件' });
    await w.period(2026, 2);
    const mine = (await w.a.notifications.list()).items;
    expect(mine.map((n) => n.kind).sort()).toEqual(['evaluation_returned', 'period_opened']);
    const theirs = (await w.b.notifications.list()).items;
    expect(theirs.map((n) => n.kind)).toEqual(['period_opened']);
    expect(theirs.some((n) => mine.some((m) => m.id === n.id))).toBe(false);
    // Another's notification is answered as one that does not exist, and stays unread.
    await expect(w.b.notifications.markRead({ id: mine[0]!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await w.a.notifications.unreadCount()).toBe(2);
    await expect(w.a.notifications.markRead({ id: mine[0]!.id })).resolves.toEqual({ id: mine[0]!.id, link: mine[0]!.link });
    expect(await w.a.notifications.unreadCount()).toBe(1);
    expect(await w.a.notifications.markAllRead()).toEqual({ marked: 1 });
    expect(await w.a.notifications.unreadCount()).toBe(0);
    expect((await w.a.notifications.list()).items.every((n) => n.readAt instanceof Date)).toBe(true);
    expect(await w.b.notifications.unreadCount()).toBe(1);
  });

  it('pages by 50, newest first', async () => {
    const w = await world();
    const rows = Array.from({ length: 51 }, (_, i) => ({ userId: w.assessorA.id, kind: 'period_opened' as const, params: { period: `P${i}` }, link: '/evaluations', createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)) }));
    w.db.insert(notifications).values(rows).run();
    const first = await w.a.notifications.list({ page: 1 });
    expect([first.total, first.pageCount, first.items.length, first.items[0]!.params.period]).toEqual([51, 2, 50, 'P50']);
    const second = await w.a.notifications.list({ page: 2 });
    expect(second.items.map((n) => n.params.period)).toEqual(['P0']);
  });
});
