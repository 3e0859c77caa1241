// What a printed or exported scorecard cites about its scores: when their run was published and
// under which method (KPI-set version and method hash), so a reader can find and re-derive them.
import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { kpiSets, kpiSetVersions, periods, scoreRuns, scores } from '@/db/schema';
import { labelOf, type Label } from '@/core/i18n/label';
import type { StakeholderType } from '@/core/domain/enums';
import { publishedScoresOnly } from './periods';

export type RunPublication = {
  runId: number;
  period: string;
  type: StakeholderType;
  kpiSet: { code: string; name: Label; version: number };
  methodHash: string;
  inputHash: string;
  publishedAt: Date | null;
};

function runFacts(db: DbOrTx, where: ReturnType<typeof and>) {
  const rows = db
    .select({
      runId: scoreRuns.id,
      versionId: scoreRuns.kpiSetVersionId,
      period: periods.code,
      type: kpiSets.stakeholderType,
      code: kpiSets.code,
      nameEn: kpiSets.nameEn,
      nameZh: kpiSets.nameZh,
      version: kpiSetVersions.version,
      methodHash: scoreRuns.methodHash,
      inputHash: scoreRuns.inputHash,
      runPublishedAt: scoreRuns.publishedAt,
      periodPublishedAt: periods.publishedAt,
    })
    .from(scoreRuns)
    .innerJoin(periods, eq(periods.id, scoreRuns.periodId))
    .innerJoin(kpiSetVersions, eq(kpiSetVersions.id, scoreRuns.kpiSetVersionId))
    .innerJoin(kpiSets, eq(kpiSets.id, kpiSetVersions.kpiSetId))
    .where(and(publishedScoresOnly, where))
    .orderBy(asc(scoreRuns.id))
    .all();
  return rows.map((r) => ({
    versionId: r.versionId,
    runId: r.runId,
    period: r.period,
    type: r.type,
    kpiSet: { code: r.code, name: labelOf(r), version: r.version },
    methodHash: r.methodHash,
    inputHash: r.inputHash,
    publishedAt: r.runPublishedAt ?? r.periodPublishedAt,
  }));
}

/** The published official runs of a period, one per KPI-set version: a re-published period's latest. */
export function periodRunPublications(db: DbOrTx, periodCode: string): RunPublication[] {
  return runFacts(db, eq(periods.code, periodCode))
    .filter((row, i, all) => all.findLastIndex((other) => other.versionId === row.versionId) === i)
    .map(({ versionId: _versionId, ...r }) => r);
}

/** The published official run that holds a stakeholder's score of a period, or null. */
export function stakeholderRunPublication(db: DbOrTx, stakeholderId: number, periodCode: string): RunPublication | null {
  // Its latest run of the period, as publishedScoresOf picks the score a scorecard shows.
  const latest = db
    .select({ runId: scores.runId })
    .from(scores)
    .innerJoin(scoreRuns, eq(scoreRuns.id, scores.runId))
    .innerJoin(periods, eq(periods.id, scoreRuns.periodId))
    .where(and(eq(scores.stakeholderId, stakeholderId), eq(periods.code, periodCode), publishedScoresOnly))
    .orderBy(desc(scores.runId))
    .limit(1)
    .get();
  if (!latest) return null;
  const [run] = runFacts(db, eq(scoreRuns.id, latest.runId));
  if (!run) return null;
  const { versionId: _versionId, ...facts } = run;
  return facts;
}
