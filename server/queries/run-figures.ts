// Reads of the figures a score run keeps beside its scores (core/scoring/run-figures.ts): region
// rows within a scope or a region, and the peer values of its peer-relative indicators. Runs from
// before runs kept figures get them on first read.
import 'server-only';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { kpiSets, kpiSetVersions, povertyWarnings, povertyWarningSets, regions, scoreRunCountyFigures, scoreRunFigures, scoreRunPeerValues, scoreRunQuantiles, scoreRuns, scores, stakeholders } from '@/db/schema';
import { bytesToColumn, sumFigures } from '@/core/scoring/run-figures';
import { pathRange } from './region-tree';
import { regionPathIds } from './regions';
import { backfillRunFigures } from './score-runs';

/** Figure rows of the runs, one per run × region, with the region and the run's stakeholder type and scale. */
export function figuresOf(db: Db, runIds: readonly number[], where?: SQL) {
  if (runIds.length === 0) return [];
  backfillRunFigures(db, runIds);
  return figureRows(db, scoreRunFigures, runIds, where);
}

export type FigureRow = ReturnType<typeof figuresOf>[number];

type FigureTable = typeof scoreRunFigures | typeof scoreRunCountyFigures;

/** The rows of a table of figures (per region, or per county) for the runs, with region, type and scale. */
function figureRows(db: Db, t: FigureTable, runIds: readonly number[], where?: SQL) {
  return db
    .select({
      runId: t.runId,
      regionId: t.regionId,
      path: regions.path,
      type: kpiSets.stakeholderType,
      scale: kpiSetVersions.scale,
      n: t.n,
      compositeN: t.compositeN,
      compositeSum: t.compositeSum,
      bins: t.bins,
      grades: t.grades,
      objectives: t.objectives,
      couplingN: t.couplingN,
      couplingSum: t.couplingSum,
    })
    .from(t)
    .innerJoin(regions, eq(regions.id, t.regionId))
    .innerJoin(scoreRuns, eq(scoreRuns.id, t.runId))
    .innerJoin(kpiSetVersions, eq(kpiSetVersions.id, scoreRuns.kpiSetVersionId))
    .innerJoin(kpiSets, eq(kpiSets.id, kpiSetVersions.kpiSetId))
    .where(and(inArray(t.runId, [...runIds]), where))
    .orderBy(asc(t.runId), asc(regions.path))
    .all();
}

/**
 * Figure rows of the runs per county (a region above county level keeps its own row), for a
 * reader who sees the whole province: about a hundred rows a run instead of every township's.
 */
export function countyFiguresOf(db: Db, runIds: readonly number[]): FigureRow[] {
  if (runIds.length === 0) return [];
  storeCountyFigures(db, runIds);
  return figureRows(db, scoreRunCountyFigures, runIds);
}

/** Adds up the region figures of runs that have none per county yet (a run's figures never change). */
export function storeCountyFigures(db: Db, runIds: readonly number[]) {
  if (runIds.length === 0) return;
  const stored = new Set(
    db.selectDistinct({ runId: scoreRunCountyFigures.runId }).from(scoreRunCountyFigures).where(inArray(scoreRunCountyFigures.runId, [...runIds])).all().map((r) => r.runId),
  );
  for (const runId of runIds) {
    if (stored.has(runId)) continue;
    const byCounty = new Map<number, FigureRow[]>();
    for (const f of figuresOf(db, [runId])) {
      const ids = regionPathIds(f.path);
      const countyId = ids[Math.min(2, ids.length - 1)]!;
      (byCounty.get(countyId) ?? byCounty.set(countyId, []).get(countyId)!).push(f);
    }
    if (byCounty.size === 0) continue;
    const rows = [...byCounty].map(([regionId, fs]) => ({ runId, regionId, ...sumFigures(fs) }));
    try {
      db.transaction((tx) => {
        for (let k = 0; k < rows.length; k += 500) tx.insert(scoreRunCountyFigures).values(rows.slice(k, k + 500)).onConflictDoNothing().run();
      });
    } catch (e) {
      // A long write (a publish) holds the lock: the rows are stored on a later read.
      if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
    }
  }
}

/** Scores of a run with a composite whose region (at run time) lies under a path prefix ("/1/4/"). */
export function compositeCountWithin(db: Db, runId: number, pathPrefix: string): number {
  backfillRunFigures(db, [runId]);
  // Summed in SQL from the regions under the path (CROSS JOIN keeps that order, on the path
  // index): a scorecard asks this for its county among a province's thousands of region rows.
  const row = db.get<{ n: number | null }>(sql`
    select sum(${scoreRunFigures.compositeN}) as n
    from ${regions} cross join ${scoreRunFigures} on ${scoreRunFigures.runId} = ${runId} and ${scoreRunFigures.regionId} = ${regions.id}
    where ${pathRange(regions.path, pathPrefix)}`);
  return row?.n ?? 0;
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
 * (run, composite) index once and stored; within a scope the rows are reached from its regions, so a county costs
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
    // Stored on first read: walking the index to a rank costs the rank, which grows with the run.
    const runId = runIds[0]!;
    const stored = new Map(db.select().from(scoreRunQuantiles).where(eq(scoreRunQuantiles.runId, runId)).all().map((r) => [r.q, r.value]));
    const missing = qs.filter((q) => !stored.has(q));
    if (missing.length) {
      const n = db.get<{ n: number }>(sql`select count(*) as n from ${scores} where ${runs} and ${present}`)!.n;
      const values = interpolate(n, (i) => db.get<{ c: number }>(sql`select ${scores.composite} as c from ${scores} where ${runs} and ${present} order by ${scores.composite} limit 1 offset ${i}`)!.c);
      const rows = qs.map((q, i) => ({ runId, q, value: values[i] ?? null }));
      try {
        db.insert(scoreRunQuantiles).values(rows).onConflictDoNothing().run();
      } catch (e) {
        // A long write (a publish) holds the lock: answer now, store on a later read.
        if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
      }
      return values;
    }
    return qs.map((q) => stored.get(q) ?? null);
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
 * Totals of each run's figures (a run is of one stakeholder type) within a condition on
 * `regions`, summed in SQL (a trend needs a few numbers per period, not every region's row); over
 * the whole province (no condition) from the per-county figures.
 */
export function figureTotalsByRun(db: Db, runIds: readonly number[], objective: string, where?: SQL) {
  if (runIds.length === 0) return [];
  const t = where ? scoreRunFigures : scoreRunCountyFigures;
  if (where) backfillRunFigures(db, runIds);
  else storeCountyFigures(db, runIds);
  const path = `$.${objective}`;
  return db
    .select({
      runId: t.runId,
      type: kpiSets.stakeholderType,
      n: sql<number>`sum(${t.n})`,
      compositeN: sql<number>`sum(${t.compositeN})`,
      compositeSum: sql<number>`sum(${t.compositeSum})`,
      objectiveN: sql<number>`coalesce(sum(json_extract(${t.objectives}, ${path + '.n'})), 0)`,
      objectiveSum: sql<number>`coalesce(sum(json_extract(${t.objectives}, ${path + '.sum'})), 0)`,
    })
    .from(t)
    .innerJoin(regions, eq(regions.id, t.regionId))
    .innerJoin(scoreRuns, eq(scoreRuns.id, t.runId))
    .innerJoin(kpiSetVersions, eq(kpiSetVersions.id, scoreRuns.kpiSetVersionId))
    .innerJoin(kpiSets, eq(kpiSets.id, kpiSetVersions.kpiSetId))
    .where(and(inArray(t.runId, [...runIds]), where))
    .groupBy(t.runId)
    .all();
}

export type PovertyWarningRow = {
  kind: 'poverty_drop' | 'poverty_low';
  stakeholderId: number;
  code: string;
  name: string;
  evaluationId: number | null;
  now: number;
  before: number | null;
};

/**
 * Works out and stores the poverty warnings of `runIds` against `prevRunIds` (a score below
 * `floor`, or a fall of at least `drop` points): one pass over the runs' scores, read from the
 * scores_run_poverty_idx index, done once per set of runs. Sets of the period's older runs go.
 */
function storePovertyWarnings(db: Db, key: string, periodId: number, runIds: readonly number[], prevRunIds: readonly number[], objective: string, drop: number, floor: number) {
  // A literal path, so the index answers without reading the wide score rows.
  const score = (table: string) => sql.raw(`json_extract(${table}.objectives, '$.${objective}')`);
  const before = prevRunIds.length
    ? sql`(select ${score('p')} from ${scores} p indexed by scores_run_poverty_idx where p.stakeholder_id = s.stakeholder_id and ${inArray(sql`p.run_id`, [...prevRunIds])})`
    : sql`null`;
  const fell = sql.raw(`before is not null and before - now >= ${drop - 1e-9}`);
  db.transaction(
    (tx) => {
      if (tx.select({ key: povertyWarningSets.key }).from(povertyWarningSets).where(eq(povertyWarningSets.key, key)).get()) return;
      tx.delete(povertyWarningSets).where(eq(povertyWarningSets.periodId, periodId)).run();
      // Rows left without their set (written with foreign keys off) would stand in the way.
      tx.delete(povertyWarnings).where(eq(povertyWarnings.setKey, key)).run();
      tx.insert(povertyWarningSets).values({ key, periodId, totals: {} }).run();
      tx.run(sql`
        with scored as materialized (
          select s.id as scoreId, s.stakeholder_id as stakeholderId, ${score('s')} as now, ${before} as before
          from ${scores} s indexed by scores_run_poverty_idx where ${inArray(sql`s.run_id`, [...runIds])}
        ), flagged as materialized (
          select case when ${fell} then 'poverty_drop' else 'poverty_low' end as kind, * from scored
          where now is not null and ((${fell}) or now < ${floor})
        )
        insert into ${povertyWarnings} (set_key, kind, code, stakeholder_id, region_id, evaluation_id, now, before)
        select ${key}, f.kind, st.code, f.stakeholderId, st.region_id, e.evaluation_id, f.now, f.before
        from flagged f inner join ${stakeholders} st on st.id = f.stakeholderId inner join ${scores} e on e.id = f.scoreId`);
      const totals = tx
        .select({ kind: povertyWarnings.kind, n: sql<number>`count(*)` })
        .from(povertyWarnings)
        .where(eq(povertyWarnings.setKey, key))
        .groupBy(povertyWarnings.kind)
        .all();
      tx.update(povertyWarningSets).set({ totals: Object.fromEntries(totals.map((t) => [t.kind, t.n])) }).where(eq(povertyWarningSets.key, key)).run();
    },
    { behavior: 'immediate' },
  );
}

/**
 * The poverty warnings of the runs within a condition on `regions` (none: all): the first `limit`
 * of each kind by stakeholder code, and how many there are of each. Read from the stored set, so
 * a page costs the warnings in its scope (over the whole province: `limit` rows per kind).
 */
export function povertyWarningsOf(
  db: Db,
  opts: { periodId: number; runIds: readonly number[]; prevRunIds: readonly number[]; objective: string; drop: number; floor: number; limit: number },
  regionScope?: SQL,
): { rows: PovertyWarningRow[]; totals: Record<string, number> } {
  if (opts.runIds.length === 0) return { rows: [], totals: {} };
  const key = `${[...opts.runIds].sort((a, b) => a - b).join(',')}|${[...opts.prevRunIds].sort((a, b) => a - b).join(',')}|${opts.objective}:${opts.drop}:${opts.floor}`;
  if (!db.select({ key: povertyWarningSets.key }).from(povertyWarningSets).where(eq(povertyWarningSets.key, key)).get())
    storePovertyWarnings(db, key, opts.periodId, opts.runIds, opts.prevRunIds, opts.objective, opts.drop, opts.floor);
  const columns = {
    kind: sql<PovertyWarningRow['kind']>`${povertyWarnings.kind}`,
    stakeholderId: povertyWarnings.stakeholderId,
    code: povertyWarnings.code,
    name: stakeholders.name,
    evaluationId: povertyWarnings.evaluationId,
    now: povertyWarnings.now,
    before: povertyWarnings.before,
  };
  if (!regionScope) {
    const totals = db.select({ totals: povertyWarningSets.totals }).from(povertyWarningSets).where(eq(povertyWarningSets.key, key)).get()!.totals;
    const rows = Object.keys(totals).flatMap((kind) =>
      db
        .select(columns)
        .from(povertyWarnings)
        .innerJoin(stakeholders, eq(stakeholders.id, povertyWarnings.stakeholderId))
        .where(and(eq(povertyWarnings.setKey, key), eq(povertyWarnings.kind, kind)))
        .orderBy(asc(povertyWarnings.code))
        .limit(opts.limit)
        .all(),
    );
    return { rows, totals };
  }
  // CROSS JOIN keeps SQLite's join order: from the scope's regions to their warnings.
  const ranked = db.all<PovertyWarningRow & { total: number }>(sql`
    select w.kind, w.stakeholder_id as stakeholderId, w.code, st.name, w.evaluation_id as evaluationId, w.now, w.before, w.total from (
      select pw.*, row_number() over (partition by pw.kind order by pw.code) as place, count(*) over (partition by pw.kind) as total
      from ${regions} cross join ${povertyWarnings} pw on pw.set_key = ${key} and pw.region_id = ${regions.id}
      where ${regionScope}
    ) w inner join ${stakeholders} st on st.id = w.stakeholder_id
    where w.place <= ${opts.limit}`);
  const totals: Record<string, number> = {};
  for (const r of ranked) totals[r.kind] = r.total;
  return { rows: ranked.map(({ total: _total, ...r }) => r), totals };
}
