// Home-page figures per role, each computed inside the caller's scope.
import 'server-only';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { evaluations, kpiSets, kpiSetVersions, periods, regions, stakeholders, user } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { openPeriod } from '@/server/queries/periods';
import { regionInScope, stakeholderInScope } from '@/server/queries/scope';

export function adminOverview(db: Db) {
  const regionsByLevel = db.select({ level: regions.level, n: count() }).from(regions).groupBy(regions.level).all();
  const stakeholdersByType = db
    .select({ type: stakeholders.type, n: count() })
    .from(stakeholders)
    .where(eq(stakeholders.active, true))
    .groupBy(stakeholders.type)
    .all();
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
  const periodRows = db
    .select({
      id: periods.id,
      code: periods.code,
      status: periods.status,
      evaluations: count(evaluations.id),
      approved: sql<number>`coalesce(sum(case when ${evaluations.status} = 'approved' then 1 else 0 end), 0)`,
    })
    .from(periods)
    .leftJoin(evaluations, eq(evaluations.periodId, periods.id))
    .groupBy(periods.id)
    .orderBy(sql`${periods.startsOn} desc`)
    .all();
  const usersByRole = db
    .select({ role: user.role, n: count(), disabled: sql<number>`sum(case when ${user.disabled} then 1 else 0 end)` })
    .from(user)
    .groupBy(user.role)
    .all();
  return { regionsByLevel, stakeholdersByType, kpiSets: kpi, periods: periodRows, usersByRole };
}

export function assessorOverview(db: Db, me: SessionUser) {
  const inScope = stakeholderInScope(me);
  const byType = db
    .select({ type: stakeholders.type, n: count() })
    .from(stakeholders)
    .where(and(inScope, eq(stakeholders.active, true)))
    .groupBy(stakeholders.type)
    .all();
  const myRegions = db
    .select({ id: regions.id, code: regions.code, name: { en: regions.nameEn, 'zh-CN': regions.nameZh }, level: regions.level })
    .from(regions)
    .where(inArray(regions.id, me.regionIds))
    .all();
  const townships = db.select({ n: count() }).from(regions).where(and(regionInScope(me), eq(regions.level, 'township'))).get()?.n ?? 0;
  const open = openPeriod(db);
  const progress = open
    ? db
        .select({ status: evaluations.status, n: count() })
        .from(evaluations)
        .innerJoin(stakeholders, eq(stakeholders.id, evaluations.stakeholderId))
        .where(and(eq(evaluations.periodId, open.id), inScope))
        .groupBy(evaluations.status)
        .all()
    : [];
  return { byType, regions: myRegions, townships, openPeriod: open, progress };
}
