// Tuning benchmark: the impact preview (draft vs published, both scored) and a sensitivity run
// (200 samples, ±20 %) for the demo's largest stakeholder type (rural) and for a generated
// 10,000-stakeholder period. The preview is what its job does (computed and stored), then a page
// is what each request reads; the sensitivity
// run is what the browser does in chunks (here in one go, plus the basis the server sends).
import { performance } from 'node:perf_hooks';
import { and, eq } from 'drizzle-orm';
import { openDb, migrateDb, type Db } from '@/db/client';
import { seedIfEmpty } from '@/seed';
import { evaluations, evaluationValues, kpiSets, kpiSetVersions, periods, regions, stakeholders, user } from '@/db/schema';
import { loadSessionUser } from '@/server/auth/session';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { applyWeights, createDraft } from '@/server/services/kpi-sets';
import { sensitivityBasis } from '@/server/services/tuning';
import { impactPreview, runImpactPreview } from '@/server/services/impact-preview';
import { mulberry32, SensitivityRun } from '@/core/scoring/sensitivity';

const GENERATED = 10_000;
const SAMPLES = 200;

function timeIt<T>(fn: () => T, repeat = 3): { result: T; ms: number } {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { result, ms: best };
}

/** A period of `count` approved rural evaluations with values drawn inside each indicator's goalposts. */
function generatePeriod(db: Db, versionId: number, count: number): number {
  const doc = loadKpiSetVersion(db, versionId);
  const indicators = doc.document.objectives.flatMap((o) => o.indicators);
  const township = db.select().from(regions).where(eq(regions.level, 'township')).get()!;
  const random = mulberry32(2026);
  return db.transaction((tx) => {
    const period = tx.insert(periods).values({ code: '2031Q1', kind: 'quarter', startsOn: '2031-01-01', endsOn: '2031-03-31', status: 'closed' }).returning().get();
    for (let start = 0; start < count; start += 500) {
      const n = Math.min(500, count - start);
      const shs = tx
        .insert(stakeholders)
        .values(Array.from({ length: n }, (_, i) => ({ code: `BENCH-${String(start + i).padStart(6, '0')}`, name: `Bench cooperative ${start + i}`, type: 'rural' as const, regionId: township.id })))
        .returning({ id: stakeholders.id })
        .all();
      const evs = tx
        .insert(evaluations)
        .values(shs.map((s) => ({ stakeholderId: s.id, periodId: period.id, kpiSetVersionId: versionId, status: 'approved' as const })))
        .returning({ id: evaluations.id })
        .all();
      const values = evs.flatMap((e) =>
        indicators.map((ind) => {
          const n = ind.normalization;
          const [lo, hi] = n.method === 'goalposts' ? [n.min, n.max] : [0, 100];
          // Slightly beyond the goalposts on both sides, and 1 % missing.
          const value = random() < 0.01 ? null : Math.round((lo + (hi - lo) * (random() * 1.2 - 0.1)) * 100) / 100;
          return { evaluationId: e.id, indicatorId: doc.indicatorIds.get(ind.code)!, value: n.method === 'goalposts' && n.transform === 'ln' && value !== null ? Math.max(value, lo) : value };
        }),
      );
      for (let i = 0; i < values.length; i += 2000) tx.insert(evaluationValues).values(values.slice(i, i + 2000)).run();
    }
    return period.id;
  });
}

function measure(db: Db, label: string, versionId: number, periodId: number) {
  // Once: the job stores the preview, so a repeat would find it stored.
  const job = timeIt(() => runImpactPreview(db, { versionId, periodId }), 1);
  const firstPage = impactPreview(db, { versionId, periodId });
  if (!firstPage.ready) throw new Error('the preview was not stored');
  const preview = { ms: job.ms, result: firstPage };
  const nextPage = timeIt(() => impactPreview(db, { versionId, periodId, page: 2 }));
  const basis = timeIt(() => sensitivityBasis(db, { versionId, periodId }));
  const run = timeIt(() => {
    const r = new SensitivityRun(basis.result.basis, { noise: 0.2, samples: SAMPLES, seed: 1, perturb: 'all' });
    r.step(SAMPLES);
    return r.result();
  }, 2);
  const previewBytes = JSON.stringify(preview.result).length;
  const basisBytes = JSON.stringify(basis.result).length;
  const unstable = run.result.filter((r) => !r.stable).length;
  console.log(
    `${label.padEnd(28)} stakeholders ${String(preview.result.summary.stakeholders).padStart(6)} | impact preview job ${preview.ms.toFixed(0).padStart(5)} ms (a page ${(previewBytes / 1e6).toFixed(2)} MB JSON; next page ${nextPage.ms.toFixed(0)} ms; ` +
      `${preview.result.summary.gradeChanges} grade changes, ρ ${preview.result.summary.spearman?.toFixed(4)}) | sensitivity basis ${basis.ms.toFixed(0).padStart(5)} ms (${(basisBytes / 1e6).toFixed(2)} MB) | ` +
      `${SAMPLES} samples ${run.ms.toFixed(0).padStart(5)} ms (${(run.ms / SAMPLES).toFixed(2)} ms/sample; ${unstable} unstable)`,
  );
}

export async function runTuningBench(): Promise<void> {
  console.log('\n── tuning: impact preview and sensitivity ──');
  const db = openDb(':memory:');
  migrateDb(db);
  await seedIfEmpty(db);
  const admin = loadSessionUser(db, db.select().from(user).where(eq(user.username, 'admin')).get()!.id)!;
  const rural = db.select().from(kpiSets).where(eq(kpiSets.code, 'rural')).get()!;
  const published = db.select().from(kpiSetVersions).where(and(eq(kpiSetVersions.kpiSetId, rural.id), eq(kpiSetVersions.status, 'published'))).get()!;
  const draft = createDraft(db, admin, rural.id);
  applyWeights(db, admin, { versionId: draft.id, target: { level: 'objectives' }, weights: [0.5, 0.3, 0.2], method: 'manual', detail: {} });
  const q2 = db.select().from(periods).where(eq(periods.code, '2026Q2')).get()!;
  measure(db, 'demo rural, 2026Q2', draft.id, q2.id);
  const t0 = performance.now();
  const generated = generatePeriod(db, published.id, GENERATED);
  console.log(`(generated ${GENERATED} rural stakeholders with approved values in ${(performance.now() - t0).toFixed(0)} ms)`);
  measure(db, `generated rural, ${GENERATED}`, draft.id, generated);
}

if (import.meta.url === `file://${process.argv[1]}`) await runTuningBench(); // `npx tsx bench/tuning.ts` alone
