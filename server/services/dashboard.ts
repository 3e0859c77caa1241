// Home-page figures per role, each computed inside the caller's scope; stakeholders and
// evaluations are counted from the stored counts, so a page costs its regions, not its stakeholders.
import 'server-only';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { kpiSets, kpiSetVersions, regions, user } from '@/db/schema';
import type { EvaluationStatus } from '@/core/domain/enums';
import type { SessionUser } from '@/server/auth/session';
import { listPeriods, openPeriod, resolvePeriod } from '@/server/queries/periods';
import { completenessByCounty } from '@/server/queries/county-completeness';
import { activeStakeholdersByType, evaluationCountsByPeriod, workCountsByRegion } from '@/server/queries/stored-counts';
import { regionInScope } from '@/server/queries/scope';
import { keptUntilWrite } from '@/server/queries/kept-until-write';

/**
 * The office's overview: what is configured, each period's progress, and how complete each county
 * is in one period (the one asked for, else the open one, else the latest). Kept until the next
 * write to the database (server/queries/kept-until-write.ts): it adds up the province's counts.
 */
export function adminOverview(db: Db, periodId?: number) {
  return keptUntilWrite(db, `adminOverview:${periodId ?? ''}`, () => overviewOf(db, periodId));
}

function overviewOf(db: Db, periodId?: number) {
  const regionsByLevel = db.select({ level: regions.level, n: count() }).from(regions).groupBy(regions.level).all();
  const stakeholdersByType = activeStakeholdersByType(db);
  const kpi = db
    .select({
      kpiSetId: kpiSets.id,
      code: kpiSets.code,
      nameZh: kpiSets.nameZh,
      nameEn: kpiSets.nameEn,
      type: kpiSets.stakeholderType,
      versions: count(kpiSetVersions.id),
      published: sql<number>`sum(case when ${kpiSetVersions.status} = 'published' then 1 else 0 end)`,
    })
    .from(kpiSets)
    .leftJoin(kpiSetVersions, eq(kpiSetVersions.kpiSetId, kpiSets.id))
    .groupBy(kpiSets.id)
    .all();
  const counts = evaluationCountsByPeriod(db);
  const periodRows = listPeriods(db).map((p) => {
    const mine = counts.filter((c) => c.periodId === p.id);
    return { id: p.id, code: p.code, status: p.status, evaluations: mine.reduce((n, c) => n + c.n, 0), approved: mine.reduce((n, c) => n + (c.status === 'approved' ? c.n : 0), 0) };
  });
  const usersByRole = db
    .select({ role: user.role, n: count(), disabled: sql<number>`sum(case when ${user.disabled} then 1 else 0 end)` })
    .from(user)
    .groupBy(user.role)
    .all();
  const period = resolvePeriod(db, periodId);
  const completeness = period ? { period: { id: period.id, code: period.code, status: period.status }, counties: completenessByCounty(db, period.id) } : null;
  return { regionsByLevel, stakeholdersByType, kpiSets: kpi, periods: periodRows, usersByRole, completeness };
}

export function assessorOverview(db: Db, me: SessionUser) {
  const byType = activeStakeholdersByType(db, regionInScope(me));
  const myRegions = db
    .select({ id: regions.id, code: regions.code, name: { en: regions.nameEn, 'zh-CN': regions.nameZh }, level: regions.level })
    .from(regions)
    .where(inArray(regions.id, me.regionIds))
    .all();
  const townships = db.select({ n: count() }).from(regions).where(and(regionInScope(me), eq(regions.level, 'township'))).get()?.n ?? 0;
  const open = openPeriod(db);
  const progress = open
    ? Object.entries(
        workCountsByRegion(db, me, open.id, {}).reduce<Record<string, number>>((acc, r) => {
          if (r.status !== 'not_started') acc[r.status] = (acc[r.status] ?? 0) + r.n;
          return acc;
        }, {}),
      )
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([status, n]) => ({ status: status as EvaluationStatus, n }))
    : [];
  return { byType, regions: myRegions, townships, openPeriod: open, progress };
}
