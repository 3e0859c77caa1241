// Reads of the figures a score run keeps beside its scores (core/scoring/run-figures.ts): region
// rows within a scope or a region, and the peer values of its peer-relative indicators. Runs from
// before runs kept figures get them on first read.
import 'server-only';
import { and, asc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { kpiSets, kpiSetVersions, regions, scoreRunFigures, scoreRunPeerValues, scoreRuns, scores, stakeholders } from '@/db/schema';
import { bytesToColumn } from '@/core/scoring/run-figures';
import { backfillRunFigures } from './score-runs';

/** Figure rows of the runs, one per run × region, with the region and the run's stakeholder type and scale. */
export function figuresOf(db: Db, runIds: readonly number[], where?: SQL) {
  if (runIds.length === 0) return [];
  backfillRunFigures(db, runIds);
  return db
    .select({
      runId: scoreRunFigures.runId,
      regionId: scoreRunFigures.regionId,
      path: regions.path,
      type: kpiSets.stakeholderType,
      scale: kpiSetVersions.scale,
      n: scoreRunFigures.n,
      compositeN: scoreRunFigures.compositeN,
      compositeSum: scoreRunFigures.compositeSum,
      bins: scoreRunFigures.bins,
      grades: scoreRunFigures.grades,
      objectives: scoreRunFigures.objectives,
      couplingN: scoreRunFigures.couplingN,
      couplingSum: scoreRunFigures.couplingSum,
    })
    .from(scoreRunFigures)
    .innerJoin(regions, eq(regions.id, scoreRunFigures.regionId))
    .innerJoin(scoreRuns, eq(scoreRuns.id, scoreRunFigures.runId))
    .innerJoin(kpiSetVersions, eq(kpiSetVersions.id, scoreRuns.kpiSetVersionId))
    .innerJoin(kpiSets, eq(kpiSets.id, kpiSetVersions.kpiSetId))
    .where(and(inArray(scoreRunFigures.runId, [...runIds]), where))
    .orderBy(asc(scoreRunFigures.runId), asc(regions.path))
    .all();
}

export type FigureRow = ReturnType<typeof figuresOf>[number];

/** Scores of a run with a composite whose region (at run time) lies under a path prefix ("/1/4/"). */
export function compositeCountWithin(db: Db, runId: number, pathPrefix: string): number {
  return figuresOf(db, [runId], like(regions.path, `${pathPrefix}%`)).reduce((n, f) => n + f.compositeN, 0);
}

/** The stored peer values of a run's peer-relative indicators, by indicator code. */
export function peerValuesOf(db: Db, runId: number): Map<string, Float64Array> {
  backfillRunFigures(db, [runId]);
  const rows = db.select().from(scoreRunPeerValues).where(eq(scoreRunPeerValues.runId, runId)).all();
  return new Map(rows.map((r) => [r.indicator, bytesToColumn(r.values)]));
}

/**
 * The q-quantiles (type 7: linear between closest ranks) of the composites of the runs, for the
 * stakeholders whose region meets `regionScope` (a condition on `regions`; none: all). Only the
 * rows at the wanted ranks leave the database: over a whole run they are read by offset from the
 * (run, composite) index; within a scope the rows are reached from its regions, so a county costs
 * what it holds.
 */
export function compositeQuantiles(db: Db, runIds: readonly number[], qs: readonly number[], regionScope?: SQL): (number | null)[] {
  if (runIds.length === 0) return qs.map(() => null);
  const runs = inArray(scores.runId, [...runIds]);
  const present = sql`${scores.composite} is not null`;
  const interpolate = (n: number, at: (i: number) => number) =>
    qs.map((q) => {
      if (n === 0) return null;
      const pos = (n - 1) * q;
      const lo = at(Math.floor(pos));
      return lo + (at(Math.ceil(pos)) - lo) * (pos - Math.floor(pos));
    });
  if (!regionScope && runIds.length === 1) {
    const n = db.get<{ n: number }>(sql`select count(*) as n from ${scores} where ${runs} and ${present}`)!.n;
    return interpolate(n, (i) => db.get<{ c: number }>(sql`select ${scores.composite} as c from ${scores} where ${runs} and ${present} order by ${scores.composite} limit 1 offset ${i}`)!.c);
  }
  // CROSS JOIN keeps SQLite's join order: from the scope's regions to their stakeholders' scores.
  const rows = db.all<{ i: number; composite: number; total: number }>(sql`
    select i, composite, total from (
      select ${scores.composite} as composite, row_number() over (order by ${scores.composite}) - 1 as i, count(*) over () as total
      from ${regions} cross join ${stakeholders} on ${stakeholders.regionId} = ${regions.id}
      cross join ${scores} on ${scores.stakeholderId} = ${stakeholders.id} and ${runs}
      where ${present} ${regionScope ? sql`and ${regionScope}` : sql``}
    )`.append(sql` where ${sql.join(
      qs.map((q) => sql`i = cast((total - 1) * ${q} as integer) or i = cast((total - 1) * ${q} as integer) + ((total - 1) * ${q} > cast((total - 1) * ${q} as integer))`),
      sql` or `,
    )}`));
  const byRank = new Map(rows.map((r) => [r.i, r.composite]));
  return interpolate(rows[0]?.total ?? 0, (i) => byRank.get(i)!);
}

/**
 * Totals of the runs' figures per stakeholder type within a condition on `regions`, summed in SQL
 * (a trend needs a few numbers per period, not every region's row).
 */
export function figureTotalsByType(db: Db, runIds: readonly number[], objective: string, where?: SQL) {
  if (runIds.length === 0) return [];
  backfillRunFigures(db, runIds);
  const path = `$.${objective}`;
  return db
    .select({
      type: kpiSets.stakeholderType,
      n: sql<number>`sum(${scoreRunFigures.n})`,
      compositeN: sql<number>`sum(${scoreRunFigures.compositeN})`,
      compositeSum: sql<number>`sum(${scoreRunFigures.compositeSum})`,
      objectiveN: sql<number>`coalesce(sum(json_extract(${scoreRunFigures.objectives}, ${path + '.n'})), 0)`,
      objectiveSum: sql<number>`coalesce(sum(json_extract(${scoreRunFigures.objectives}, ${path + '.sum'})), 0)`,
    })
    .from(scoreRunFigures)
    .innerJoin(regions, eq(regions.id, scoreRunFigures.regionId))
    .innerJoin(scoreRuns, eq(scoreRuns.id, scoreRunFigures.runId))
    .innerJoin(kpiSetVersions, eq(kpiSetVersions.id, scoreRuns.kpiSetVersionId))
    .innerJoin(kpiSets, eq(kpiSets.id, kpiSetVersions.kpiSetId))
    .where(and(inArray(scoreRunFigures.runId, [...runIds]), where))
    .groupBy(kpiSets.stakeholderType)
    .all();
}
