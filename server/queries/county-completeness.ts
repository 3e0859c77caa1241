// How far each county has come with a period's evaluations: active stakeholders, and evaluations
// by status, per county. Read from the stored counts (db/schema/counts.ts) joined to the region
// tree by path range, so it costs the province's regions, never its stakeholders.
import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { evaluationCounts, regions, stakeholderCounts } from '@/db/schema';
import { EVALUATION_STATUSES, type EvaluationStatus } from '@/core/domain/enums';
import { keptUntilWrite } from './kept-until-write';

export type CountyCompleteness = {
  id: number;
  code: string;
  name: { en: string; 'zh-CN': string };
  /** Active stakeholders of the county (and below). */
  stakeholders: number;
  /** Active stakeholders without an evaluation of the period. */
  notStarted: number;
} & Record<EvaluationStatus, number>;

// A region lies in its county when its path starts with the county's ("/1/10/89/…"): a range of
// the path index, one seek per county (paths hold digits and slashes, all below '~'). CROSS JOIN
// keeps that order: left to choose, SQLite drove the join from the counts and scanned the counties
// for each of them (0.7–1.9 s at 100,000 stakeholders).
const REGION_IN_COUNTY = sql`${regions} c cross join ${regions} r on c.level = 'county' and r.path >= c.path and r.path < c.path || '~'`;

/** Every county (sorted by code; retired ones only while they hold stakeholders) with the period's completeness. */
export function completenessByCounty(db: DbOrTx, periodId: number): readonly CountyCompleteness[] {
  return keptUntilWrite(db, `completenessByCounty:${periodId}`, () => countCompleteness(db, periodId));
}

function countCompleteness(db: DbOrTx, periodId: number): CountyCompleteness[] {
  const evaluated = db.all<{ countyId: number; status: string; active: number; n: number }>(sql`
    select c.id as countyId, ec.status as status, ec.active as active, sum(ec.n) as n
    from ${REGION_IN_COUNTY} cross join ${evaluationCounts} ec on ec.period_id = ${periodId} and ec.region_id = r.id
    group by c.id, ec.status, ec.active`);
  const active = db.all<{ countyId: number; n: number }>(sql`
    select c.id as countyId, sum(sc.n) as n
    from ${REGION_IN_COUNTY} cross join ${stakeholderCounts} sc on sc.region_id = r.id and sc.active = 1
    group by c.id`);
  const activeOf = new Map(active.map((r) => [r.countyId, r.n]));
  const zero = () => Object.fromEntries(EVALUATION_STATUSES.map((s) => [s, 0])) as Record<EvaluationStatus, number>;
  const byCounty = new Map<number, { statuses: Record<EvaluationStatus, number>; activeEvaluated: number }>();
  for (const r of evaluated) {
    const row = byCounty.get(r.countyId) ?? { statuses: zero(), activeEvaluated: 0 };
    row.statuses[r.status as EvaluationStatus] += r.n;
    if (r.active) row.activeEvaluated += r.n;
    byCounty.set(r.countyId, row);
  }
  const counties = db
    .select({ id: regions.id, code: regions.code, nameEn: regions.nameEn, nameZh: regions.nameZh, retiredAt: regions.retiredAt })
    .from(regions)
    .where(eq(regions.level, 'county'))
    .orderBy(asc(regions.code))
    .all();
  return counties
    .filter((c) => c.retiredAt === null || activeOf.has(c.id) || byCounty.has(c.id))
    .map((c) => {
      const { statuses, activeEvaluated } = byCounty.get(c.id) ?? { statuses: zero(), activeEvaluated: 0 };
      const stakeholders = activeOf.get(c.id) ?? 0;
      return { id: c.id, code: c.code, name: { en: c.nameEn, 'zh-CN': c.nameZh }, stakeholders, notStarted: Math.max(0, stakeholders - activeEvaluated), ...statuses };
    });
}
