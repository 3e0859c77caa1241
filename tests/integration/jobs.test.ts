// Jobs on a database file, run by the worker pool as the server runs them: a publish to the end
// with its steps; a job whose handler throws ends failed with the reason; one publish of a
// period at a time; an upload answered with its job; and a server killed in the middle of a publish leaves nothing half-written,
// the job is marked failed at the next start and the publish can be started again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDb, openDb, type Db } from '@/db/client';
import { evaluations, indicators, jobs, periods, scoreRuns, stakeholders } from '@/db/schema';
import { setDb } from '@/server/db';
import { importUploadRoute } from '@/server/http';
import { executeJob } from '@/server/jobs/execute';
import { recoverInterruptedJobs } from '@/server/jobs/recovery';
import { closeJobPool } from '@/server/jobs/runner';
import { getJobRow, insertJob } from '@/server/queries/jobs';
import type { JobStep } from '@/core/domain/jobs';
import { makeFactory } from './factory';
import { JobFailedError, killJobWhen, waitForJob } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-jobs-'));
afterAll(async () => {
  await closeJobPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

function fileDb(name: string): { db: Db; file: string } {
  const file = path.join(dir, name);
  const db = openDb(file);
  migrateDb(db);
  setDb(db);
  return { db, file };
}

/**
 * A closed quarter with `n` approved market and `n` approved rural evaluations (two KPI sets, so a
 * publish writes two runs). Stakeholders and evaluations are inserted in bulk: what is under test
 * is the publish, not the entry.
 */
async function closedQuarter(db: Db, n: number) {
  const f = makeFactory(db);
  const q = await f.period(2026, 1);
  for (const type of ['market', 'rural'] as const) {
    await f.kpiSet(type, [{ code: 'income', indicators: [{ code: `${type}_income` }] }, { code: 'growth', indicators: [{ code: `${type}_growth` }] }], { effectiveFromPeriodId: q.id });
  }
  const reviewer = f.user('admin');
  const sqlite = db.$client;
  const versionOf = (type: string) => sqlite.prepare(`select v.id from kpi_set_versions v join kpi_sets s on s.id = v.kpi_set_id where s.code = ?`).pluck().get(type) as number;
  db.transaction(() => {
    for (const type of ['market', 'rural'] as const) {
      const versionId = versionOf(type);
      const ids = [`${type}_income`, `${type}_growth`].map((code) => db.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, code)).get()!.id);
      for (let i = 0; i < n; i++) {
        const sh = db.insert(stakeholders).values({ code: `${type.slice(0, 2).toUpperCase()}-B${String(i).padStart(5, '0')}`, name: `主体 ${type} ${i}`, type, regionId: i % 2 ? f.w.townA.id : f.w.townB.id }).returning({ id: stakeholders.id }).get();
        const e = db
          .insert(evaluations)
          .values({ stakeholderId: sh.id, periodId: q.id, kpiSetVersionId: versionId, status: 'approved', createdBy: f.admin.id, submittedBy: f.admin.id, submittedAt: new Date(), approvedBy: reviewer.id, approvedAt: new Date() })
          .returning({ id: evaluations.id })
          .get();
        sqlite.prepare('insert into evaluation_values (evaluation_id, indicator_id, value) values (?, ?, ?), (?, ?, ?)').run(e.id, ids[0], (i * 7) % 100, e.id, ids[1], (i * 13) % 100);
      }
    }
  });
  await f.api.periods.close({ id: q.id });
  return { f, periodId: q.id };
}

const runsOf = (db: Db, periodId: number) => db.select().from(scoreRuns).where(and(eq(scoreRuns.periodId, periodId), eq(scoreRuns.kind, 'official'))).all();

describe('jobs in worker threads', () => {
  it('publishes a period in a worker; a second publish of it is refused meanwhile', async () => {
    const { db } = fileDb('publish.db');
    const { f, periodId } = await closedQuarter(db, 200);
    const handle = await f.api.periods.publish({ id: periodId });
    expect(handle.kind).toBe('period.publish');
    await expect(f.api.periods.publish({ id: periodId })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already running/) });
    const result = await waitForJob(f.api, handle);
    expect(result.period).toEqual({ id: periodId, code: '2026Q1', status: 'published' });
    expect(result.runs.map((r) => r.scored)).toEqual([200, 200]);
    // Written by the worker's own connection, read here through the server's.
    expect(runsOf(db, periodId).map((r) => r.status)).toEqual(['published', 'published']);
    const job = await f.api.jobs.get({ id: handle.jobId });
    expect(job).toMatchObject({ status: 'succeeded', progress: 1, step: 'done', error: null, startedBy: f.admin.id });
    expect(job.finishedAt!.getTime()).toBeGreaterThanOrEqual(job.startedAt!.getTime());
    // The period is published: starting again is refused before anything is queued.
    await expect(f.api.periods.publish({ id: periodId })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it('reports its steps in order, from checking to saving', async () => {
    const { db } = fileDb('steps.db');
    const { f, periodId } = await closedQuarter(db, 20);
    const job = insertJob(db, { kind: 'period.publish', input: { id: periodId }, startedBy: f.admin.id });
    const steps: [number, JobStep][] = [];
    await executeJob(db, job.id, { attachment: null, onProgress: (fraction, step) => steps.push([fraction, step]) });
    expect(steps.map(([, s]) => s)).toEqual(['checking', 'scoring', 'scoring', 'saving']);
    const fractions = steps.map(([p]) => p);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    // Outside the write transaction the step reached the row too; the end writes the rest.
    expect(getJobRow(db, job.id)).toMatchObject({ status: 'succeeded', progress: 1, progressNote: 'checking' });
  });

  it('a job whose handler throws ends failed with the reason, and nothing is written', async () => {
    const { db } = fileDb('fail.db');
    const { f } = await closedQuarter(db, 5);
    const before = db.select().from(evaluations).all().length;
    const handle = await f.api.imports.run({ kpiSetCode: 'no-such-set', mode: 'draft', contentBase64: Buffer.from('stakeholder\n').toString('base64') });
    const error = await waitForJob(f.api, handle).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError).error).toEqual({ code: 'rejected', params: { reason: 'not_found', message: 'KPI set no-such-set does not exist.' } });
    expect(await f.api.jobs.get({ id: handle.jobId })).toMatchObject({ status: 'failed', step: 'checking' });
    expect(db.select().from(evaluations).all()).toHaveLength(before);
    // Another user's job is not theirs to read; an administrator reads everybody's.
    const assessor = f.caller(f.user('assessor', { regionIds: [f.w.countyA.id] }));
    await expect(assessor.jobs.get({ id: handle.jobId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await assessor.jobs.list()).map((j) => j.id)).toEqual([]);
    expect((await f.api.jobs.list({ kind: 'evaluations.import' })).map((j) => j.id)).toEqual([handle.jobId]);
  });

  it('an upload starts the import as a job and answers its id; the job writes the file whole', async () => {
    const f = makeFactory(); // in memory: the job runs on this connection, after the request
    const q = await f.period(2026, 3);
    await f.kpiSet('market', [{ code: 'income', indicators: [{ code: 'mk_income' }] }, { code: 'growth', indicators: [{ code: 'mk_growth' }] }], { effectiveFromPeriodId: q.id });
    const form = new FormData();
    form.set('file', new File(['stakeholder,mk_income,mk_growth\nMK-0001,50,60\nMK-0002,70,80\n'], 'q3.csv', { type: 'text/csv' }));
    form.set('kpiSet', 'market');
    form.set('mode', 'draft');
    const res = await importUploadRoute.run({ db: f.db, user: f.admin }, new Request('http://localhost/api/imports', { method: 'POST', body: form }));
    expect(res.status).toBe(200);
    const handle = (await res.json()) as { jobId: number; kind: 'evaluations.import' };
    expect(handle.kind).toBe('evaluations.import');
    const result = await waitForJob(f.api, handle);
    expect(result).toMatchObject({ imported: true, count: 2, report: { creates: 2, rows: 2 } });
    // The file itself was handed to the job, never stored with it.
    expect(getJobRow(f.db, handle.jobId).input).toEqual({ kpiSetCode: 'market', mode: 'draft', fileName: 'q3.csv' });
    expect(f.db.select().from(evaluations).all().map((e) => e.status)).toEqual(['draft', 'draft']);
  });

  it('a server killed in the middle of a publish leaves nothing half-written; the job is failed at the next start and can run again', async () => {
    const { db, file } = fileDb('killed.db');
    const { f, periodId } = await closedQuarter(db, 2000);
    // Killed in the second KPI set's scoring: the first run is already inserted in the open transaction.
    await killJobWhen(file, ['publish', String(periodId), f.admin.id], (steps) => [...steps.matchAll(/ scoring ([\d.]+)\n/g)].some((m) => Number(m[1]) > 0.1));

    // Nothing of the publish is in the database: no run, the period still closed, no exclusions.
    const reader = openDb(file);
    expect(runsOf(reader, periodId)).toEqual([]);
    expect(reader.select({ status: periods.status }).from(periods).where(eq(periods.id, periodId)).get()).toEqual({ status: 'closed' });
    const [job] = reader.select().from(jobs).all();
    expect(job).toMatchObject({ kind: 'period.publish', status: 'running' });

    // The next start marks it failed, with the message the reader sees; the publish runs again.
    expect(recoverInterruptedJobs(db)).toBe(1);
    expect(await f.api.jobs.get({ id: job!.id })).toMatchObject({ status: 'failed', error: { code: 'interrupted', params: {} } });
    const again = await waitForJob(f.api, await f.api.periods.publish({ id: periodId }));
    expect(again.runs.map((r) => r.scored)).toEqual([2000, 2000]);
    expect(runsOf(db, periodId)).toHaveLength(2);
    reader.$client.close();
  }, 60_000);
});
