// A server killed in the middle of publishing a revision (its new run already written in the open
// transaction, the eligibility re-run under way) leaves nothing of it: no revision, no run, no
// eligibility run, the appeal still pending. The job is failed at the next start; the same
// preview then publishes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDb, openDb, type Db } from '@/db/client';
import { appealItems, appeals, eligibilityRuns, evaluations, indicators, jobs, periodRevisions, scoreRuns, stakeholders } from '@/db/schema';
import { setDb } from '@/server/db';
import { recoverInterruptedJobs } from '@/server/jobs/recovery';
import { closeJobPool, settleJobs } from '@/server/jobs/runner';
import { makeFactory, PROGRAMS } from './factory';
import { killJobWhen, waitForJob } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-revision-'));
afterAll(async () => {
  await closeJobPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A published quarter of `n` market stakeholders (inserted in bulk), a program run on it, one accepted correction. */
async function publishedQuarter(db: Db, n: number) {
  const f = makeFactory(db);
  const q = await f.period(2026, 1);
  const { versionId } = await f.kpiSet('market', [{ code: 'income', indicators: [{ code: 'mk_income' }] }, { code: 'growth', indicators: [{ code: 'mk_growth' }] }], { effectiveFromPeriodId: q.id });
  const reviewer = f.user('admin');
  const ids = ['mk_income', 'mk_growth'].map((code) => db.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, code)).get()!.id);
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const sh = db.insert(stakeholders).values({ code: `MK-B${String(i).padStart(5, '0')}`, name: `主体 ${i}`, type: 'market', regionId: i % 2 ? f.w.townA.id : f.w.townB.id }).returning({ id: stakeholders.id }).get();
      const e = db
        .insert(evaluations)
        .values({ stakeholderId: sh.id, periodId: q.id, kpiSetVersionId: versionId, status: 'approved', createdBy: f.admin.id, submittedBy: f.admin.id, submittedAt: new Date(), approvedBy: reviewer.id, approvedAt: new Date() })
        .returning({ id: evaluations.id })
        .get();
      db.$client.prepare('insert into evaluation_values (evaluation_id, indicator_id, value) values (?, ?, ?), (?, ?, ?)').run(e.id, ids[0], (i * 7) % 100, e.id, ids[1], (i * 13) % 100);
    }
  });
  await f.publish(q.id);
  // The publish's work after its success (the dashboard's figures) still writes in the worker.
  await settleJobs();
  const program = await f.program(PROGRAMS[0]!);
  await waitForJob(f.api, await f.api.eligibility.run({ programId: program.id, periodId: q.id }));
  // The run's automatic robustness check writes from this process: let it end before another process writes.
  await settleJobs();
  const run = db.select().from(scoreRuns).where(and(eq(scoreRuns.periodId, q.id), eq(scoreRuns.status, 'published'))).get()!;
  const firm = db.select().from(stakeholders).where(eq(stakeholders.code, 'MK-B00001')).get()!;
  const filer = f.user('stakeholder', { stakeholderId: firm.id });
  const proposer = f.user('assessor', { regionIds: [f.w.countyA.id] });
  const now = new Date();
  const appeal = db
    .insert(appeals)
    .values({ stakeholderId: firm.id, periodId: q.id, scoreRunId: run.id, status: 'accepted', dueOn: '2026-06-30', createdBy: filer.id, proposal: 'accept', proposedBy: proposer.id, proposedAt: now, decidedBy: f.admin.id, decidedAt: now })
    .returning()
    .get();
  db.insert(appealItems).values({ appealId: appeal.id, indicatorId: ids[0]!, publishedValue: 7, claimedValue: 97, reason: '统计口径错误', correctedValue: 97, corrected: true }).run();
  return { f, periodId: q.id, appealId: appeal.id };
}

describe('a revision killed mid-publish', () => {
  it('leaves nothing half-written; the job is failed at the next start and the same preview publishes', async () => {
    const file = path.join(dir, 'revision.db');
    const db = openDb(file);
    migrateDb(db);
    setDb(db);
    const { f, periodId, appealId } = await publishedQuarter(db, 3000);
    const preview = await f.api.revisions.preview({ periodId });
    await waitForJob(f.api, preview, 60_000);
    const before = { runs: db.select().from(scoreRuns).all().length, eligibility: db.select().from(eligibilityRuns).all().length };

    // Killed while the programs are re-run: the revision's score run is already in the open transaction.
    await killJobWhen(file, ['revise', String(periodId), String(preview.jobId), f.admin.id], (steps) => / evaluating /.test(steps));

    const reader = openDb(file);
    expect(reader.select().from(periodRevisions).all()).toEqual([]);
    expect(reader.select().from(scoreRuns).all()).toHaveLength(before.runs);
    expect(reader.select().from(eligibilityRuns).all()).toHaveLength(before.eligibility);
    expect(reader.select({ revisionId: appeals.revisionId }).from(appeals).where(eq(appeals.id, appealId)).get()).toEqual({ revisionId: null });
    const job = reader.select().from(jobs).all().find((j) => j.kind === 'revision.publish')!;
    expect(job.status).toBe('running');

    // The next start of a server: this process already recovered the file once (its own publish and preview).
    (globalThis as { __scorecardRecovered?: Set<string> }).__scorecardRecovered?.delete(path.resolve(file));
    expect(recoverInterruptedJobs(db)).toBe(1);
    expect(await f.api.jobs.get({ id: job.id })).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
    const again = await waitForJob(f.api, await f.api.revisions.publish({ periodId, previewJobId: preview.jobId, note: '复核后更正收入数据' }), 60_000);
    expect(again.number).toBe(2);
    expect(db.select({ revisionId: appeals.revisionId }).from(appeals).where(eq(appeals.id, appealId)).get()!.revisionId).toBe(again.revisionId);
  }, 180_000);
});
