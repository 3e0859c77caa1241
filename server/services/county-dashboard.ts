// The county dashboard, inside the caller's scope: composite distribution by stakeholder type,
// township × objective mean scores, trends over periods, and early warnings that each link to
// an evaluation. Scores come from the period's published official run, or else its latest
// provisional run (approved evaluations so far).
import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { evaluations, evaluationValues, indicators, objectives, periods, regions, scoreRuns, scores, stakeholders } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { countyAndTownshipOf, listPeriods, previousPeriod, regionNames, resolvePeriod } from './evaluations';
import { stakeholderInScope } from './scope';
import { type StakeholderType } from '@/core/domain/enums';

/** Poverty-prevention warnings: a fall of this many points since the last period, or a score below the floor. */
export const POVERTY_DROP_POINTS = 10;
export const POVERTY_FLOOR = 60;
export const POVERTY_OBJECTIVE = 'poverty';
/** "Near the period's end": evaluations still missing this many days before it (or after it). */
export const MISSING_WARNING_DAYS = 14;
const TREND_PERIODS = 6;

type Period = typeof periods.$inferSelect;

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
  return { rows: rows.map((r) => ({ ...r, objectives: r.objectives as Record<string, number | null> })), provisional };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  // Linear interpolation between closest ranks (type 7, the default of R and NumPy).
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
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

export function countyDashboard(db: Db, me: SessionUser, input: { periodId?: number | undefined } = {}) {
  const allPeriods = listPeriods(db);
  const period = resolvePeriod(db, input.periodId);
  const objectiveRows = db.select().from(objectives).orderBy(asc(objectives.position)).all();
  if (!period) {
    return { period: null, periods: allPeriods, provisional: false, objectives: objectiveRows, distribution: [], heatmap: [], trends: [], warnings: [] as Warning[] };
  }
  const { rows, provisional } = scoresInScope(db, me, period.id);
  const names = regionNames(db);

  // Composite distribution by type: ten bands of 10 points and the five-number summary.
  const types = [...new Set(rows.map((r) => r.type))].sort();
  const distribution = types.map((type) => {
    const xs = rows.filter((r) => r.type === type && r.composite !== null).map((r) => r.composite!).sort((a, b) => a - b);
    const bins = Array.from({ length: 10 }, (_, i) => xs.filter((x) => (i === 9 ? x >= 90 : x >= i * 10 && x < (i + 1) * 10)).length);
    return { type, n: xs.length, mean: mean(xs), min: xs[0] ?? null, q1: quantile(xs, 0.25), median: quantile(xs, 0.5), q3: quantile(xs, 0.75), max: xs[xs.length - 1] ?? null, bins };
  });

  // Township × objective: the mean objective score of the township's scored stakeholders.
  const byTownship = new Map<number, ScoreRow[]>();
  for (const r of rows) {
    const { townshipId } = countyAndTownshipOf(r.path);
    if (townshipId === null) continue;
    (byTownship.get(townshipId) ?? byTownship.set(townshipId, []).get(townshipId)!).push(r);
  }
  const heatmap = [...byTownship.entries()]
    .map(([townshipId, rs]) => {
      const r = names.get(townshipId)!;
      return {
        townshipId,
        code: r.code,
        nameZh: r.nameZh,
        nameEn: r.nameEn,
        n: rs.length,
        scores: Object.fromEntries(
          objectiveRows.map((o) => [o.code, mean(rs.map((x) => x.objectives[o.code]).filter((x): x is number => typeof x === 'number'))]),
        ) as Record<string, number | null>,
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));

  // Trends: mean composite per type and mean poverty score over the last periods up to this one.
  const trendPeriods = allPeriods.filter((p) => p.startsOn <= period.startsOn).slice(0, TREND_PERIODS).reverse();
  const trends = trendPeriods.map((p) => {
    const rs = p.id === period.id ? rows : scoresInScope(db, me, p.id).rows;
    const composites = (type: StakeholderType) => rs.filter((r) => r.type === type && r.composite !== null).map((r) => r.composite!);
    return {
      periodId: p.id,
      code: p.code,
      byType: Object.fromEntries((['county_town', 'rural', 'market'] as const).map((t) => [t, mean(composites(t))])) as Record<StakeholderType, number | null>,
      poverty: mean(rs.map((r) => r.objectives[POVERTY_OBJECTIVE]).filter((x): x is number => typeof x === 'number')),
      n: rs.length,
    };
  });

  const warnings: Warning[] = [];
  // Poverty prevention fell ≥ 10 points since the last period, or is below 60.
  const prev = previousPeriod(db, period);
  const prevScores = prev ? new Map(scoresInScope(db, me, prev.id).rows.map((r) => [r.stakeholderId, r])) : new Map<number, ScoreRow>();
  for (const r of rows) {
    const now = r.objectives[POVERTY_OBJECTIVE];
    if (typeof now !== 'number') continue;
    const before = prevScores.get(r.stakeholderId)?.objectives[POVERTY_OBJECTIVE];
    const base = { stakeholderId: r.stakeholderId, code: r.code, name: r.name, evaluationId: r.evaluationId };
    if (typeof before === 'number' && before - now >= POVERTY_DROP_POINTS - 1e-9) {
      warnings.push({ kind: 'poverty_drop', ...base, details: { now, before, period: prev!.code } });
    } else if (now < POVERTY_FLOOR) {
      warnings.push({ kind: 'poverty_low', ...base, details: { now, before: typeof before === 'number' ? before : null } });
    }
  }
  // Red flags: a value above the indicator's red-flag threshold, in any evaluation of the period.
  const flags = db
    .select({
      stakeholderId: stakeholders.id,
      code: stakeholders.code,
      name: stakeholders.name,
      evaluationId: evaluations.id,
      indicator: indicators.code,
      indicatorEn: indicators.nameEn,
      indicatorZh: indicators.nameZh,
      value: evaluationValues.value,
      limit: indicators.redFlagAbove,
    })
    .from(evaluationValues)
    .innerJoin(indicators, eq(indicators.id, evaluationValues.indicatorId))
    .innerJoin(evaluations, eq(evaluations.id, evaluationValues.evaluationId))
    .innerJoin(stakeholders, eq(stakeholders.id, evaluations.stakeholderId))
    .where(and(eq(evaluations.periodId, period.id), sql`${indicators.redFlagAbove} is not null and ${evaluationValues.value} > ${indicators.redFlagAbove}`, stakeholderInScope(me)))
    .orderBy(stakeholders.code)
    .all();
  for (const f of flags) {
    warnings.push({
      kind: 'red_flag',
      stakeholderId: f.stakeholderId,
      code: f.code,
      name: f.name,
      evaluationId: f.evaluationId,
      details: { indicator: f.indicator, indicatorEn: f.indicatorEn, indicatorZh: f.indicatorZh, value: f.value, limit: f.limit },
    });
  }
  // Evaluations missing near the period's end: not started, draft or returned.
  const daysLeft = Math.floor((Date.parse(`${period.endsOn}T23:59:59+08:00`) - Date.now()) / 86_400_000);
  if (period.status === 'open' && daysLeft <= MISSING_WARNING_DAYS) {
    const missing = db
      .select({ stakeholderId: stakeholders.id, code: stakeholders.code, name: stakeholders.name, evaluationId: evaluations.id, status: evaluations.status })
      .from(stakeholders)
      .leftJoin(evaluations, and(eq(evaluations.stakeholderId, stakeholders.id), eq(evaluations.periodId, period.id)))
      .where(and(eq(stakeholders.active, true), stakeholderInScope(me), sql`(${evaluations.id} is null or ${evaluations.status} in ('draft', 'returned'))`))
      .orderBy(stakeholders.code)
      .all();
    for (const m of missing) {
      warnings.push({ kind: 'missing', stakeholderId: m.stakeholderId, code: m.code, name: m.name, evaluationId: m.evaluationId, details: { status: m.status ?? 'not_started', daysLeft, endsOn: period.endsOn } });
    }
  }

  return { period: period as Period, periods: allPeriods, provisional, objectives: objectiveRows, distribution, heatmap, trends, warnings };
}
