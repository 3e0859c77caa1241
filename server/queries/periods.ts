// Periods as every service reads them. "Published" has two meanings, kept apart by name:
// publishedPeriods (the period's status) and periodsWithPublishedScores (a published period that
// also has a published official run, i.e. something a scorecard can show).
import 'server-only';
import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { periods, scoreRuns } from '@/db/schema';
import { NotFoundError } from '@/server/errors';

export type Period = typeof periods.$inferSelect;

/** Every period, newest first (a year before its first quarter). */
export function listPeriods(db: DbOrTx): Period[] {
  return db.select().from(periods).orderBy(desc(periods.startsOn), asc(periods.kind)).all();
}

/** The period, or NOT_FOUND. */
export function getPeriod(db: DbOrTx, periodId: number): Period {
  const p = db.select().from(periods).where(eq(periods.id, periodId)).get();
  if (!p) throw new NotFoundError('Period', periodId);
  return p;
}

/** The open period entry happens in (the latest, should there be several). */
export function openPeriod(db: DbOrTx): Period | null {
  return db.select().from(periods).where(eq(periods.status, 'open')).orderBy(desc(periods.startsOn)).get() ?? null;
}

/** The given period, else the open one, else the latest; null when there are no periods. */
export function resolvePeriod(db: DbOrTx, periodId?: number | null): Period | null {
  if (periodId) return getPeriod(db, periodId);
  return openPeriod(db) ?? db.select().from(periods).orderBy(desc(periods.startsOn)).get() ?? null;
}

/** The period before this one (by start date), if any. */
export function previousPeriod(db: DbOrTx, period: Period): Period | null {
  return db.select().from(periods).where(lt(periods.startsOn, period.startsOn)).orderBy(desc(periods.startsOn)).get() ?? null;
}

/** Periods whose status is published, newest first (eligibility runs on these). */
export function publishedPeriods(db: DbOrTx) {
  return db.select({ id: periods.id, code: periods.code, startsOn: periods.startsOn }).from(periods).where(eq(periods.status, 'published')).orderBy(desc(periods.startsOn)).all();
}

/** Published periods before this one, newest first, at most `limit` (for "consecutive" rules). */
export function publishedPeriodsBefore(db: DbOrTx, period: Pick<Period, 'startsOn'>, limit: number): Period[] {
  return db
    .select()
    .from(periods)
    .where(and(eq(periods.status, 'published'), lt(periods.startsOn, period.startsOn)))
    .orderBy(desc(periods.startsOn))
    .limit(limit)
    .all();
}

/**
 * The condition on score runs: no later published official run of the same period and version
 * replaces this one. A period's revision (2, 3, …) publishes new runs; the earlier ones stay, frozen,
 * and only their own pages read them.
 */
export const latestRunOnly = sql`not exists (select 1 from score_runs later where later.period_id = ${scoreRuns.periodId} and later.kpi_set_version_id = ${scoreRuns.kpiSetVersionId}
  and later.kind = 'official' and later.status = 'published' and later.id > ${scoreRuns.id})`;

/** The condition on a join of score runs and periods: the latest published official run of a published period. */
export const publishedScoresOnly = and(eq(scoreRuns.status, 'published'), eq(scoreRuns.kind, 'official'), eq(periods.status, 'published'), latestRunOnly);

/** Published periods that have at least one published official run, newest first (scorecards show these). */
export function periodsWithPublishedScores(db: DbOrTx) {
  return db
    .selectDistinct({ id: periods.id, code: periods.code, startsOn: periods.startsOn })
    .from(periods)
    .innerJoin(scoreRuns, eq(scoreRuns.periodId, periods.id))
    .where(publishedScoresOnly)
    .orderBy(desc(periods.startsOn))
    .all();
}
