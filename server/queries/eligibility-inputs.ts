// The eligibility engine's inputs for one published period, read from the published official
// score runs (and earlier published periods for "consecutive" clauses). Runs, recomputes and the
// tuning preview all read them here, so a preview sees exactly what a run would.
import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { regions, scores, stakeholders } from '@/db/schema';
import { StateError } from '@/server/errors';
import { MAX_CONSECUTIVE_PERIODS, type EligibilityInput, type HistoryEntry, type PeriodScore } from '@/core/eligibility';
import { sortGradesDescending } from '@/core/scoring';
import type { StakeholderType } from '@/core/domain/enums';
import { getPeriod, publishedPeriodsBefore, type Period } from './periods';
import { countyAndTownshipOf, regionCodes } from './regions';
import { redFlagLimits } from './kpi-versions';
import { publishedRunsOf, publishedScoresInPeriods, type ScoreRow } from './scores';

export type PeriodInputs = {
  period: Period;
  inputs: EligibilityInput[];
  scoreRunIds: number[];
  stakeholderIds: Map<string, number>;
};

function periodScoreOf(row: Pick<ScoreRow, 'composite' | 'grade' | 'objectives' | 'indicators' | 'percentile' | 'countyPercentile' | 'couplingClass'>): PeriodScore {
  return {
    composite: row.composite,
    grade: row.grade,
    objectives: row.objectives,
    indicators: Object.fromEntries(Object.entries(row.indicators).map(([code, v]) => [code, { raw: v.raw, normalized: v.normalized }])),
    percentile: row.percentile,
    countyPercentile: row.countyPercentile,
    couplingClass: row.couplingClass,
  };
}

/** The period, or STATE for one not published (eligibility reads only published scores). */
export function publishedPeriod(db: DbOrTx, periodId: number): Period {
  const period = getPeriod(db, periodId);
  if (period.status !== 'published') {
    throw new StateError(
      `Eligibility can only be run on a published period: ${period.code} is ${period.status}. Publish its scores first, then run the program.`,
      'period_not_published',
    );
  }
  return period;
}

/** The engine's inputs for one published period: official published scores of the eligible types. */
export function buildPeriodInputs(db: DbOrTx, periodId: number, eligibleTypes: readonly StakeholderType[]): PeriodInputs {
  const period = publishedPeriod(db, periodId);
  const runs = publishedRunsOf(db, periodId).filter((r) => eligibleTypes.includes(r.type));
  const stakeholderIds = new Map<string, number>();
  if (runs.length === 0) return { period, inputs: [], scoreRunIds: [], stakeholderIds };

  const gradesOf = new Map(runs.map((r) => [r.id, sortGradesDescending(r.grades).map((g) => g.code)]));
  const limitsOf = new Map(runs.map((r) => [r.id, redFlagLimits(db, { versionId: r.versionId })]));

  const rows = db
    .select({ score: scores, code: stakeholders.code, name: stakeholders.name, type: stakeholders.type, path: regions.path })
    .from(scores)
    .innerJoin(stakeholders, eq(stakeholders.id, scores.stakeholderId))
    .innerJoin(regions, eq(regions.id, stakeholders.regionId))
    .where(inArray(scores.runId, runs.map((r) => r.id)))
    .orderBy(asc(stakeholders.code))
    .all();
  const countyIdOf = (path: string) => countyAndTownshipOf(path).countyId;
  const countyCode = regionCodes(db, [...new Set(rows.map((r) => countyIdOf(r.path)).filter((x): x is number => x !== null))]);

  // Earlier published periods, most recent first: enough for the longest "consecutive" clause.
  const earlier = publishedPeriodsBefore(db, period, MAX_CONSECUTIVE_PERIODS - 1);
  const past = new Map<string, PeriodScore>(); // `${periodId}:${stakeholderId}` → score
  for (const r of publishedScoresInPeriods(db, earlier.map((p) => p.id))) past.set(`${r.periodId}:${r.score.stakeholderId}`, periodScoreOf(r.score));

  const inputs: EligibilityInput[] = rows.map((r) => {
    stakeholderIds.set(r.code, r.score.stakeholderId);
    const history: HistoryEntry[] = earlier.map((p) => ({ period: p.code, score: past.get(`${p.id}:${r.score.stakeholderId}`) ?? null }));
    const county = countyIdOf(r.path);
    return {
      stakeholder: r.code,
      name: r.name,
      type: r.type,
      county: county === null ? undefined : (countyCode.get(county) ?? undefined),
      grades: gradesOf.get(r.score.runId) ?? [],
      redFlagLimits: limitsOf.get(r.score.runId) ?? {},
      history,
      ...periodScoreOf(r.score),
    };
  });
  return { period, inputs, scoreRunIds: runs.map((r) => r.id), stakeholderIds };
}
