// The impact preview at a province's size, as a job: how long the request thread is busy to start
// it and to read a page, how long the worker takes, and what the request thread did before (the
// whole preview computed in the request). Works on a copy of a province database, never the
// original: `npx tsx --conditions=react-server bench/impact-preview-job.ts /tmp/copy.db`.
import { performance } from 'node:perf_hooks';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { and, eq, sql } from 'drizzle-orm';
import { migrateDb, openDb } from '@/db/client';
import { impactPreviews, kpiSetVersions, user } from '@/db/schema';
import { setDb } from '@/server/db';
import { loadSessionUser } from '@/server/auth/session';
import { getJobRow } from '@/server/queries/jobs';
import { liveProgress } from '@/server/jobs/live';
import { requestImpactPreview } from '@/server/jobs/impact-preview';
import { closeJobPool } from '@/server/jobs/runner';
import { applyWeights, createDraft } from '@/server/services/kpi-sets';
import { checkImpactPreview, computeImpactPreview, impactPreview } from '@/server/services/impact-preview';

const file = process.argv[2];
if (!file || file.includes('bench/out/')) throw new Error('Give a copy of a province database (never the original).');
const db = openDb(file);
migrateDb(db);
setDb(db);
const admin = loadSessionUser(db, db.select().from(user).where(eq(user.username, 'admin')).get()!.id)!;

// The KPI set and period with the most approved evaluations.
const busiest = db.$client
  .prepare(`select kpi_set_version_id as versionId, period_id as periodId, count(*) as n from evaluations where status = 'approved' group by 1, 2 order by n desc limit 1`)
  .get() as { versionId: number; periodId: number; n: number };
const published = db.select().from(kpiSetVersions).where(eq(kpiSetVersions.id, busiest.versionId)).get()!;
const existing = db.select().from(kpiSetVersions).where(and(eq(kpiSetVersions.kpiSetId, published.kpiSetId), eq(kpiSetVersions.status, 'draft'))).get();
const draft = existing ?? createDraft(db, admin, published.kpiSetId);
if (!existing) {
  const objectives = (db.$client.prepare(`select count(*) as n from kpi_set_objectives where version_id = ?`).get(draft.id) as { n: number } | undefined)?.n ?? 3;
  const weights = Array.from({ length: objectives }, (_, i) => i + 1);
  applyWeights(db, admin, { versionId: draft.id, target: { level: 'objectives' }, weights, method: 'manual', detail: {} });
}
const target = { versionId: draft.id, periodId: busiest.periodId };
console.log(`${busiest.n} approved evaluations; draft ${draft.id} against version ${busiest.versionId} in period ${busiest.periodId}; load ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);

// Before: the request computed the whole preview on its own thread.
let t0 = performance.now();
const direct = computeImpactPreview(db, target);
const directMs = performance.now() - t0;
console.log(`before: the request thread computed the preview for ${directMs.toFixed(0)} ms (${direct.summary.stakeholders} stakeholders)`);

// After: the request checks and starts a job; the worker computes and stores; pages are reads.
// A preview stored by an earlier run of this script would be found instead of computed.
db.delete(impactPreviews).where(and(eq(impactPreviews.versionId, target.versionId), eq(impactPreviews.periodId, target.periodId))).run();
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
t0 = performance.now();
const key = checkImpactPreview(db, target);
const handle = requestImpactPreview(db, key, admin.id);
const startMs = performance.now() - t0;
// The same request again while the job runs: it joins it.
t0 = performance.now();
const joined = requestImpactPreview(db, checkImpactPreview(db, target), admin.id);
const joinMs = performance.now() - t0;
t0 = performance.now() - startMs - joinMs;
const steps: string[] = [];
for (;;) {
  const row = getJobRow(db, handle.jobId);
  const live = liveProgress(handle.jobId);
  const said = live ? `${live.step} ${(live.progress * 100).toFixed(0)}%` : row.status;
  if (steps.at(-1) !== said) steps.push(said);
  if (row.status === 'succeeded' || row.status === 'failed') {
    if (row.status === 'failed') console.log('failed', row.error);
    break;
  }
  await new Promise((r) => setTimeout(r, 50));
}
const jobMs = performance.now() - t0;
loop.disable();
const timePage = (input: Parameters<typeof impactPreview>[1]) => {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const p = impactPreview(db, input);
    times.push(performance.now() - t);
    if (!p.ready) throw new Error('not stored');
  }
  return times.sort((a, b) => a - b)[2]!.toFixed(1);
};
console.log(`after: the request thread is busy ${startMs.toFixed(0)} ms to start the job (${joinMs.toFixed(0)} ms to join it: ${joined.jobId === handle.jobId ? 'same job' : 'ANOTHER JOB'}); the job ends after ${(jobMs / 1000).toFixed(1)} s; the request thread's longest stall meanwhile ${(loop.max / 1e6).toFixed(0)} ms`);
console.log(`progress seen: ${steps.join(' → ')}`);
console.log(`a page (median of 5): first ${timePage(target)} ms, page 2000 ${timePage({ ...target, page: 2000 })} ms, grade changes ${timePage({ ...target, filter: 'grade' })} ms, moved page 100 ${timePage({ ...target, filter: 'moved', page: 100 })} ms`);
const size = db.$client.prepare(`select sum(length(row)) as bytes from impact_preview_rows`).get() as { bytes: number };
console.log(`stored rows: ${(size.bytes / 1e6).toFixed(1)} MB of JSON; ${String(db.get<{ n: number }>(sql`select count(*) as n from impact_preview_rows`).n)} rows`);
await closeJobPool();
