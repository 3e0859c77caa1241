// Every eligibility run gets its robustness check by itself, as the server runs it: on a database
// file, the check is queued on the background lane when the run's job ends, runs on a thread of
// the lowest CPU priority, never holds up a job of the main lane, and is written as automatic with
// the run's author. Checks owed are found again after a restart; one refused is not retried, and
// none is queued when automatic checks are turned off.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrateDb, openDb, type Db } from '@/db/client';
import { auditLog, evaluations, indicators, jobs, robustnessChecks, stakeholders } from '@/db/schema';
import { env } from '@/server/env';
import { setDb } from '@/server/db';
import { closeJobPool, settleJobs, startAutomaticChecks } from '@/server/jobs/runner';
import { insertJob, latestJobWith, markFailed } from '@/server/queries/jobs';
import { automaticChecksDue } from '@/server/services/robustness';
import { makeFactory } from './factory';
import { waitForJob } from './helpers';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-auto-robustness-'));
const autoDraws = env.ROBUSTNESS_AUTO_DRAWS;
afterEach(() => {
  env.ROBUSTNESS_AUTO_DRAWS = autoDraws;
});
afterAll(async () => {
  await settleJobs();
  await closeJobPool();
  fs.rmSync(dir, { recursive: true, force: true });
});

const STAKEHOLDERS = 3000;

/** A published quarter of STAKEHOLDERS market stakeholders (inserted in bulk) and a subsidy whose bar most of them are near. */
async function world(db: Db) {
  const f = makeFactory(db);
  const q = await f.period(2026, 1);
  const { versionId } = await f.kpiSet('market', [{ code: 'income', indicators: [{ code: 'mk_income' }] }, { code: 'growth', indicators: [{ code: 'mk_growth' }] }], { effectiveFromPeriodId: q.id });
  const ids = ['mk_income', 'mk_growth'].map((code) => db.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, code)).get()!.id);
  const reviewer = f.user('admin');
  const value = db.$client.prepare('insert into evaluation_values (evaluation_id, indicator_id, value) values (?, ?, ?), (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < STAKEHOLDERS; i++) {
      const sh = db.insert(stakeholders).values({ code: `MK-A${String(i).padStart(5, '0')}`, name: `主体 ${i}`, type: 'market', regionId: i % 2 ? f.w.townA.id : f.w.townB.id }).returning({ id: stakeholders.id }).get();
      const e = db
        .insert(evaluations)
        .values({ stakeholderId: sh.id, periodId: q.id, kpiSetVersionId: versionId, status: 'approved', createdBy: f.admin.id, submittedBy: f.admin.id, submittedAt: new Date(), approvedBy: reviewer.id, approvedAt: new Date() })
        .returning({ id: evaluations.id })
        .get();
      value.run(e.id, ids[0], 40 + ((i * 7) % 40), e.id, ids[1], 40 + ((i * 13) % 40));
    }
  });
  await f.publish(q.id);
  // The publish's work after its success (the dashboard's figures) still writes in the worker.
  await settleJobs();
  const program = await f.program({
    code: 'AUTO-CHECK',
    kind: 'subsidy',
    nameEn: 'Automatic check subsidy',
    nameZh: '自动检验补助',
    eligibleTypes: ['market'],
    rule: { op: 'clause', clause: { kind: 'composite', cmp: 'gte', value: 60 } },
    benefit: { kind: 'fixed', amount: 1000, cap: null, lastAward: 'skip' },
    budget: null,
    allocation: null,
    status: 'active',
  });
  return { f, periodId: q.id, programId: program.id };
}

/** Nice values of this process's threads (Linux: /proc/self/task/<tid>/stat, field 19). */
function threadNices(): number[] {
  return fs.readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return []; // the thread ended meanwhile
    }
  });
}

const checkJob = (db: Db, runId: number) => latestJobWith(db, 'eligibility.robustness', 'runId', runId);

async function until<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let w: Awaited<ReturnType<typeof world>>;
let db: Db;
beforeAll(async () => {
  db = openDb(path.join(dir, 'auto.db'));
  migrateDb(db);
  setDb(db);
  w = await world(db);
}, 120_000);

describe('automatic robustness checks', () => {
  it('checks each run by itself on the background lane, at the lowest priority, without holding up the main lane', async () => {
    // Enough weightings that the check is still running when the second run (main lane) is done.
    env.ROBUSTNESS_AUTO_DRAWS = 2500;
    const { f, periodId, programId } = w;
    const first = await waitForJob(f.api, await f.api.eligibility.run({ programId, periodId }));
    const running = await until('the first run’s check to start', () => checkJob(db, first.runId)?.status === 'running' && checkJob(db, first.runId));
    expect(running.input).toMatchObject({ runId: first.runId, draws: 2500, spread: 0.2, automatic: true });
    expect(running.startedBy).toBe(f.admin.id);
    // The background thread runs at nice 19; this thread (the server's) at 0.
    expect(threadNices()).toContain(19);
    expect(threadNices()[0]).toBe(0);
    // The page follows it.
    const page = await f.api.robustness.get({ runId: first.runId });
    expect(page.check).toBeNull();
    expect(page.job).toMatchObject({ id: running.id, status: 'running', automatic: true });

    // A second run of the program, on the main lane, ends while the first check still runs.
    const second = await waitForJob(f.api, await f.api.eligibility.run({ programId, periodId }));
    expect(checkJob(db, first.runId)!.status).toBe('running');
    // Its own check waits behind the first on the background lane.
    expect(checkJob(db, second.runId)!.status).toBe('queued');

    await settleJobs();
    for (const run of [first, second]) {
      const check = db.select().from(robustnessChecks).where(eq(robustnessChecks.runId, run.runId)).get()!;
      expect(check).toMatchObject({ automatic: true, draws: 2500, spread: 0.2, createdBy: f.admin.id });
      const audit = db.select().from(auditLog).where(and(eq(auditLog.action, 'robustness.check'), eq(auditLog.entityId, String(check.id)))).get()!;
      expect(audit.after).toMatchObject({ runId: run.runId, automatic: true, draws: 2500 });
    }
    const after = await f.api.robustness.get({ runId: first.runId });
    expect(after.check).toMatchObject({ automatic: true, draws: 2500 });
    expect(after.job).toBeNull();
    // Nothing is owed any more.
    expect(automaticChecksDue(db)).toEqual([]);
  }, 120_000);

  it('queues again a check a restart cut off, but not one that was refused; none when turned off', async () => {
    env.ROBUSTNESS_AUTO_DRAWS = 0;
    const { f, periodId, programId } = w;
    const cut = await waitForJob(f.api, await f.api.eligibility.run({ programId, periodId }));
    const refused = await waitForJob(f.api, await f.api.eligibility.run({ programId, periodId }));
    // Turned off: nothing was queued after these runs, and nothing is owed.
    expect(checkJob(db, cut.runId)).toBeNull();
    expect(automaticChecksDue(db)).toEqual([]);

    env.ROBUSTNESS_AUTO_DRAWS = 50;
    // As a dead process leaves them: one check interrupted, one refused for a reason of its own.
    const interrupted = insertJob(db, { kind: 'eligibility.robustness', input: { runId: cut.runId, draws: 50, spread: 0.2, seed: 1, automatic: true }, startedBy: f.admin.id });
    markFailed(db, interrupted.id, { code: 'interrupted', params: {} });
    const rejected = insertJob(db, { kind: 'eligibility.robustness', input: { runId: refused.runId, draws: 50, spread: 0.2, seed: 1, automatic: true }, startedBy: f.admin.id });
    markFailed(db, rejected.id, { code: 'rejected', params: { reason: 'robustness_scores_changed', message: 'changed' } });
    expect(automaticChecksDue(db).map((c) => c.input.runId)).toEqual([cut.runId]);

    expect(startAutomaticChecks(db)).toBe(1);
    await settleJobs();
    expect(db.select().from(robustnessChecks).where(eq(robustnessChecks.runId, cut.runId)).get()).toMatchObject({ automatic: true, draws: 50 });
    expect(db.select().from(robustnessChecks).where(eq(robustnessChecks.runId, refused.runId)).get()).toBeUndefined();
    expect(db.select().from(jobs).where(eq(jobs.kind, 'eligibility.robustness')).all().filter((j) => (j.input as { runId: number }).runId === refused.runId)).toHaveLength(1);
    expect(startAutomaticChecks(db)).toBe(0);
  }, 60_000);
});
