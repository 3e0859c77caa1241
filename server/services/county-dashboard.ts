// The county dashboard, inside the caller's scope: composite distribution by stakeholder type,
// region × objective mean scores (by county over several, a county's townships on demand),
// trends over periods, and early warnings that each link to an evaluation. Scores come from the
// period's published official run, or else its latest provisional run (approved evaluations so
// far). Counts, means and histograms add up the figures each run keeps per region; quantiles and
// warnings are read in SQL; warnings come as the first WARNINGS_PER_KIND of each kind with their
// totals, so the answer stays small in any province.
import 'server-only';
import { and, desc, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { regions, scoreRuns } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { STAKEHOLDER_TYPES, type StakeholderType } from '@/core/domain/enums';
import type { CountyTownshipsInput, PeriodChoice } from '@/core/schemas/evaluations';
import { NotFoundError } from '@/server/errors';
import { getRegion, pathRange } from '@/server/queries/region-tree';
import { meanOf, sumFigures } from '@/core/scoring/run-figures';
import { redFlagValues } from '@/server/queries/evaluations';
import { unfinishedWork } from '@/server/queries/work-list';
import { unfinishedJobWith } from '@/server/queries/jobs';
import { listObjectives } from '@/server/queries/library';
import { getPeriod, listPeriods, previousPeriod, resolvePeriod, type Period } from '@/server/queries/periods';
import { countyAndTownshipOf, regionNames } from '@/server/queries/regions';
import { compositeQuantiles, countyFiguresOf, figureTotalsByRun, figuresOf, storeCountyFigures, povertyWarningsOf, type FigureRow } from '@/server/queries/run-figures';
import { unfinishedCount } from '@/server/queries/stored-counts';
import { regionInScope } from '@/server/queries/scope';
import { keptUntilWrite, scopeKey } from '@/server/queries/kept-until-write';
import { labelOf } from '@/core/i18n/label';

/** Poverty-prevention warnings: a fall of this many points since the last period, or a score below the floor. */
export const POVERTY_DROP_POINTS = 10;
export const POVERTY_FLOOR = 60;
export const POVERTY_OBJECTIVE = 'poverty';
/** "Near the period's end": evaluations still missing this many days before it (or after it). */
export const MISSING_WARNING_DAYS = 14;
const TREND_PERIODS = 6;
/** Warnings listed per kind (the totals say how many there are). */
export const WARNINGS_PER_KIND = 50;
const QUANTILES = [0, 0.25, 0.5, 0.75, 1];

type Run = typeof scoreRuns.$inferSelect;

/** Per version, the published run, else the newest provisional/draft (runs newest first). */
function chooseRuns(runs: readonly Run[]): { runIds: number[]; provisional: boolean } {
  const byVersion = new Map<number, Run>();
  for (const r of runs) {
    const chosen = byVersion.get(r.kpiSetVersionId);
    if (!chosen) byVersion.set(r.kpiSetVersionId, r);
    else if (chosen.status !== 'published' && r.status === 'published') byVersion.set(r.kpiSetVersionId, r);
    else if (chosen.status !== 'published' && chosen.kind === 'preview' && r.kind !== 'preview') byVersion.set(r.kpiSetVersionId, r);
  }
  const chosen = [...byVersion.values()].filter((r) => r.kind !== 'preview');
  return { runIds: chosen.map((r) => r.id), provisional: chosen.some((r) => r.status !== 'published') };
}

/** The runs that hold each period's scores, read at once (a trend asks for several periods). */
function runsForPeriods(db: Db, periodIds: readonly number[]): Map<number, { runIds: number[]; provisional: boolean }> {
  const runs = periodIds.length ? db.select().from(scoreRuns).where(inArray(scoreRuns.periodId, [...periodIds])).orderBy(desc(scoreRuns.createdAt), desc(scoreRuns.id)).all() : [];
  return new Map(periodIds.map((id) => [id, chooseRuns(runs.filter((r) => r.periodId === id))]));
}

/** The runs that hold a period's scores: per version, the published one, else the newest provisional/draft. */
function runsFor(db: Db, periodId: number): { runIds: number[]; provisional: boolean } {
  return runsForPeriods(db, [periodId]).get(periodId)!;
}

/**
 * The figures of a period's runs inside the caller's scope (regions as they were when each run was
 * computed): per county for whoever sees the whole province, else per region.
 */
function figuresInScope(db: Db, me: SessionUser, periodId: number): { runIds: number[]; figures: FigureRow[]; provisional: boolean } {
  const { runIds, provisional } = runsFor(db, periodId);
  const scope = regionInScope(me);
  return { runIds, figures: scope ? figuresOf(db, runIds, scope) : countyFiguresOf(db, runIds), provisional };
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

/** Composite distribution by type: ten bands of a tenth of the scale and the five-number summary. */
function distributionByType(db: Db, me: SessionUser, runIds: readonly number[], figures: readonly FigureRow[]) {
  const types = [...new Set(figures.map((f) => f.type))].sort();
  return types.map((type) => {
    const own = figures.filter((f) => f.type === type);
    const total = sumFigures(own);
    const typeRuns = [...new Set(own.map((f) => f.runId))].filter((id) => runIds.includes(id));
    const [min, q1, median, q3, max] = compositeQuantiles(db, typeRuns, QUANTILES, regionInScope(me));
    return { type, n: total.compositeN, mean: meanOf(total.compositeSum, total.compositeN), min: min ?? null, q1: q1 ?? null, median: median ?? null, q3: q3 ?? null, max: max ?? null, bins: total.bins };
  });
}

/**
 * Region × objective: the mean objective score of each region's scored stakeholders, by township
 * within one county and by county over several (a province has thousands of townships: those of a
 * county come on demand from countyTownships).
 */
function regionHeatmap(db: Db, figures: readonly FigureRow[], objectiveRows: readonly Objective[], level: HeatmapLevel) {
  const byRegion = new Map<number, FigureRow[]>();
  for (const f of figures) {
    const { countyId, townshipId } = countyAndTownshipOf(f.path);
    const regionId = level === 'county' ? countyId : townshipId;
    if (regionId === null) continue;
    (byRegion.get(regionId) ?? byRegion.set(regionId, []).get(regionId)!).push(f);
  }
  const names = regionNames(db, [...byRegion.keys()]);
  return [...byRegion.entries()]
    .map(([regionId, fs]) => {
      const r = names.get(regionId)!;
      const total = sumFigures(fs);
      return {
        regionId,
        code: r.code,
        name: r.name,
        n: total.n,
        scores: Object.fromEntries(objectiveRows.map((o) => [o.code, meanOf(total.objectives[o.code]?.sum ?? 0, total.objectives[o.code]?.n ?? 0)])),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

type HeatmapLevel = 'county' | 'township';

/** Townships when the figures lie in one county, else counties. */
function heatmapLevelOf(figures: readonly FigureRow[]): HeatmapLevel {
  const counties = new Set(figures.map((f) => countyAndTownshipOf(f.path).countyId).filter((id) => id !== null));
  return counties.size > 1 ? 'county' : 'township';
}

/** The township × objective heatmap of one county in the caller's scope, for a period. */
export function countyTownships(db: Db, me: SessionUser, input: CountyTownshipsInput) {
  const period = getPeriod(db, input.periodId);
  const county = getRegion(db, input.countyId);
  if (!county || county.level !== 'county') throw new NotFoundError('County', input.countyId);
  const { runIds } = runsFor(db, period.id);
  const figures = figuresOf(db, runIds, and(regionInScope(me), pathRange(regions.path, county.path)));
  return regionHeatmap(db, figures, listObjectives(db), 'township');
}

/** Mean composite per type and mean poverty score over the last periods up to this one. */
function trendsUpTo(db: Db, me: SessionUser, period: Period, allPeriods: readonly Period[]) {
  const trendPeriods = allPeriods.filter((p) => p.startsOn <= period.startsOn).slice(0, TREND_PERIODS).reverse();
  const runsOf = runsForPeriods(db, trendPeriods.map((p) => p.id));
  const byRun = new Map(figureTotalsByRun(db, [...runsOf.values()].flatMap((r) => r.runIds), POVERTY_OBJECTIVE, regionInScope(me)).map((t) => [t.runId, t]));
  return trendPeriods.map((p) => {
    const totals = runsOf.get(p.id)!.runIds.flatMap((id) => byRun.get(id) ?? []);
    const byType = (type: StakeholderType) => {
      const own = totals.filter((x) => x.type === type);
      return meanOf(
        own.reduce((sum, t) => sum + t.compositeSum, 0),
        own.reduce((n, t) => n + t.compositeN, 0),
      );
    };
    return {
      periodId: p.id,
      code: p.code,
      byType: Object.fromEntries(STAKEHOLDER_TYPES.map((t) => [t, byType(t)])) as Record<StakeholderType, number | null>,
      poverty: meanOf(
        totals.reduce((sum, t) => sum + t.objectiveSum, 0),
        totals.reduce((n, t) => n + t.objectiveN, 0),
      ),
      n: totals.reduce((n, t) => n + t.n, 0),
    };
  });
}

function povertyOptions(db: Db, period: Period, runIds: readonly number[]) {
  const prev = previousPeriod(db, period);
  const prevRunIds = prev ? runsFor(db, prev.id).runIds : [];
  return { prev, opts: { periodId: period.id, runIds, prevRunIds, objective: POVERTY_OBJECTIVE, drop: POVERTY_DROP_POINTS, floor: POVERTY_FLOOR, limit: WARNINGS_PER_KIND } };
}

/**
 * Works out the figures the dashboard stores on first read, for a period whose runs just changed
 * (published, or a provisional run recomputed) and for the period after it (whose poverty drops
 * compare with it), so no reader waits for them. Jobs call it after their write.
 */
export function storeDashboardFigures(db: Db, periodId: number) {
  const period = getPeriod(db, periodId);
  const next = listPeriods(db).filter((p) => p.startsOn > period.startsOn).at(-1);
  for (const p of next ? [period, next] : [period]) {
    const { runIds } = runsFor(db, p.id);
    if (runIds.length === 0) continue;
    povertyWarningsOf(db, povertyOptions(db, p, runIds).opts);
    for (const runId of runIds) compositeQuantiles(db, [runId], QUANTILES);
    storeCountyFigures(db, runIds);
  }
}

/**
 * Poverty prevention fell at least POVERTY_DROP_POINTS since the last period, or is below
 * POVERTY_FLOOR: the first of each kind by stakeholder code, and how many there are (from the
 * warnings stored once per set of runs).
 */
function povertyWarnings(db: Db, me: SessionUser, period: Period, runIds: readonly number[]): { warnings: Warning[]; totals: Record<string, number> } {
  if (runIds.length === 0) return { warnings: [], totals: {} };
  const { prev, opts } = povertyOptions(db, period, runIds);
  const { rows, totals } = povertyWarningsOf(db, opts, regionInScope(me));
  const warnings = [...rows]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((r): Warning => {
      const base = { stakeholderId: r.stakeholderId, code: r.code, name: r.name, evaluationId: r.evaluationId };
      return r.kind === 'poverty_drop' ? { kind: r.kind, ...base, details: { now: r.now, before: r.before, period: prev!.code } } : { kind: r.kind, ...base, details: { now: r.now, before: r.before } };
    });
  return { warnings, totals };
}

/** Red flags (a value above its indicator's threshold) and, near the period's end, the evaluations still missing. */
function evaluationWarnings(db: Db, me: SessionUser, period: Period, daysLeft: number): { warnings: Warning[]; totals: Record<string, number> } {
  const flags = redFlagValues(db, me, period.id, WARNINGS_PER_KIND);
  const warnings: Warning[] = flags.map((f) => ({
    kind: 'red_flag',
    stakeholderId: f.stakeholderId,
    code: f.code,
    name: f.name,
    evaluationId: f.evaluationId,
    details: { indicator: f.indicator, indicatorEn: f.indicatorEn, indicatorZh: f.indicatorZh, value: f.value, limit: f.limit, unitEn: f.unitEn, unitZh: f.unitZh, unitAttached: f.unitAttached ? 1 : 0 },
  }));
  const totals: Record<string, number> = flags.length ? { red_flag: flags[0]!.total } : {};
  if (period.status === 'open' && daysLeft <= MISSING_WARNING_DAYS) {
    const missing = unfinishedWork(db, me, period.id, WARNINGS_PER_KIND);
    if (missing.length) totals.missing = unfinishedCount(db, me, period.id);
    for (const m of missing) {
      warnings.push({ kind: 'missing', stakeholderId: m.stakeholderId, code: m.code, name: m.name, evaluationId: m.evaluationId, details: { status: m.status ?? 'not_started', daysLeft, endsOn: period.endsOn } });
    }
  }
  return { warnings, totals };
}

const objectiveNames = (rows: readonly Objective[]) => rows.map((o) => ({ code: o.code, name: labelOf(o) }));

/** Whole days from now to the end of the period's last day (China time); negative once it is over. */
const daysLeftIn = (period: Period, now: number) => Math.floor((Date.parse(`${period.endsOn}T23:59:59+08:00`) - now) / 86_400_000);

/**
 * The dashboard of a period (default: the open one, else the latest) in the caller's scope. Kept
 * until the next write to the database (server/queries/kept-until-write.ts): each part adds up
 * rows of the whole scope, and the same scope reads the same answer; the days left are part of
 * the key, as the missing-evaluation warnings count them.
 */
export function countyDashboard(db: Db, me: SessionUser, input?: PeriodChoice, now: number = Date.now()) {
  const period = resolvePeriod(db, input?.periodId);
  const daysLeft = period ? daysLeftIn(period, now) : 0;
  return keptUntilWrite(db, `countyDashboard:${scopeKey(me)}:${period?.id ?? ''}:${daysLeft}`, () => dashboardOf(db, me, period, daysLeft));
}

function dashboardOf(db: Db, me: SessionUser, period: Period | null, daysLeft: number) {
  const allPeriods = listPeriods(db);
  const objectiveRows = listObjectives(db);
  if (!period) {
    return { period: null, periods: allPeriods, provisional: false, recomputing: false, objectives: objectiveNames(objectiveRows), distribution: [], heatmapLevel: 'township' as HeatmapLevel, heatmap: [], trends: [], warnings: [] as Warning[], warningTotals: {} as Record<string, number> };
  }
  const { runIds, figures, provisional } = figuresInScope(db, me, period.id);
  const poverty = povertyWarnings(db, me, period, runIds);
  const evaluation = evaluationWarnings(db, me, period, daysLeft);
  const heatmapLevel = heatmapLevelOf(figures);
  return {
    period,
    periods: allPeriods,
    provisional,
    /** A provisional recompute (a job after an approval) has not ended: these figures are about to change. */
    recomputing: period.status !== 'published' && unfinishedJobWith(db, 'scores.provisional', 'periodId', period.id) !== null,
    objectives: objectiveNames(objectiveRows),
    distribution: distributionByType(db, me, runIds, figures),
    heatmapLevel,
    heatmap: regionHeatmap(db, figures, objectiveRows, heatmapLevel),
    trends: trendsUpTo(db, me, period, allPeriods),
    warnings: [...poverty.warnings, ...evaluation.warnings],
    /** Warnings of each kind in all (the list holds the first WARNINGS_PER_KIND of each). */
    warningTotals: { ...poverty.totals, ...evaluation.totals },
  };
}
