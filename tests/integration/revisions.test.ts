// Revisions: accepted corrections published as revision 2, 3, … of a period. The earlier run stays
// byte for byte; the new run equals the engine on the approved values with the corrections laid
// over them by hand; every reader of published scores shows the revision, each stakeholder once.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { appealItems, appealSteps, appeals, auditLog, determinationOverrides, determinations, eligibilityRuns, indicators, notifications, periodRevisions, robustnessChecks, scoreRuns, scores } from '@/db/schema';
import { env } from '@/server/env';
import { settleJobs } from '@/server/jobs/runner';
import { scoreKpiSet } from '@/core/scoring';
import { restrictToDocument } from '@/core/scoring/period-scoring';
import { gatherValues } from '@/server/queries/score-runs';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { publishedRunsOf, publishedScoresOf } from '@/server/queries/scores';
import { periodRunPublications } from '@/server/queries/run-publication';
import { buildPeriodInputs } from '@/server/queries/eligibility-inputs';
import { stakeholderDeterminations } from '@/server/queries/determinations';
import { makeFactory, PROGRAMS, type Factory } from './factory';
import { waitForJob } from './helpers';

const INCOME = 'mk_income';
const GROWTH = 'mk_growth';

/** One published quarter of four market stakeholders and one program run on it. */
async function world() {
  const f = makeFactory();
  const p = await f.period(2026, 1);
  const { versionId } = await f.kpiSet('market', [{ code: 'income', indicators: [{ code: INCOME }] }, { code: 'growth', indicators: [{ code: GROWTH }] }], { effectiveFromPeriodId: p.id });
  const c = await f.stakeholder('market');
  const d = await f.stakeholder('market');
  const who = { a: f.w.shA.id, b: f.w.shB.id, c: c.id, d: d.id };
  const values = { a: [60, 60], b: [75, 75], c: [80, 72], d: [40, 50] } as const;
  for (const k of ['a', 'b', 'c', 'd'] as const) await f.evaluate(who[k], { [INCOME]: values[k][0], [GROWTH]: values[k][1] });
  await f.publish(p.id);
  const program = await f.program(PROGRAMS[0]!);
  const eligibility = await waitForJob(f.api, await f.api.eligibility.run({ programId: program.id, periodId: p.id }));
  const firmUser = f.user('stakeholder', { stakeholderId: who.a, username: 'firm-a' });
  const proposer = f.user('assessor', { regionIds: [f.w.countyA.id, f.w.countyB.id], username: 'proposer' });
  return { f, periodId: p.id, versionId, who, program, eligibilityRunId: eligibility.runId, firmUser, proposer };
}

type World = Awaited<ReturnType<typeof world>>;

/** An appeal accepted with corrections, as H2's four-eyes decision leaves it (rows, not the workflow). */
function acceptAppeal(w: World, stakeholderId: number, corrected: Record<string, number>) {
  const { f } = w;
  const run = f.db.select().from(scoreRuns).where(and(eq(scoreRuns.periodId, w.periodId), eq(scoreRuns.status, 'published'))).orderBy(asc(scoreRuns.id)).all().at(-1)!;
  const now = new Date();
  const appeal = f.db
    .insert(appeals)
    .values({ stakeholderId, periodId: w.periodId, scoreRunId: run.id, status: 'accepted', dueOn: '2026-06-30', createdBy: w.firmUser.id, proposal: 'accept', proposalReason: '证据充分', proposedBy: w.proposer.id, proposedAt: now, decidedBy: f.admin.id, decidedAt: now })
    .returning()
    .get();
  for (const [code, value] of Object.entries(corrected)) {
    const indicator = f.db.select().from(indicators).where(eq(indicators.code, code)).get()!;
    f.db.insert(appealItems).values({ appealId: appeal.id, indicatorId: indicator.id, publishedValue: null, claimedValue: value, reason: '统计口径错误', correctedValue: value, corrected: true }).run();
  }
  return appeal.id;
}

/** A hash of every stored column of a run's scores, in id order. */
function runHash(f: Factory, runId: number) {
  const rows = f.db.select().from(scores).where(eq(scores.runId, runId)).orderBy(asc(scores.id)).all();
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

async function preview(f: Factory, periodId: number) {
  const handle = await f.api.revisions.preview({ periodId });
  const result = await waitForJob(f.api, handle);
  return { jobId: handle.jobId, result };
}

async function revise(f: Factory, periodId: number, note = '复核后更正收入数据') {
  const { jobId } = await preview(f, periodId);
  return waitForJob(f.api, await f.api.revisions.publish({ periodId, previewJobId: jobId, note }));
}

const reasonOf = async (p: Promise<unknown>) => {
  const e = (await p.catch((x: unknown) => x)) as TRPCError & { cause?: { reason?: string } };
  expect(e).toBeInstanceOf(TRPCError);
  return (e.cause as { reason?: string } | undefined)?.reason ?? e.message;
};

describe('revisions', () => {
  it('publishes revision 2: the earlier run byte-identical, the new run the engine on the corrected values', async () => {
    const w = await world();
    const { f, periodId, versionId, who } = w;
    const original = f.db.select().from(scoreRuns).where(eq(scoreRuns.periodId, periodId)).all().find((r) => r.status === 'published')!;
    const hashBefore = runHash(f, original.id);
    const appealId = acceptAppeal(w, who.a, { [INCOME]: 95 });
    // An override standing on the original run (awaiting its second administrator) is not
    // carried to the recomputed run: the impact counts it for review.
    const dOfB = f.db.select().from(determinations).where(and(eq(determinations.runId, w.eligibilityRunId), eq(determinations.stakeholderId, who.b))).get()!;
    f.db.insert(determinationOverrides).values({ determinationId: dOfB.id, eligible: !dOfB.eligible, amount: null, reason: 'Field visit confirmed the output', createdBy: f.admin.id }).run();

    const shown = await preview(f, periodId);
    expect(shown.result.impact.eligibility[0]!.overrides).toBe(1);
    // The preview rolled back: no run, revision or eligibility run was left behind.
    expect(f.db.select().from(periodRevisions).all()).toHaveLength(0);
    expect(f.db.select().from(scoreRuns).where(eq(scoreRuns.status, 'published')).all()).toHaveLength(1);
    expect(shown.result.impact.number).toBe(2);
    expect(shown.result.impact.corrections.map((c) => [c.stakeholderId, c.indicatorCode, c.correctedValue])).toEqual([[who.a, INCOME, 95]]);
    const row = shown.result.impact.scores[0]!.listed.find((c) => c.stakeholderId === who.a)!;
    expect(row.before.composite).toBeCloseTo(60, 9);
    expect(row.after.composite).toBeCloseTo(77.5, 9);
    expect([row.before.grade, row.after.grade]).toEqual(['C', 'B']);

    const published = await f.api.revisions.publish({ periodId, previewJobId: shown.jobId, note: '复核后更正收入数据' }).then((h) => waitForJob(f.api, h));
    expect(published.number).toBe(2);

    // The earlier run: the same row, the same input hash, the same scores byte for byte.
    const after = f.db.select().from(scoreRuns).where(eq(scoreRuns.id, original.id)).get()!;
    expect(after).toEqual(original);
    expect(runHash(f, original.id)).toBe(hashBefore);

    // The new run: the approved values with the correction laid over them, scored by the engine.
    const revised = f.db.select().from(scoreRuns).where(eq(scoreRuns.id, published.runs[0]!.runId)).get()!;
    const revision = f.db.select().from(periodRevisions).get()!;
    expect(revised).toMatchObject({ status: 'published', kind: 'official', revisionId: revision.id, kpiSetVersionId: versionId });
    expect(revised.inputHash).not.toBe(original.inputHash);
    const doc = loadKpiSetVersion(f.db, versionId).document;
    const input = gatherValues(f.db, periodId, versionId, ['approved']);
    const byHand = input.rows.map((r) => (input.meta.get(r.stakeholder)!.stakeholderId === who.a ? { ...r, values: { ...r.values, [INCOME]: 95 } } : r));
    const expected = scoreKpiSet(doc, restrictToDocument(doc, byHand));
    const stored = new Map(f.db.select().from(scores).where(eq(scores.runId, revised.id)).all().map((s) => [s.stakeholderId, s]));
    expect(stored.size).toBe(4);
    for (const r of expected.results) {
      const s = stored.get(input.meta.get(r.stakeholder)!.stakeholderId)!;
      expect(Math.abs(s.composite! - r.composite!)).toBeLessThan(1e-9);
      expect([s.grade, s.rank, s.percentile]).toEqual([r.grade, r.rank, r.percentile]);
    }
    expect(stored.get(who.a)!.indicators[INCOME]!.raw).toBe(95);

    // The revision row keeps the impact shown; the appeal points at it with a 'revised' step.
    expect(revision).toMatchObject({ periodId, number: 2, note: '复核后更正收入数据', publishedBy: f.admin.id });
    expect(revision.impact).toEqual(shown.result.impact);
    expect(f.db.select().from(appeals).where(eq(appeals.id, appealId)).get()!.revisionId).toBe(revision.id);
    expect(f.db.select().from(appealSteps).where(eq(appealSteps.appealId, appealId)).all().map((s) => s.step)).toEqual(['revised']);
    const audit = f.db.select().from(auditLog).where(eq(auditLog.action, 'period.revise')).all();
    expect(audit).toHaveLength(1);

    // The eligibility run was recomputed as a new run replacing the program's run.
    const reruns = f.db.select().from(eligibilityRuns).where(eq(eligibilityRuns.replacesRunId, w.eligibilityRunId)).all();
    expect(reruns).toHaveLength(1);
    expect(reruns[0]!.revisionId).toBe(revision.id);
    expect(reruns[0]!.programSnapshot.scoreRunIds).toEqual([revised.id]);
    expect(f.db.select().from(determinations).where(eq(determinations.runId, w.eligibilityRunId)).all()).toHaveLength(4);
    // The run pages link both ways; the new one lists who changed (A now passes composite ≥ 70 and income ≥ 65).
    const oldPage = await f.api.eligibility.get({ runId: w.eligibilityRunId });
    expect(oldPage.revision).toMatchObject({ replaces: null, replacedBy: { id: reruns[0]!.id, number: 2 } });
    const newPage = await f.api.eligibility.get({ runId: reruns[0]!.id });
    expect(newPage.revision!.replaces).toMatchObject({ id: w.eligibilityRunId, number: 2 });
    expect(newPage.revision!.replaces!.differences.counts.gained).toBe(1);
    expect(newPage.revision!.replaces!.differences.listed[0]).toMatchObject({ change: 'gained', stakeholderId: who.a, before: { eligible: false }, after: { eligible: true } });
    expect(shown.result.impact.eligibility[0]!.counts).toEqual(newPage.revision!.replaces!.differences.counts);
    expect(newPage.revision!.replaces!.differences.overrides).toBe(1);
    expect(f.db.select().from(determinationOverrides).all()).toHaveLength(1);

    // The stakeholder's users are told.
    const told = f.db.select().from(notifications).where(eq(notifications.userId, w.firmUser.id)).all().filter((n) => n.kind === 'period_revised');
    expect(told).toHaveLength(1);
    expect(told[0]!.params).toEqual({ period: '2026Q1', revision: 2 });
  });

  it('every reader of published scores shows the revision, each stakeholder once', async () => {
    const w = await world();
    const { f, periodId, who } = w;
    acceptAppeal(w, who.a, { [INCOME]: 95 });
    const published = await revise(f, periodId);
    const newRun = published.runs[0]!.runId;

    const mine = publishedScoresOf(f.db, who.a);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.runId).toBe(newRun);
    expect(mine[0]!.score.composite).toBeCloseTo(77.5, 9);
    expect(publishedRunsOf(f.db, periodId).map((r) => r.id)).toEqual([newRun]);
    expect(periodRunPublications(f.db, '2026Q1').map((r) => r.runId)).toEqual([newRun]);
    const inputs = buildPeriodInputs(f.db, periodId, ['market'], 0);
    expect(inputs.inputs).toHaveLength(4);
    expect(inputs.inputs.find((i) => i.stakeholder === f.w.shA.code)!.composite).toBeCloseTo(77.5, 9);

    // The scorecard shows the revised figures and says why.
    const card = await f.caller(w.firmUser).scorecards.get({ period: '2026Q1' });
    expect(card.card!.composite).toBeCloseTo(77.5, 9);
    expect(card.card!.indicators.find((i) => i.code === INCOME)!.raw).toBe(95);
    expect(card.revision).toMatchObject({ number: 2, note: '复核后更正收入数据', corrections: [{ code: INCOME, to: 95, revision: 2 }] });
    expect(card.revision!.original!.composite).toBeCloseTo(60, 9);
    expect(card.card!.peers.province.peers).toBe(4);

    // The determinations a stakeholder sees come from the program's latest run.
    const ds = stakeholderDeterminations(f.db, who.a, periodId).determinations;
    expect(ds).toHaveLength(1);
    const latest = f.db.select().from(eligibilityRuns).where(eq(eligibilityRuns.replacesRunId, w.eligibilityRunId)).get()!;
    expect(f.db.select().from(determinations).where(eq(determinations.id, ds[0]!.determinationId)).get()!.runId).toBe(latest.id);

    // A later period's "consecutive" history reads the revised quarter, each stakeholder once.
    const q2 = await f.period(2026, 2);
    for (const id of Object.values(who)) await f.evaluate(id, { [INCOME]: 50, [GROWTH]: 50 });
    await f.publish(q2.id);
    const later = buildPeriodInputs(f.db, q2.id, ['market'], 1);
    expect(later.inputs).toHaveLength(4);
    const historyOfA = later.inputs.find((i) => i.stakeholder === f.w.shA.code)!.history!;
    expect(historyOfA).toHaveLength(1);
    expect(historyOfA[0]!.score!.composite).toBeCloseTo(77.5, 9);
  });

  it('numbers revisions 2, 3 and lays every earlier correction under the later one', async () => {
    const w = await world();
    const { f, periodId, who } = w;
    acceptAppeal(w, who.a, { [INCOME]: 95 });
    expect((await revise(f, periodId)).number).toBe(2);
    acceptAppeal(w, who.d, { [GROWTH]: 90 });
    const third = await revise(f, periodId, '第二次复核更正');
    expect(third.number).toBe(3);
    const s = new Map(f.db.select().from(scores).where(eq(scores.runId, third.runs[0]!.runId)).all().map((r) => [r.stakeholderId, r]));
    expect(s.get(who.a)!.composite).toBeCloseTo(77.5, 9); // revision 2's correction still holds
    expect(s.get(who.d)!.composite).toBeCloseTo(65, 9);
    expect(f.db.select().from(periodRevisions).orderBy(asc(periodRevisions.number)).all().map((r) => r.number)).toEqual([2, 3]);
    // Three published runs of the period; readers see only the last.
    expect(f.db.select().from(scoreRuns).where(and(eq(scoreRuns.periodId, periodId), eq(scoreRuns.status, 'published'))).all()).toHaveLength(3);
    expect(publishedScoresOf(f.db, who.d)[0]!.runId).toBe(third.runs[0]!.runId);
    // The second re-run replaces the first re-run.
    const chain = f.db.select().from(eligibilityRuns).orderBy(asc(eligibilityRuns.id)).all();
    expect(chain.map((r) => r.replacesRunId)).toEqual([null, chain[0]!.id, chain[1]!.id]);
  });

  it('refuses a revision with nothing pending, and a preview made stale by a later acceptance', async () => {
    const w = await world();
    const { f, periodId, who } = w;
    expect(await reasonOf(f.api.revisions.preview({ periodId }))).toBe('revision_nothing_pending');
    acceptAppeal(w, who.a, { [INCOME]: 95 });
    const { jobId } = await preview(f, periodId);
    acceptAppeal(w, who.b, { [INCOME]: 99 });
    expect(await reasonOf(f.api.revisions.publish({ periodId, previewJobId: jobId, note: '复核后更正收入数据' }))).toBe('revision_preview_stale');
    expect(f.db.select().from(periodRevisions).all()).toHaveLength(0);
    // A preview of another kind, or none, is no preview.
    expect(await reasonOf(f.api.revisions.publish({ periodId, previewJobId: 999, note: '复核后更正收入数据' }))).toBe('revision_preview_missing');
    await revise(f, periodId);
    expect(await reasonOf(f.api.revisions.preview({ periodId }))).toBe('revision_nothing_pending');
  });

  it("re-runs a program from the replaced run's snapshot, not the program as edited since", async () => {
    const w = await world();
    const { f, periodId, who, program } = w;
    const before = f.db.select().from(eligibilityRuns).where(eq(eligibilityRuns.id, w.eligibilityRunId)).get()!;
    const stricter = { ...PROGRAMS[0]!, rule: { op: 'clause' as const, clause: { kind: 'composite' as const, cmp: 'gte' as const, value: 99 } } };
    await f.api.incentives.update({ id: program.id, data: stricter });
    acceptAppeal(w, who.a, { [INCOME]: 95 });
    await revise(f, periodId);
    const rerun = f.db.select().from(eligibilityRuns).where(eq(eligibilityRuns.replacesRunId, before.id)).get()!;
    const { scoreRunIds: _a, ...snapBefore } = before.programSnapshot;
    const { scoreRunIds: _b, ...snapAfter } = rerun.programSnapshot;
    expect(snapAfter).toEqual(snapBefore);
    // The new run is checked for robustness by itself, as every run is; the replaced one keeps its own check.
    await settleJobs();
    expect(f.db.select().from(robustnessChecks).where(eq(robustnessChecks.runId, rerun.id)).all()).toMatchObject([{ automatic: true, draws: env.ROBUSTNESS_AUTO_DRAWS }]);
    expect(f.db.select().from(robustnessChecks).where(eq(robustnessChecks.runId, before.id)).all()).toMatchObject([{ automatic: true }]);
  });

  it('is for administrators only', async () => {
    const w = await world();
    const { f, periodId, who } = w;
    acceptAppeal(w, who.a, { [INCOME]: 95 });
    for (const u of [w.proposer, w.firmUser]) {
      const c = f.caller(u);
      for (const call of [() => c.revisions.overview({ periodId }), () => c.revisions.preview({ periodId }), () => c.revisions.publish({ periodId, previewJobId: 1, note: '复核后更正收入数据' })]) {
        const e = (await call().catch((x: unknown) => x)) as TRPCError;
        expect(e.code).toBe('FORBIDDEN');
      }
    }
    const overview = await f.api.revisions.overview({ periodId });
    expect(overview.pending).toHaveLength(1);
    expect(overview.nextNumber).toBe(2);
  });
});
