// The scorecard's incentives section (issue 7 point 3): a stakeholder user sees its own
// determinations for the displayed published period — from the latest run of each program of that
// period, overrides applied and marked — and nobody else's.
import { beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { seedIfEmpty } from '@/seed';
import { determinations, eligibilityRuns, incentivePrograms, periods, stakeholders, user } from '@/db/schema';
import { loadSessionUser } from '@/server/auth/session';
import { callerFor, freshDb } from './helpers';

let db: Db;
const as = (username: string) => callerFor(db, loadSessionUser(db, db.select({ id: user.id }).from(user).where(eq(user.username, username)).get()!.id));
const stakeholderIdOf = (username: string) => db.select({ id: user.stakeholderId }).from(user).where(eq(user.username, username)).get()!.id!;
const periodIdOf = (code: string) => db.select({ id: periods.id }).from(periods).where(eq(periods.code, code)).get()!.id;
const programIdOf = (code: string) => db.select({ id: incentivePrograms.id }).from(incentivePrograms).where(eq(incentivePrograms.code, code)).get()!.id;

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

beforeAll(async () => {
  db = freshDb();
  await seedIfEmpty(db, { passwordHash: 'x' });
}, 60_000);

describe('incentives on the scorecard', () => {
  it('the demo runs each program once on 2026Q2, and each stakeholder user sees its own program’s determination', async () => {
    const runs = db.select({ program: incentivePrograms.code, period: periods.code }).from(eligibilityRuns).innerJoin(incentivePrograms, eq(incentivePrograms.id, eligibilityRuns.programId)).innerJoin(periods, eq(periods.id, eligibilityRuns.periodId)).all();
    expect(runs.map((r) => `${r.program}@${r.period}`).sort()).toEqual(['COMMEND-COUNTY-TOWN@2026Q2', 'SUBSIDY-RURAL-STEADY@2026Q2', 'TAX-FARMER-INCOME@2026Q2']);
    const expected = { firm1: 'TAX-FARMER-INCOME', coop1: 'SUBSIDY-RURAL-STEADY', town1: 'COMMEND-COUNTY-TOWN' };
    for (const [username, program] of Object.entries(expected)) {
      const card = await as(username).scorecards.get();
      expect(card.period).toBe('2026Q2');
      const list = card.incentives!.determinations;
      expect(list.map((d) => d.program.code)).toEqual([program]);
      const d = list[0]!;
      // The very determination stored for this stakeholder in that run.
      const stored = db.select().from(determinations).where(and(eq(determinations.id, d.determinationId), eq(determinations.stakeholderId, stakeholderIdOf(username)))).get()!;
      expect(stored).toBeDefined();
      expect([d.eligible, d.amount, d.rate]).toEqual([stored.eligible, stored.amount, stored.rate]);
      expect(d.override).toBeNull();
      expect(d.explanation.op).toBe('all');
      // Every clause carries the actual value and the threshold; a failure carries the gap.
      const leaves = d.explanation.op === 'all' ? d.explanation.rules : [];
      for (const leaf of leaves) if (leaf.op === 'clause') expect(leaf.explanation).toHaveProperty('threshold');
      if (d.truth === 'fail') expect(d.gap).not.toBeNull();
      else expect(d.gap).toBeNull();
    }
  });

  it('shows an administrator’s override as such, with the computed result kept', async () => {
    const firm = as('firm1');
    const before = (await firm.scorecards.get()).incentives!.determinations[0]!;
    await as('admin').eligibility.override({ determinationId: before.determinationId, eligible: !before.eligible, amount: before.eligible ? null : 1234.5, reason: 'Verified on site by the county office' });
    const after = (await firm.scorecards.get()).incentives!.determinations[0]!;
    expect(after.eligible).toBe(!before.eligible);
    expect(after.amount).toBe(before.eligible ? null : 1234.5);
    expect(after.computed).toEqual({ eligible: before.eligible, amount: before.amount });
    expect(after.override).toMatchObject({ eligible: !before.eligible, reason: 'Verified on site by the county office' });
  });

  it('only determinations of the displayed period, from the latest run of each program', async () => {
    const admin = as('admin');
    const coop = as('coop1');
    expect((await coop.scorecards.get({ period: '2026Q1' })).incentives!.determinations).toEqual([]);
    const q1 = await admin.eligibility.run({ programId: programIdOf('SUBSIDY-RURAL-STEADY'), periodId: periodIdOf('2026Q1') });
    const inQ1 = (await coop.scorecards.get({ period: '2026Q1' })).incentives!.determinations;
    expect(inQ1.map((d) => d.runId)).toEqual([q1.runId]);
    const q2Before = (await coop.scorecards.get()).incentives!.determinations;
    expect(q2Before[0]!.runId).not.toBe(q1.runId);
    const again = await admin.eligibility.run({ programId: programIdOf('SUBSIDY-RURAL-STEADY'), periodId: periodIdOf('2026Q2') });
    expect((await coop.scorecards.get()).incentives!.determinations.map((d) => d.runId)).toEqual([again.runId]);
  });

  it('a stakeholder user cannot reach another stakeholder’s determinations', async () => {
    const firm = as('firm1');
    const own = stakeholderIdOf('firm1');
    const other = db.select({ id: stakeholders.id, code: stakeholders.code }).from(stakeholders).where(eq(stakeholders.type, 'market')).all().find((s) => s.id !== own)!;
    expect(await codeOf(firm.scorecards.get({ stakeholderId: other.id }))).toBe('FORBIDDEN');
    // The answer holds this stakeholder's determinations only: ids all belong to it, no other code appears.
    const card = await firm.scorecards.get();
    for (const d of card.incentives!.determinations) expect(db.select().from(determinations).where(eq(determinations.id, d.determinationId)).get()!.stakeholderId).toBe(own);
    const json = JSON.stringify(card.incentives);
    const otherCodes = db.select({ code: stakeholders.code }).from(stakeholders).all().map((s) => s.code).filter((c) => c !== card.stakeholder.code);
    expect(otherCodes.filter((c) => json.includes(`"${c}"`))).toEqual([]);
    // An admin reading that other stakeholder sees its own determination, not firm1's.
    const theirs = await as('admin').scorecards.get({ stakeholderId: other.id });
    const mine = new Set(card.incentives!.determinations.map((d) => d.determinationId));
    expect(theirs.incentives!.determinations.length).toBe(1);
    expect(theirs.incentives!.determinations.some((d) => mine.has(d.determinationId))).toBe(false);
  });
});
