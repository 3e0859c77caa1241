// The county dashboard, inside the caller's scope: composite distribution by stakeholder type,
// township × objective mean scores, trends over periods, and early warnings that each link to
// an evaluation. Scores come from the period's published official run, or else its latest
// provisional run (approved evaluations so far).
import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { regions, scoreRuns, scores, stakeholders } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { STAKEHOLDER_TYPES, type StakeholderType } from '@/core/domain/enums';
import type { PeriodChoice } from '@/core/schemas/evaluations';
import { mean, quantile } from '@/core/scoring/stats';
import { redFlagValues, unfinishedEvaluations } from '@/server/queries/evaluations';
import { listObjectives } from '@/server/queries/library';
import { listPeriods, previousPeriod, resolvePeriod, type Period } from '@/server/queries/periods';
import { countyAndTownshipOf, regionNames } from '@/server/queries/regions';
import { stakeholderInScope } from '@/server/queries/scope';
import { labelOf } from '@/core/i18n/label';

/** Poverty-prevention warnings: a fall of this many points since the last period, or a score below the floor. */
export const POVERTY_DROP_POINTS = 10;
export const POVERTY_FLOOR = 60;
export const POVERTY_OBJECTIVE = 'poverty';
/** "Near the period's end": evaluations still missing this many days before it (or after it). */
export const MISSING_WARNING_DAYS = 14;
const TREND_PERIODS = 6;

/** The runs that hold a period's scores: per version, the published one, else the newest provisional/draft. */
function runsFor(db: Db, periodId: number): { runIds: number[]; provisional: boolean } {
  const runs = db.select().from(scoreRuns).where(eq(scoreRuns.periodId, periodId)).orderBy(desc(scoreRuns.createdAt), desc(scoreRuns.id)).all();
  const byVersion = new Map<number, (typeof runs)[number]>();
  for (const r of runs) {
    const chosen = byVersion.get(r.kpiSetVersionId);
    if (!chosen) byVersion.set(r.kpiSetVersionId, r);
    else if (chosen.status !== 'published' && r.status === 'published') byVersion.set(r.kpiSetVersionId, r);
    else if (chosen.status !== 'published' && chosen.kind === 'preview' && r.kind !== 'preview') byVersion.set(r.kpiSetVersionId, r);
  }
  const chosen = [...byVersion.values()].filter((r) => r.kind !== 'preview');
  return { runIds: chosen.map((r) => r.id), provisional: chosen.some((r) => r.status !== 'published') };
}

type ScoreRow = {
  stakeholderId: number;
  code: string;
  name: string;
  type: StakeholderType;
  path: string;
  evaluationId: number;
  composite: number | null;
  objectives: Record<string, number | null>;
};

function scoresInScope(db: Db, me: SessionUser, periodId: number): { rows: ScoreRow[]; provisional: boolean } {
  const { runIds, provisional } = runsFor(db, periodId);
  if (runIds.length === 0) return { rows: [], provisional };
  const rows = db
    .select({
      stakeholderId: stakeholders.id,
      code: stakeholders.code,
      name: stakeholders.name,
      type: stakeholders.type,
      path: regions.path,
      evaluationId: scores.evaluationId,
      composite: scores.composite,
      objectives: scores.objectives,
    })
    .from(scores)
    .innerJoin(stakeholders, eq(stakeholders.id, scores.stakeholderId))
    .innerJoin(regions, eq(regions.id, stakeholders.regionId))
    .where(and(inArray(scores.runId, runIds), stakeholderInScope(me)))
    .all();
  return { rows, provisional };
}

export type Warning = {
  kind: 'poverty_drop' | 'poverty_low' | 'red_flag' | 'missing';
  stakeholderId: number;
  code: string;
  name: string;
  evaluationId: number | null;
  /** poverty: score now and before; red flag: indicator, value, limit; missing: status. */
  details: Record<string, string | number | null>;
};

type Objective = ReturnType<typeof listObjectives>[number];

const numbers = (xs: readonly (number | null | undefined)[]) => xs.filter((x): x is number => typeof x === 'number');

/** Composite distribution by type: ten bands of 10 points and the five-number summary. */
function distributionByType(rows: readonly ScoreRow[]) {
  const types = [...new Set(rows.map((r) => r.type))].sort();
  return types.map((type) => {
    const xs = numbers(rows.filter((r) => r.type === type).map((r) => r.composite)).sort((a, b) => a - b);
    const bins = Array.from({ length: 10 }, (_, i) => xs.filter((x) => (i === 9 ? x >= 90 : x >= i * 10 && x < (i + 1) * 10)).length);
    return { type, n: xs.length, mean: mean(xs), min: xs[0] ?? null, q1: quantile(xs, 0.25), median: quantile(xs, 0.5), q3: quantile(xs, 0.75), max: xs[xs.length - 1] ?? null, bins };
  });
}

/** Township × objective: the mean objective score of the township's scored stakeholders. */
function townshipHeatmap(db: Db, rows: readonly ScoreRow[], objectiveRows: readonly Objective[]) {
  const names = regionNames(db);
  const byTownship = new Map<number, ScoreRow[]>();
  for (const r of rows) {
    const { townshipId } = countyAndTownshipOf(r.path);
    if (townshipId === null) continue;
    (byTownship.get(townshipId) ?? byTownship.set(townshipId, []).get(townshipId)!).push(r);
  }
  return [...byTownship.entries()]
    .map(([townshipId, rs]) => {
      const r = names.get(townshipId)!;
      return {
        townshipId,
        code: r.code,
        name: r.name,
        n: rs.length,
        scores: Object.fromEntries(objectiveRows.map((o) => [o.code, mean(numbers(rs.map((x) => x.objectives[o.code])))])),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** Mean composite per type and mean poverty score over the last periods up to this one. */
function trendsUpTo(db: Db, me: SessionUser, period: Period, rows: readonly ScoreRow[], allPeriods: readonly Period[]) {
  const trendPeriods = allPeriods.filter((p) => p.startsOn <= period.startsOn).slice(0, TREND_PERIODS).reverse();
  return trendPeriods.map((p) => {
    const rs = p.id === period.id ? rows : scoresInScope(db, me, p.id).rows;
    const composites = (type: StakeholderType) => numbers(rs.filter((r) => r.type === type).map((r) => r.composite));
    return {
      periodId: p.id,
      code: p.code,
      byType: Object.fromEntries(STAKEHOLDER_TYPES.map((t) => [t, mean(composites(t))])) as Record<StakeholderType, number | null>,
      poverty: mean(numbers(rs.map((r) => r.objectives[POVERTY_OBJECTIVE]))),
      n: rs.length,
    };
  });
}

/** Poverty prevention fell at least POVERTY_DROP_POINTS since the last period, or is below POVERTY_FLOOR. */
function povertyWarnings(db: Db, me: SessionUser, period: Period, rows: readonly ScoreRow[]): Warning[] {
  const prev = previousPeriod(db, period);
  const prevScores = new Map(prev ? scoresInScope(db, me, prev.id).rows.map((r) => [r.stakeholderId, r]) : []);
  const warnings: Warning[] = [];
  for (const r of rows) {
    const now = r.objectives[POVERTY_OBJECTIVE];
    if (typeof now !== 'number') continue;
    const before = prevScores.get(r.stakeholderId)?.objectives[POVERTY_OBJECTIVE];
    const base = { stakeholderId: r.stakeholderId, code: r.code, name: r.name, evaluationId: r.evaluationId };
    if (prev && typeof before === 'number' && before - now >= POVERTY_DROP_POINTS - 1e-9) {
      warnings.push({ kind: 'poverty_drop', ...base, details: { now, before, period: prev.code } });
    } else if (now < POVERTY_FLOOR) {
      warnings.push({ kind: 'poverty_low', ...base, details: { now, before: typeof before === 'number' ? before : null } });
    }
  }
  return warnings;
}

/** Red flags (a value above its indicator's threshold) and, near the period's end, the evaluations still missing. */
function evaluationWarnings(db: Db, me: SessionUser, period: Period): Warning[] {
  const warnings: Warning[] = redFlagValues(db, me, period.id).map((f) => ({
    kind: 'red_flag',
    stakeholderId: f.stakeholderId,
    code: f.code,
    name: f.name,
    evaluationId: f.evaluationId,
    details: { indicator: f.indicator, indicatorEn: f.indicatorEn, indicatorZh: f.indicatorZh, value: f.value, limit: f.limit },
  }));
  const daysLeft = Math.floor((Date.parse(`${period.endsOn}T23:59:59+08:00`) - Date.now()) / 86_400_000);
  if (period.status === 'open' && daysLeft <= MISSING_WARNING_DAYS) {
    for (const m of unfinishedEvaluations(db, me, period.id)) {
      warnings.push({ kind: 'missing', stakeholderId: m.stakeholderId, code: m.code, name: m.name, evaluationId: m.evaluationId, details: { status: m.status ?? 'not_started', daysLeft, endsOn: period.endsOn } });
    }
  }
  return warnings;
}

const objectiveNames = (rows: readonly Objective[]) => rows.map((o) => ({ code: o.code, name: labelOf(o) }));

export function countyDashboard(db: Db, me: SessionUser, input?: PeriodChoice) {
  const allPeriods = listPeriods(db);
  const period = resolvePeriod(db, input?.periodId);
  const objectiveRows = listObjectives(db);
  if (!period) {
    return { period: null, periods: allPeriods, provisional: false, objectives: objectiveNames(objectiveRows), distribution: [], heatmap: [], trends: [], warnings: [] as Warning[] };
  }
  const { rows, provisional } = scoresInScope(db, me, period.id);
  return {
    period,
    periods: allPeriods,
    provisional,
    objectives: objectiveNames(objectiveRows),
    distribution: distributionByType(rows),
    heatmap: townshipHeatmap(db, rows, objectiveRows),
    trends: trendsUpTo(db, me, period, rows, allPeriods),
    warnings: [...povertyWarnings(db, me, period, rows), ...evaluationWarnings(db, me, period)],
  };
}
