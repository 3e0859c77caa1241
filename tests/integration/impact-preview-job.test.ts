// The impact preview as a job: its numbers are those of the preview computed directly; its pages
// are read from the stored result and never score the period again; a second request with the
// same inputs joins the running job; a server killed while the job stores the preview leaves
// nothing stored, and the job is marked failed, to be started again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDb, openDb, type Db } from '@/db/client';
import { evaluations, evaluationValues, impactPreviewRows, impactPreviews, indicators, jobs, kpiSetVersions, stakeholders } from '@/db/schema';
import { setDb } from '@/server/db';
import { recoverInterruptedJobs } from '@/server/jobs/recovery';
import { closeJobPool, settleJobs } from '@/server/jobs/runner';
import { computeImpactPreview } from '@/server/services/impact-preview';
import { makeFactory } from './factory';
import { JobFailedError, killJobWhen, waitForJob } from './helpers';
import { computedPreview, storedPreview } from './impact-preview-helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-preview-'));
afterAll(async () => {
  await closeJobPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * `n` market entities approved in 2026Q1 (income rises with i, growth falls), inserted in bulk,
 * and a draft that moves the weight to growth: the order turns round.
 */
async function world(db?: Db, n = 60) {
  const f = makeFactory(db);
  const p1 = await f.period(2026, 1);
  await f.kpiSet('market', [{ code: 'income', indicators: [{ code: 'mk_a' }] }, { code: 'growth', indicators: [{ code: 'mk_c' }] }], { effectiveFromPeriodId: p1.id });
  const { id: versionId, kpiSetId } = f.db.select({ id: kpiSetVersions.id, kpiSetId: kpiSetVersions.kpiSetId }).from(kpiSetVersions).get()!;
  const reviewer = f.user('admin');
  const [a, c] = ['mk_a', 'mk_c'].map((code) => f.db.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, code)).get()!.id);
  f.db.transaction((tx) => {
    for (let i = 0; i < n; i++) {
      const sh = tx.insert(stakeholders).values({ code: `MK-P${String(i).padStart(6, '0')}`, name: `主体 ${i}`, type: 'market', regionId: i % 2 ? f.w.townA.id : f.w.townB.id }).returning({ id: stakeholders.id }).get();
      const e = tx
        .insert(evaluations)
        .values({ stakeholderId: sh.id, periodId: p1.id, kpiSetVersionId: versionId, status: 'approved', createdBy: f.admin.id, submittedBy: f.admin.id, submittedAt: new Date(), approvedBy: reviewer.id, approvedAt: new Date() })
        .returning({ id: evaluations.id })
        .get();
      // Values repeat every 50 rows: ties in the ranks, and rows missing growth every 7th.
      tx.insert(evaluationValues).values([{ evaluationId: e.id, indicatorId: a!, value: 10 + (i % 50) }, { evaluationId: e.id, indicatorId: c!, value: i % 7 === 0 ? null : 90 - (i % 50) }]).run();
    }
  });
  const draft = await f.api.kpiSets.createDraft({ kpiSetId });
  await f.api.tuning.applyWeights({ versionId: draft.id, target: { level: 'objectives' }, weights: [0.2, 0.8], method: 'manual', detail: {} });
  return { ...f, p1: p1.id, draft };
}

describe('the impact preview as a job', () => {
  it('stores the numbers of the preview computed directly, and pages them without scoring again', async () => {
    const w = await world();
    const target = { versionId: w.draft.id, periodId: w.p1 };
    const direct = computeImpactPreview(w.db, target);
    const first = await computedPreview(w.api, target);
    expect(first.summary).toEqual(direct.summary);
    expect(first.eligibility).toEqual(direct.eligibility);
    expect(first.coverage.indicators).toEqual(direct.coverage.indicators);
    expect(first.coverage.lostCount).toBe(direct.coverage.lost.length);
    expect(first.table).toMatchObject({ total: 60, pages: 3 });

    // Whatever a page shows after the data behind it has gone (removed here without an audit
    // record, so the stored preview is still the current one) was read from the store.
    w.db.$client.exec('delete from evaluation_values');
    const pages = [first.rows, (await storedPreview(w.api, { ...target, page: 2 })).rows, (await storedPreview(w.api, { ...target, page: 3 })).rows].flat();
    const byCode = new Map(direct.rows.map((r) => [r.code, r]));
    expect(pages.map((r) => r.code).sort()).toEqual([...byCode.keys()].sort());
    for (const r of pages) expect(r).toEqual(byCode.get(r.code));
    // Each filter is the same rows in the same order, its size the filter's count.
    const moved = await storedPreview(w.api, { ...target, filter: 'moved' });
    const movedAll = pages.filter((r) => (r.rankChange ?? 0) !== 0);
    expect(moved.table.total).toBe(movedAll.length);
    expect(moved.rows).toEqual(movedAll.slice(0, 25));
    expect(w.db.select().from(jobs).all().map((j) => [j.kind, j.status])).toEqual([['tuning.preview', 'succeeded']]);
  });

  it('a second request with the same inputs joins the running job; a change to the data asks for a new one', async () => {
    const w = await world();
    const target = { versionId: w.draft.id, periodId: w.p1 };
    expect(await w.api.tuning.preview(target)).toEqual({ ready: false });
    const one = await w.api.tuning.startPreview(target);
    const two = await w.api.tuning.startPreview(target);
    expect(two).toEqual(one);
    await waitForJob(w.api, one);
    await settleJobs();
    expect(w.db.select().from(jobs).all()).toHaveLength(1);
    expect((await storedPreview(w.api, target)).summary.stakeholders).toBe(60);
    // An audited change (the draft's weights) makes the stored preview stale: not read, and a new job.
    await w.api.tuning.applyWeights({ versionId: w.draft.id, target: { level: 'objectives' }, weights: [0.5, 0.5], method: 'manual', detail: {} });
    expect(await w.api.tuning.preview(target)).toEqual({ ready: false });
    const three = await w.api.tuning.startPreview(target);
    expect(three.jobId).not.toBe(one.jobId);
    await waitForJob(w.api, three);
    // The draft's previews replace each other: one stored.
    expect(w.db.select().from(impactPreviews).all()).toHaveLength(1);
  });

  it('a period with evaluations but none approved is refused by the job, with its reason', async () => {
    const w = await world(undefined, 3);
    const p2 = await w.period(2026, 2);
    const [sh] = w.db.select({ id: stakeholders.id }).from(stakeholders).where(eq(stakeholders.type, 'market')).all();
    const versionId = w.db.select({ id: kpiSetVersions.id }).from(kpiSetVersions).where(eq(kpiSetVersions.status, 'published')).get()!.id;
    w.db.insert(evaluations).values({ stakeholderId: sh!.id, periodId: p2.id, kpiSetVersionId: versionId, status: 'draft', createdBy: w.admin.id }).run();
    const handle = await w.api.tuning.startPreview({ versionId: w.draft.id, periodId: p2.id });
    const failed = await waitForJob(w.api, handle).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(JobFailedError);
    expect((failed as JobFailedError).error).toMatchObject({ code: 'rejected', params: { reason: 'no_values' } });
    expect(await w.api.tuning.preview({ versionId: w.draft.id, periodId: p2.id })).toEqual({ ready: false });
  });

  it('a server killed while the job stores the preview leaves nothing stored; the job is failed at the next start and runs again', async () => {
    const file = path.join(dir, 'killed.db');
    const db = openDb(file);
    migrateDb(db);
    setDb(db);
    const w = await world(db, 20_000);
    const seen = await killJobWhen(file, ['preview', String(w.draft.id), String(w.p1), w.admin.id], (steps) => / saving /.test(steps));
    // The steps came per batch of stakeholders before the store began.
    expect(seen).toMatch(/ scoring /);

    const reader = openDb(file);
    expect(reader.select().from(impactPreviews).all()).toEqual([]);
    expect(reader.select().from(impactPreviewRows).all()).toEqual([]);
    const [job] = reader.select().from(jobs).all();
    expect(job).toMatchObject({ kind: 'tuning.preview', status: 'running' });
    reader.$client.close();

    expect(recoverInterruptedJobs(db)).toBe(1);
    expect(await w.api.jobs.get({ id: job!.id })).toMatchObject({ status: 'failed', error: { code: 'interrupted', params: {} } });
    expect(await w.api.tuning.preview({ versionId: w.draft.id, periodId: w.p1 })).toEqual({ ready: false });
    const again = await w.api.tuning.startPreview({ versionId: w.draft.id, periodId: w.p1 });
    expect(again.jobId).not.toBe(job!.id);
    await waitForJob(w.api, again, 60_000);
    expect((await storedPreview(w.api, { versionId: w.draft.id, periodId: w.p1 })).table.total).toBe(20_000);
  }, 120_000);
});
