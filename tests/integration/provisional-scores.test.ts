// The provisional scores of an open period are recomputed as a `scores.provisional` job after an
// approval commits, not in the approving request; requests are coalesced per period × version
// (a request while one is queued joins it; one while it runs queues a single follow-up).
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { evaluations, jobs, scoreRuns, scores } from '@/db/schema';
import { requestProvisionalScores } from '@/server/jobs/provisional';
import { settleJobs } from '@/server/jobs/runner';
import { approveEvaluations } from '@/server/services/evaluations/bulk-review';
import { makeFactory } from './factory';

// Runs a test's hook right after a provisional run has been written, while its job still runs.
const hook = vi.hoisted(() => ({ afterCompute: null as null | (() => void) }));
vi.mock('@/server/queries/score-runs', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/server/queries/score-runs')>();
  return {
    ...real,
    computeScoreRun: (...args: Parameters<typeof real.computeScoreRun>) => {
      const out = real.computeScoreRun(...args);
      const h = hook.afterCompute;
      hook.afterCompute = null;
      h?.();
      return out;
    },
  };
});

let f: ReturnType<typeof makeFactory>;
let key: { periodId: number; versionId: number };
let submitted: number[];
let reviewer: ReturnType<ReturnType<typeof makeFactory>['user']>;

beforeAll(async () => {
  f = makeFactory();
  const q = await f.period(2026, 1);
  await f.kpiSet('market', [{ code: 'income', indicators: [{ code: 'mk_income' }] }, { code: 'growth', indicators: [{ code: 'mk_growth' }] }], { effectiveFromPeriodId: q.id });
  submitted = [];
  for (let i = 0; i < 4; i++) {
    const s = await f.stakeholder('market', f.w.townA.id, `主体 ${i}`);
    submitted.push(await f.evaluate(s.id, { mk_income: 40 + 10 * i, mk_growth: 30 + 5 * i }, 'submitted'));
  }
  const e = f.db.select().from(evaluations).where(eq(evaluations.id, submitted[0]!)).get()!;
  key = { periodId: e.periodId, versionId: e.kpiSetVersionId };
  reviewer = f.user('admin', { username: 'second-admin' });
}, 60_000);

const provisionalRuns = () => f.db.select().from(scoreRuns).where(and(eq(scoreRuns.kind, 'provisional'), eq(scoreRuns.periodId, key.periodId))).all();
const scoredEvaluations = (runId: number) => f.db.select({ id: scores.evaluationId }).from(scores).where(eq(scores.runId, runId)).all().map((r) => r.id).sort((a, b) => a - b);
const provisionalJobs = () => f.db.select().from(jobs).where(eq(jobs.kind, 'scores.provisional')).orderBy(jobs.id).all();
const revisionOf = (id: number) => f.db.select({ r: evaluations.revision }).from(evaluations).where(eq(evaluations.id, id)).get()!.r;

describe('provisional scores as a job', () => {
  it('approving answers before the recompute; the job then writes the run the synchronous path writes', async () => {
    const id = submitted[0]!;
    expect(await f.caller(reviewer).evaluations.approve({ id, revision: revisionOf(id) })).toMatchObject({ status: 'approved' });
    // The request has returned: no run yet, one queued job for the period and version.
    expect(provisionalRuns()).toHaveLength(0);
    expect(provisionalJobs().map((j) => [j.status, j.input])).toEqual([['queued', key]]);
    // The dashboard that shows provisional figures says they are being recomputed.
    expect(await f.caller(reviewer).countyDashboard.get({ periodId: key.periodId })).toMatchObject({ recomputing: true });

    await settleJobs();
    expect(await f.caller(reviewer).countyDashboard.get({ periodId: key.periodId })).toMatchObject({ provisional: true, recomputing: false });
    const [job] = provisionalJobs();
    expect(job).toMatchObject({ status: 'succeeded', startedBy: reviewer.id });
    const [run] = provisionalRuns();
    expect(job!.result).toMatchObject({ refreshed: true, runId: run!.id, scored: 1 });
    expect(scoredEvaluations(run!.id)).toEqual([id]);
    const byJob = f.db.select().from(scores).where(eq(scores.runId, run!.id)).all();

    // The same recompute called directly (as the approval did before) gives the same run.
    const { computeScoreRun } = await vi.importActual<typeof import('@/server/queries/score-runs')>('@/server/queries/score-runs');
    const direct = computeScoreRun(f.db, { ...key, kind: 'provisional', actorId: reviewer.id });
    expect([direct.run.inputHash, direct.run.methodHash]).toEqual([run!.inputHash, run!.methodHash]);
    const strip = (rows: (typeof scores.$inferSelect)[]) => rows.map(({ runId: _r, id: _i, ...rest }) => rest);
    expect(strip(f.db.select().from(scores).where(eq(scores.runId, direct.run.id)).all())).toEqual(strip(byJob));
    // Replaced, as a provisional run is: one per period and version.
    expect(provisionalRuns()).toHaveLength(1);
  });

  it('coalesces: a request while one is queued joins it; one while it runs starts once more after it', async () => {
    f.db.run(sql`delete from jobs`);
    const first = requestProvisionalScores(f.db, [key, key], reviewer.id);
    const again = requestProvisionalScores(f.db, [key], reviewer.id);
    expect(first).toHaveLength(1);
    expect(again).toEqual(first);

    // While the first job runs (its run written, the job not yet ended), two more approvals.
    const during: number[] = [];
    hook.afterCompute = () => {
      expect(provisionalJobs().map((j) => j.status)).toEqual(['running']);
      for (const id of [submitted[1]!, submitted[2]!]) {
        approveEvaluations(f.db, reviewer, [{ id, revision: revisionOf(id) }]);
        during.push(provisionalJobs().length);
      }
    };
    await settleJobs();
    // One follow-up for both approvals, started after the first ended; it saw both.
    expect(during).toEqual([2, 2]);
    const all = provisionalJobs();
    expect(all.map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
    expect(all[1]!.startedAt!.getTime()).toBeGreaterThanOrEqual(all[0]!.finishedAt!.getTime());
    const [run] = provisionalRuns();
    expect(scoredEvaluations(run!.id)).toEqual([submitted[0]!, submitted[1]!, submitted[2]!].sort((a, b) => a - b));
  });

  it('a published period is left alone by a late job', async () => {
    f.db.run(sql`delete from jobs`);
    const runsBefore = provisionalRuns().map((r) => r.id);
    f.db.run(sql`update periods set status = 'published' where id = ${key.periodId}`);
    try {
      requestProvisionalScores(f.db, [key], reviewer.id);
      await settleJobs();
      expect(provisionalJobs()[0]).toMatchObject({ status: 'succeeded', result: { refreshed: false, note: 'published' } });
      expect(provisionalRuns().map((r) => r.id)).toEqual(runsBefore);
    } finally {
      f.db.run(sql`update periods set status = 'open' where id = ${key.periodId}`);
    }
  });
});
