// Reads of stored scores. What the outside world sees is only a published official run of a
// published period: drafts, provisional runs and open periods never leave through these.
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { kpiSets, kpiSetVersions, periods, scoreRuns, scores } from '@/db/schema';
import { latestRunOnly, publishedScoresOnly } from './periods';

export type ScoreRow = typeof scores.$inferSelect;

export type PublishedScore = {
  periodId: number;
  periodCode: string;
  startsOn: string;
  runId: number;
  versionId: number;
  score: ScoreRow;
};

/** Every published score of a stakeholder, oldest period first; a re-published period counts once (its latest run). */
export function publishedScoresOf(db: DbOrTx, stakeholderId: number): PublishedScore[] {
  return db
    .select({
      periodId: periods.id,
      periodCode: periods.code,
      startsOn: periods.startsOn,
      runId: scoreRuns.id,
      versionId: scoreRuns.kpiSetVersionId,
      score: scores,
    })
    .from(scores)
    .innerJoin(scoreRuns, eq(scoreRuns.id, scores.runId))
    .innerJoin(periods, eq(periods.id, scoreRuns.periodId))
    .where(and(eq(scores.stakeholderId, stakeholderId), publishedScoresOnly))
    .orderBy(asc(periods.startsOn), asc(scoreRuns.id))
    .all()
    .filter((row, i, all) => all.findLastIndex((other) => other.periodId === row.periodId) === i);
}

/** The published official runs of a period, one per version (a revision's replace the earlier ones), with the stakeholder type and grades of their version. */
export function publishedRunsOf(db: DbOrTx, periodId: number) {
  return db
    .select({ id: scoreRuns.id, versionId: scoreRuns.kpiSetVersionId, type: kpiSets.stakeholderType, grades: kpiSetVersions.grades })
    .from(scoreRuns)
    .innerJoin(kpiSetVersions, eq(kpiSetVersions.id, scoreRuns.kpiSetVersionId))
    .innerJoin(kpiSets, eq(kpiSets.id, kpiSetVersions.kpiSetId))
    .where(and(eq(scoreRuns.periodId, periodId), eq(scoreRuns.status, 'published'), eq(scoreRuns.kind, 'official'), latestRunOnly))
    .orderBy(asc(scoreRuns.id))
    .all();
}

