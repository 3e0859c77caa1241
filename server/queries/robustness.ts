// Robustness checks of eligibility runs: what a check reads (which score run scored whom, the
// run's determinations by stakeholder), writing a check whole, and what the run page, the
// determination detail, the exports and a stakeholder's scorecard read back.
import 'server-only';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { determinations, eligibilityRuns, jobs, robustnessChecks, robustnessResults, stakeholders, user } from '@/db/schema';
import { FRAGILE_BELOW, type FlipCause } from '@/core/domain/robustness';
import { countyKeyOf } from './regions';

const placeholders = (n: number) => new Array<string>(n).fill('?').join(', ');

/**
 * The stakeholders scored in each of the given score runs (the engine's groups), in code order,
 * each with the key its county percentile was ranked by (countyKeyOf, as the score run ranked).
 */
export function stakeholdersOfScoreRuns(db: Db, runIds: readonly number[]): Map<number, { codes: string[]; countyKeys: string[] }> {
  const out = new Map(runIds.map((id) => [id, { codes: [] as string[], countyKeys: [] as string[] }]));
  if (runIds.length === 0) return out;
  const rows = db.$client
    .prepare(`select s.run_id, st.code, r.path from scores s join stakeholders st on st.id = s.stakeholder_id join regions r on r.id = st.region_id where s.run_id in (${placeholders(runIds.length)}) order by st.code`)
    .raw()
    .all(...runIds) as [number, string, string][];
  for (const [runId, code, path] of rows) {
    const group = out.get(runId)!;
    group.codes.push(code);
    group.countyKeys.push(countyKeyOf(path));
  }
  return out;
}

/** The run's determination ids by stakeholder code. */
export function determinationIdsByCode(db: DbOrTx, runId: number): Map<string, number> {
  const rows = db.select({ id: determinations.id, code: stakeholders.code }).from(determinations).innerJoin(stakeholders, eq(stakeholders.id, determinations.stakeholderId)).where(eq(determinations.runId, runId)).all();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Results per insert statement (4 parameters each). */
const ROWS_PER_INSERT = 200;

/** Writes a check and its results (call inside a transaction); returns the check's id. */
export function insertCheck(
  tx: DbOrTx,
  check: { runId: number; draws: number; spread: number; seed: number; fragile: number; createdBy: string; automatic: boolean },
  results: readonly { determinationId: number; stability: number; flip: FlipCause | null }[],
): number {
  const row = tx.insert(robustnessChecks).values({ ...check, scheme: 'uniform' }).returning({ id: robustnessChecks.id }).get();
  for (let i = 0; i < results.length; i += ROWS_PER_INSERT) {
    tx.insert(robustnessResults)
      .values(results.slice(i, i + ROWS_PER_INSERT).map((r) => ({ checkId: row.id, determinationId: r.determinationId, stability: r.stability, flip: r.flip })))
      .run();
  }
  return row.id;
}

export type RobustnessCheckRow = typeof robustnessChecks.$inferSelect & { createdByName: string | null };

/** The latest check of a run, or null before any. */
export function latestCheck(db: DbOrTx, runId: number): RobustnessCheckRow | null {
  const row = db
    .select({ check: robustnessChecks, createdByName: user.name })
    .from(robustnessChecks)
    .leftJoin(user, eq(user.id, robustnessChecks.createdBy))
    .where(eq(robustnessChecks.runId, runId))
    .orderBy(desc(robustnessChecks.id))
    .limit(1)
    .get();
  return row ? { ...row.check, createdByName: row.createdByName } : null;
}

/** One page of a check's fragile determinations, least stable first (then by code). */
export function fragilePage(db: DbOrTx, checkId: number, page: number, pageSize: number) {
  const where = and(eq(robustnessResults.checkId, checkId), lt(robustnessResults.stability, FRAGILE_BELOW));
  const items = db
    .select({
      determinationId: robustnessResults.determinationId,
      stability: robustnessResults.stability,
      flip: robustnessResults.flip,
      stakeholderId: stakeholders.id,
      code: stakeholders.code,
      name: stakeholders.name,
      eligible: determinations.eligible,
      composite: determinations.composite,
      county: determinations.county,
    })
    .from(robustnessResults)
    .innerJoin(determinations, eq(determinations.id, robustnessResults.determinationId))
    .innerJoin(stakeholders, eq(stakeholders.id, determinations.stakeholderId))
    .where(where)
    .orderBy(asc(robustnessResults.stability), asc(stakeholders.code))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const total = db.select({ n: sql<number>`count(*)` }).from(robustnessResults).where(where).get()!.n;
  return { items, total };
}

/**
 * The latest check's result for each of the given determinations (each from its own run's latest
 * check): stability, what flips it, and the check's draws.
 */
export function latestResults(db: DbOrTx, determinationIds: readonly number[]) {
  const out = new Map<number, { stability: number; flip: FlipCause | null; draws: number; spread: number; checkId: number }>();
  if (determinationIds.length === 0) return out;
  const latestOfRun = sql`${robustnessChecks.id} = (select max(c2.id) from ${robustnessChecks} c2 where c2.run_id = ${robustnessChecks.runId})`;
  const rows = db
    .select({ determinationId: robustnessResults.determinationId, stability: robustnessResults.stability, flip: robustnessResults.flip, draws: robustnessChecks.draws, spread: robustnessChecks.spread, checkId: robustnessChecks.id })
    .from(robustnessResults)
    .innerJoin(robustnessChecks, eq(robustnessChecks.id, robustnessResults.checkId))
    .where(and(inArray(robustnessResults.determinationId, [...determinationIds]), latestOfRun))
    .all();
  for (const r of rows) out.set(r.determinationId, r);
  return out;
}

/** Stability of every determination of a run under its latest check (for the exports); empty before any. */
export function runStabilities(db: DbOrTx, runId: number): Map<number, number> {
  const check = db.select({ id: robustnessChecks.id }).from(robustnessChecks).where(eq(robustnessChecks.runId, runId)).orderBy(desc(robustnessChecks.id)).limit(1).get();
  if (!check) return new Map();
  const rows = db.select({ id: robustnessResults.determinationId, stability: robustnessResults.stability }).from(robustnessResults).where(eq(robustnessResults.checkId, check.id)).all();
  return new Map(rows.map((r) => [r.id, r.stability]));
}

/**
 * Eligibility runs still owed their automatic check, oldest first, with their authors: no check
 * yet, not replaced by a revision's run (whose scores it no longer reads), and no check job that
 * is waiting, running, done, or failed for a reason other than a restart (a check that could not
 * be done is not tried again by itself; its failure shows on the run page).
 */
export function runsAwaitingCheck(db: DbOrTx): { runId: number; createdBy: string }[] {
  const checkJobOf = sql`${jobs.kind} = 'eligibility.robustness' and json_extract(${jobs.input}, '$.runId') = ${eligibilityRuns.id}`;
  const rows = db
    .select({ runId: eligibilityRuns.id, createdBy: eligibilityRuns.createdBy })
    .from(eligibilityRuns)
    .where(
      and(
        sql`not exists (select 1 from ${robustnessChecks} where ${robustnessChecks.runId} = ${eligibilityRuns.id})`,
        sql`not exists (select 1 from ${eligibilityRuns} later where later.replaces_run_id = ${eligibilityRuns.id})`,
        sql`not exists (select 1 from ${jobs} where ${checkJobOf} and (${jobs.status} <> 'failed' or coalesce(json_extract(${jobs.error}, '$.code'), '') <> 'interrupted'))`,
      ),
    )
    .orderBy(asc(eligibilityRuns.id))
    .all();
  return rows.filter((r): r is { runId: number; createdBy: string } => r.createdBy !== null);
}
