// Overrides of determinations are bounded and take four eyes: an amount finite, ≥ 0 and within the
// program's cap; over budget only with an explicit confirmation (and then shown over budget); in
// effect only once another administrator approves; both names in the audit and on the row. The
// database itself refuses changing or deleting published scores, runs, determinations and
// overrides, except an override's one decision. On factory.ts's world: in 2026Q2 firm scores 65,
// firm2 85 and firmB 50.
import { beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { auditLog, scores, scoreRuns } from '@/db/schema';
import type { ProgramInputRaw } from '@/core/eligibility';
import { publishedWorld, type SessionUser } from './factory';
import { waitForJob } from './helpers';

let w: Awaited<ReturnType<typeof publishedWorld>>;
let admin: SessionUser;
let admin2: SessionUser;
let runId: number;
let firmB: number; // the determination of firmB (rule not met)
let firm: number; // firm's (awarded 10,000)

// 10,000 each to composite ≥ 60, cap 50,000, budget 30,000: firm and firm2 take 20,000.
const subsidy: ProgramInputRaw = {
  code: 'SUB-OV',
  kind: 'subsidy',
  nameEn: 'Quality subsidy',
  nameZh: '质量补贴',
  eligibleTypes: ['market'],
  rule: { op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 60 } },
  benefit: { kind: 'fixed', amount: 10000, cap: 50000 },
  budget: 30000,
  allocation: 'rank',
  status: 'active',
};

async function failure(p: Promise<unknown>): Promise<{ code: string; fields: Record<string, string[]>; reason?: string }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    const cause = e.cause as unknown as { fields?: Record<string, string[]>; issues?: { path: PropertyKey[]; message: string }[]; reason?: string } | undefined;
    const fields = cause?.fields ?? Object.fromEntries((cause?.issues ?? []).map((i) => [i.path.join('.'), [i.message]]));
    return { code: e.code, fields, reason: cause?.reason };
  }
  return { code: 'OK', fields: {} };
}
const keys = (fields: Record<string, string[]>, at: string) => (fields[at] ?? []).map((m) => m.split('::')[0]);

beforeAll(async () => {
  w = await publishedWorld();
  admin = w.user('admin');
  admin2 = w.user('admin');
  const api = w.caller(admin);
  const p = await api.incentives.create(subsidy);
  ({ runId } = await waitForJob(api, await api.eligibility.run({ programId: p.id, periodId: w.periodIds['2026Q2'] })));
  const rows = (await api.eligibility.determinations({ runId })).items;
  firmB = rows.find((d) => d.truth === 'fail')!.id;
  firm = rows.find((d) => d.eligible)!.id;
}, 60_000);

describe('override bounds', () => {
  it('refuses 1e15, a negative, a non-finite amount and one above the cap, each at the amount', async () => {
    const api = w.caller(admin);
    const base = { determinationId: firmB, eligible: true, reason: 'Verified on site by the county office.' };
    for (const amount of [1e15, -1, Number.NaN, Infinity]) {
      const f = await failure(api.eligibility.override({ ...base, amount }));
      expect(f.code).toBe('BAD_REQUEST');
      expect(Object.keys(f.fields)).toEqual(['amount']);
    }
    const overCap = await failure(api.eligibility.override({ ...base, amount: 50000.01, confirmOverBudget: true }));
    expect(overCap.code).toBe('BAD_REQUEST');
    expect(keys(overCap.fields, 'amount')).toEqual(['validation.incentives.override.overCap']);
  });

  it('needs a reason of at least 5 characters once trimmed', async () => {
    const api = w.caller(admin);
    for (const reason of ['', 'ok', '    ok    ', '\t\n  a b ']) {
      const f = await failure(api.eligibility.override({ determinationId: firmB, eligible: true, amount: 100, reason }));
      expect(keys(f.fields, 'reason')).toEqual(['validation.reason']);
    }
  });

  it('an override over budget needs an explicit confirmation', async () => {
    const api = w.caller(admin);
    const over = await failure(api.eligibility.override({ determinationId: firmB, eligible: true, amount: 20000, reason: 'Sanction annulled on appeal.' }));
    expect(over.code).toBe('BAD_REQUEST');
    expect(keys(over.fields, 'confirmOverBudget')).toEqual(['validation.incentives.override.overBudget']);
    expect(w.db.select().from(auditLog).where(eq(auditLog.action, 'determination.override.propose')).all()).toHaveLength(0);
  });
});

describe('four eyes', () => {
  it('a proposal is pending and changes nothing until another administrator approves it', async () => {
    const api = w.caller(admin);
    const proposed = await api.eligibility.override({ determinationId: firmB, eligible: true, amount: 20000, reason: 'Sanction annulled on appeal.', confirmOverBudget: true });
    expect(proposed).toMatchObject({ status: 'pending', overBudget: true });
    // Pending: listed as such, not applied to the row or the totals.
    const row = (await api.eligibility.determinations({ runId })).items.find((d) => d.id === firmB)!;
    expect(row).toMatchObject({ eligible: false, override: null, pending: { eligible: true, amount: 20000, overBudget: true } });
    expect((await api.eligibility.get({ runId })).totals).toMatchObject({ allocated: 20000, overBudget: false, pendingOverrides: 1 });
    expect(await api.eligibility.pendingOverrides({ runId })).toEqual([expect.objectContaining({ id: proposed.id, mine: true })]);
    // A second proposal waits for the first to be decided.
    expect((await failure(api.eligibility.override({ determinationId: firmB, eligible: false, amount: null, reason: 'Changed my mind on this.' }))).code).toBe('PRECONDITION_FAILED');

    // The proposer cannot approve (nor reject) their own.
    expect((await failure(api.eligibility.approveOverride({ overrideId: proposed.id, confirmOverBudget: true }))).code).toBe('FORBIDDEN');
    expect((await failure(api.eligibility.rejectOverride({ overrideId: proposed.id, reason: 'Withdrawn by its proposer.' }))).code).toBe('FORBIDDEN');

    // The second administrator sees it is over budget and must confirm too.
    const other = w.caller(admin2);
    expect((await other.eligibility.pendingOverrides({ runId }))[0]).toMatchObject({ mine: false });
    const unconfirmed = await failure(other.eligibility.approveOverride({ overrideId: proposed.id }));
    expect(keys(unconfirmed.fields, 'confirmOverBudget')).toEqual(['validation.incentives.override.overBudget']);
    await other.eligibility.approveOverride({ overrideId: proposed.id, confirmOverBudget: true });

    // Now in effect, over budget in the run totals, with both names on the row and in the audit.
    const after = (await api.eligibility.determinations({ runId })).items.find((d) => d.id === firmB)!;
    expect(after).toMatchObject({ eligible: true, amount: 20000, pending: null, override: { by: admin.name, approvedBy: admin2.name } });
    expect((await api.eligibility.get({ runId })).totals).toMatchObject({ allocated: 40000, budget: 30000, overBudget: true, overridden: 1, pendingOverrides: 0 });
    const audit = w.db.select().from(auditLog).where(eq(auditLog.action, 'determination.override.approve')).get()!;
    expect(audit).toMatchObject({ actorId: admin2.id, entityId: String(firmB), after: { proposedBy: admin.name, approvedBy: admin2.name, overBudget: { total: 40000, budget: 30000 } } });
    // Decided once: approving again is refused.
    expect((await failure(other.eligibility.approveOverride({ overrideId: proposed.id, confirmOverBudget: true }))).code).toBe('PRECONDITION_FAILED');
  });

  it('a rejection needs a reason, leaves the determination as it was and is audited', async () => {
    const api = w.caller(admin);
    const proposed = await api.eligibility.override({ determinationId: firm, eligible: false, amount: null, reason: 'Duplicate application found.' });
    const other = w.caller(admin2);
    expect(keys((await failure(other.eligibility.rejectOverride({ overrideId: proposed.id, reason: ' no ' }))).fields, 'reason')).toEqual(['validation.reason']);
    await other.eligibility.rejectOverride({ overrideId: proposed.id, reason: 'The duplicate is a different farm.' });
    const row = (await api.eligibility.determinations({ runId })).items.find((d) => d.id === firm)!;
    expect(row).toMatchObject({ eligible: true, amount: 10000, override: null, pending: null });
    expect(w.db.select().from(auditLog).where(eq(auditLog.action, 'determination.override.reject')).get()).toMatchObject({ actorId: admin2.id, reason: 'The duplicate is a different farm.' });
  });
});

describe('the database keeps its promise', () => {
  const raw = (statement: string, ...params: unknown[]) => () => w.db.$client.prepare(statement).run(...params);

  it('refuses changing or deleting published scores and score runs', () => {
    const run = w.db.select().from(scoreRuns).where(eq(scoreRuns.status, 'published')).get()!;
    const score = w.db.select().from(scores).where(eq(scores.runId, run.id)).get()!;
    expect(raw('update scores set composite = 99 where id = ?', score.id)).toThrow(/frozen/);
    expect(raw('delete from scores where id = ?', score.id)).toThrow(/frozen/);
    expect(raw('insert into scores (run_id, evaluation_id, stakeholder_id, composite, completeness) select run_id, evaluation_id, stakeholder_id, 99, completeness from scores where id = ?', score.id)).toThrow(/frozen/);
    expect(raw('delete from score_runs where id = ?', run.id)).toThrow(/frozen/);
  });

  it('refuses changing or deleting runs and determinations', () => {
    expect(raw('update determinations set amount = 1e15 where id = ?', firm)).toThrow(/immutable/);
    expect(raw('delete from determinations where id = ?', firm)).toThrow(/immutable/);
    expect(raw('update eligibility_runs set input_hash = ? where id = ?', 'sha256:0', runId)).toThrow(/immutable/);
    expect(raw('delete from eligibility_runs where id = ?', runId)).toThrow(/immutable/);
  });

  it('allows an override exactly one change: its pending decision, by someone else', async () => {
    const proposed = await w.caller(admin).eligibility.override({ determinationId: firm, eligible: true, amount: 12000, reason: 'Second site counted late.', confirmOverBudget: true });
    const now = Date.now();
    // Born decided, deleted, amount or reason changed, approved by its proposer: all refused.
    expect(raw(`insert into determination_overrides (determination_id, eligible, amount, reason, status, created_by, decided_by, decided_at) values (?, 1, 1e15, 'sneaky insert', 'approved', ?, ?, ?)`, firm, admin.id, admin2.id, now)).toThrow(/starts pending/);
    expect(raw('delete from determination_overrides where id = ?', proposed.id)).toThrow(/kept/);
    expect(raw('update determination_overrides set amount = 1e15 where id = ?', proposed.id)).toThrow(/kept as proposed/);
    expect(raw(`update determination_overrides set status = 'approved', decided_by = ?, decided_at = ?, amount = 1e15 where id = ?`, admin2.id, now, proposed.id)).toThrow(/kept as proposed/);
    expect(raw(`update determination_overrides set status = 'approved', decided_by = ?, decided_at = ? where id = ?`, admin.id, now, proposed.id)).toThrow(/kept as proposed/);
    // The one allowed change …
    raw(`update determination_overrides set status = 'approved', decided_by = ?, decided_at = ? where id = ?`, admin2.id, now, proposed.id)();
    // … and after it, none: not back to pending, not to rejected, not deleted.
    expect(raw(`update determination_overrides set status = 'rejected', decision_reason = 'changed my mind' where id = ?`, proposed.id)).toThrow(/kept as proposed/);
    expect(raw(`update determination_overrides set status = 'pending', decided_by = null, decided_at = null where id = ?`, proposed.id)).toThrow(/kept as proposed/);
    expect(raw('delete from determination_overrides where id = ?', proposed.id)).toThrow(/kept/);
  });
});
