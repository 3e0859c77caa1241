// The peers of an evaluation as its live preview sees them (core/scoring/peer-summary.ts): read
// from the period's latest run of the KPI-set version — the published run, else the provisional
// run recomputed on every approval, so the approved evaluations — never from the peers' rows.
// The composites' sketch comes from SQL over the (run, composite) index; the peer-relative
// indicators' figures from the run's stored peer values. The stakeholder itself is taken out.
import 'server-only';
import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { scoreRuns, scores } from '@/db/schema';
import { isPeerDependent, type KpiSetV1 } from '@/core/scoring';
import { PeerValues } from '@/core/scoring/peer-values';
import { EMPTY_SKETCH, SKETCH_BUCKETS, sketchOfBuckets, sketchWithout, summarizeColumn, type PeerSummary, type ValueSketch } from '@/core/scoring/peer-summary';
import { peerValuesOf } from './run-figures';

/** The run whose scores stand for the period's approved evaluations of a version: published, else provisional; none before the first approval. */
function latestRunOf(db: Db, periodId: number, versionId: number): number | null {
  const run = db
    .select({ id: scoreRuns.id })
    .from(scoreRuns)
    .where(and(eq(scoreRuns.periodId, periodId), eq(scoreRuns.kpiSetVersionId, versionId), or(eq(scoreRuns.status, 'published'), eq(scoreRuns.kind, 'provisional'))))
    .orderBy(desc(sql`${scoreRuns.status} = 'published'`), desc(scoreRuns.id))
    .limit(1)
    .get();
  return run?.id ?? null;
}

/** A run's scores never change (a provisional recompute makes a new run; ids are never reused), so its sketch is kept by run id. */
const sketches = new WeakMap<Db, Map<number, ValueSketch>>();
const KEPT_SKETCHES = 32;

/** The run's composites: every distinct value up to `buckets` of them, else buckets of consecutive ranks. */
export function compositeSketch(db: Db, runId: number, buckets: number = SKETCH_BUCKETS): ValueSketch {
  const present = sql`${scores.runId} = ${runId} and ${scores.composite} is not null`;
  const distinct = db.all<{ min: number; max: number; count: number }>(
    sql`select ${scores.composite} as min, ${scores.composite} as max, count(*) as count from ${scores} where ${present} group by ${scores.composite} order by ${scores.composite} limit ${buckets + 1}`,
  );
  if (distinct.length <= buckets) return sketchOfBuckets(distinct, true);
  // Only the first and last rank of each bucket leave the database (bucket of rank i: ⌊i·B/n⌋).
  const n = db.get<{ n: number }>(sql`select count(*) as n from ${scores} where ${present}`)!.n;
  const bucket = (i: SQL) => sql`cast(${i} * 1.0 * ${buckets} / ${n} as integer)`;
  const ends = db.all<{ i: number; c: number }>(sql`
    select i, c from (select ${scores.composite} as c, row_number() over (order by ${scores.composite}) - 1 as i from ${scores} where ${present})
    where i = 0 or i = ${n - 1} or ${bucket(sql`i`)} <> ${bucket(sql`(i - 1)`)} or ${bucket(sql`i`)} <> ${bucket(sql`(i + 1)`)}
    order by i`);
  const rows: { min: number; max: number; count: number; first: number }[] = [];
  let open: (typeof rows)[number] | null = null;
  let openBucket = -1;
  for (const { i, c } of ends) {
    const b = Math.floor((i * buckets) / n);
    if (b !== openBucket) {
      open = { min: c, max: c, count: 1, first: i };
      rows.push(open);
      openBucket = b;
    } else {
      open!.max = c;
      open!.count = i - open!.first + 1;
    }
  }
  return sketchOfBuckets(rows, false);
}

function keptSketch(db: Db, runId: number): ValueSketch {
  let kept = sketches.get(db);
  if (!kept) sketches.set(db, (kept = new Map()));
  let sketch = kept.get(runId);
  if (!sketch) {
    sketch = compositeSketch(db, runId);
    if (kept.size >= KEPT_SKETCHES) kept.delete(kept.keys().next().value!);
    kept.set(runId, sketch);
  }
  return sketch;
}

/** What the preview of `stakeholderId`'s evaluation needs of its peers in the period. */
export function peerSummaryOf(db: Db, periodId: number, versionId: number, stakeholderId: number, document: KpiSetV1): PeerSummary {
  const runId = latestRunOf(db, periodId, versionId);
  if (runId === null) return { peers: 0, indicators: {}, composites: EMPTY_SKETCH };
  const own = db
    .select({ composite: scores.composite, indicators: scores.indicators })
    .from(scores)
    .where(and(eq(scores.runId, runId), eq(scores.stakeholderId, stakeholderId)))
    .get();
  const scored = db.get<{ n: number }>(sql`select count(*) as n from ${scores} where ${scores.runId} = ${runId}`)!.n;
  let composites = keptSketch(db, runId);
  if (own?.composite != null) composites = sketchWithout(composites, own.composite);

  const indicators: PeerSummary['indicators'] = {};
  const columns = peerValuesOf(db, runId);
  for (const indicator of document.objectives.flatMap((o) => o.indicators)) {
    if (!isPeerDependent(indicator.normalization)) continue;
    const all = columns.get(indicator.code) ?? new Float64Array(0);
    const ascending = PeerValues.without(all, own?.indicators[indicator.code]?.raw ?? NaN).ascending;
    indicators[indicator.code] = summarizeColumn(ascending, indicator.normalization.method === 'percentile');
  }
  return { peers: scored - (own ? 1 : 0), indicators, composites };
}
