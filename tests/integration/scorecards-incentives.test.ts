// The scorecard's incentives section: a stakeholder user sees its own determinations for the
// displayed published period — from the latest run of each program of that period, overrides
// applied and marked — and nobody else's. Worked on the small scored world of factory.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { determinations } from '@/db/schema';
import { PROGRAMS, publishedWorld } from './factory';
import { waitForJob } from './helpers';

let w: Awaited<ReturnType<typeof publishedWorld>>;
const programIds: Record<string, number> = {};
const runIds: Record<string, number> = {};

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
  w = await publishedWorld();
  for (const p of PROGRAMS) {
    const created = await w.program(p);
    programIds[p.code] = created.id;
    runIds[p.code] = (await waitForJob(w.api, await w.api.eligibility.run({ programId: created.id, periodId: w.periodIds['2026Q2'] }))).runId;
  }
}, 60_000);

describe('incentives on the scorecard', () => {
  it('each stakeholder user sees its own program’s determination of 2026Q2', async () => {
    // firm 65 (income 60) fails the tax break; coop 75 after 65 and 60 gets 20000 + 15/40 · 80000;
    // town 85 (A, well coordinated) is commended.
    const expected = {
      firm: { program: 'TAX-FARMER-INCOME', eligible: false, amount: null, truth: 'fail', clauses: 3 },
      coop: { program: 'SUBSIDY-RURAL-STEADY', eligible: true, amount: 50000, truth: 'pass', clauses: 2 },
      town: { program: 'COMMEND-COUNTY-TOWN', eligible: true, amount: null, truth: 'pass', clauses: 2 },
    } as const;
    for (const [name, want] of Object.entries(expected)) {
      const user = w.users[name as keyof typeof expected];
      const card = await w.caller(user).scorecards.get();
      expect(card.period).toBe('2026Q2');
      const list = card.incentives!.determinations;
      expect(list.map((d) => [d.program.code, d.runId])).toEqual([[want.program, runIds[want.program]]]);
      const d = list[0]!;
      expect([d.eligible, d.amount, d.truth], name).toEqual([want.eligible, want.amount, want.truth]);
      // The very determination stored for this stakeholder in that run.
      const stored = w.db.select().from(determinations).where(eq(determinations.id, d.determinationId)).get()!;
      expect([stored.stakeholderId, stored.eligible, stored.amount, stored.rate]).toEqual([user.stakeholderId, d.eligible, d.amount, d.rate]);
      expect(d.override).toBeNull();
      expect(d.explanation.op).toBe('all');
      // Every clause carries the actual value and the threshold; a failure carries the gap.
      const leaves = d.explanation.op === 'all' ? d.explanation.rules : [];
      expect(leaves).toHaveLength(want.clauses);
      for (const leaf of leaves) if (leaf.op === 'clause') expect(leaf.explanation).toHaveProperty('threshold');
      if (d.truth === 'fail') expect(d.gap).not.toBeNull();
      else expect(d.gap).toBeNull();
    }
  });

  it('shows an approved override as such, with the computed result kept; a pending one not at all', async () => {
    const firm = w.caller(w.users.firm);
    const before = (await firm.scorecards.get()).incentives!.determinations[0]!;
    expect([before.eligible, before.amount]).toEqual([false, null]);
    const proposed = await w.api.eligibility.override({ determinationId: before.determinationId, eligible: true, amount: 1234.5, reason: 'Verified on site by the county office' });
    expect((await firm.scorecards.get()).incentives!.determinations[0]).toMatchObject({ eligible: false, override: null });
    await w.caller(w.user('admin')).eligibility.approveOverride({ overrideId: proposed.id });
    const after = (await firm.scorecards.get()).incentives!.determinations[0]!;
    expect(after.eligible).toBe(true);
    expect(after.amount).toBe(1234.5);
    expect(after.computed).toEqual({ eligible: false, amount: null });
    expect(after.override).toMatchObject({ eligible: true, reason: 'Verified on site by the county office' });
  });

  it('only determinations of the displayed period, from the latest run of each program', async () => {
    const coop = w.caller(w.users.coop);
    expect((await coop.scorecards.get({ period: '2026Q1' })).incentives!.determinations).toEqual([]);
    const q1 = await waitForJob(w.api, await w.api.eligibility.run({ programId: programIds['SUBSIDY-RURAL-STEADY']!, periodId: w.periodIds['2026Q1'] }));
    const inQ1 = (await coop.scorecards.get({ period: '2026Q1' })).incentives!.determinations;
    expect(inQ1.map((d) => d.runId)).toEqual([q1.runId]);
    const q2Before = (await coop.scorecards.get()).incentives!.determinations;
    expect(q2Before.map((d) => d.runId)).toEqual([runIds['SUBSIDY-RURAL-STEADY']]);
    const again = await waitForJob(w.api, await w.api.eligibility.run({ programId: programIds['SUBSIDY-RURAL-STEADY']!, periodId: w.periodIds['2026Q2'] }));
    expect((await coop.scorecards.get()).incentives!.determinations.map((d) => d.runId)).toEqual([again.runId]);
  });

  it('a stakeholder user cannot reach another stakeholder’s determinations', async () => {
    const firm = w.caller(w.users.firm);
    const own = w.who.firm.id;
    const other = w.who.firm2;
    expect(await codeOf(firm.scorecards.get({ stakeholderId: other.id }))).toBe('NOT_FOUND');
    // The answer holds this stakeholder's determinations only: ids all belong to it, no other code appears.
    const card = await firm.scorecards.get();
    for (const d of card.incentives!.determinations) expect(w.db.select().from(determinations).where(eq(determinations.id, d.determinationId)).get()!.stakeholderId).toBe(own);
    const json = JSON.stringify(card.incentives);
    const otherCodes = Object.values(w.who).map((s) => s.code).filter((c) => c !== card.stakeholder.code);
    expect(otherCodes.filter((c) => json.includes(`"${c}"`))).toEqual([]);
    // An admin reading firm2 sees its own determination, not firm's: 85 → 5 % of 80 × 10,000.
    const theirs = (await w.api.scorecards.get({ stakeholderId: other.id })).incentives!.determinations;
    const mine = new Set(card.incentives!.determinations.map((d) => d.determinationId));
    expect(theirs.map((d) => [d.program.code, d.eligible, d.rate, d.amount])).toEqual([['TAX-FARMER-INCOME', true, 5, 40000]]);
    expect(theirs.some((d) => mine.has(d.determinationId))).toBe(false);
  });
});
