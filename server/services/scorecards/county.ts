// A county's scorecard for assessors and admins: its stakeholders' published scores of one
// period, by type and township, and the county's coordination across objectives.
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { kpiSetVersions, periods, regions, scoreRuns, scores, stakeholders } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { ForbiddenError, NotFoundError } from '@/server/errors';
import { couplingCoordination, rankAndPercentile } from '@/core/scoring';
import { labelOf } from '@/core/i18n/label';
import { mean } from '@/core/scoring/period-scoring';
import { STAKEHOLDER_TYPES } from '@/core/domain/enums';
import { listObjectives } from '@/server/queries/library';
import { periodsWithPublishedScores, publishedScoresOnly } from '@/server/queries/periods';
import { listCounties, regionWithin } from '@/server/queries/regions';
import { stakeholderInScope } from '@/server/queries/scope';

export type CountyScorecardInput = { countyId?: number | undefined; period?: string | undefined };

/** Counties the user may look at: all for admins; for assessors those in or above their scope. */
function countiesFor(db: DbOrTx, user: SessionUser) {
  if (user.role === 'admin') return listCounties(db);
  if (user.role !== 'assessor') return [];
  return listCounties(db).filter((c) => user.regionPaths.some((p) => p.startsWith(c.path) || c.path.startsWith(p)));
}

export function getCountyScorecard(db: Db, user: SessionUser, input: CountyScorecardInput) {
  if (user.role === 'stakeholder') throw new ForbiddenError('The county scorecard is for assessors and administrators.');
  const counties = countiesFor(db, user);
  const periodList = periodsWithPublishedScores(db);
  const countyList = counties.map((c) => ({ id: c.id, code: c.code, name: labelOf(c) }));
  let county = counties[0] ?? null;
  if (input.countyId !== undefined) {
    county = counties.find((c) => c.id === input.countyId) ?? null;
    if (!county) {
      const exists = db.select({ id: regions.id, level: regions.level }).from(regions).where(eq(regions.id, input.countyId)).get();
      if (!exists || exists.level !== 'county') throw new NotFoundError('County', input.countyId);
      throw new ForbiddenError('This county is outside your assigned regions.', 'out_of_scope');
    }
  }
  const period = input.period === undefined ? (periodList[0] ?? null) : (periodList.find((p) => p.code === input.period) ?? null);
  if (input.period !== undefined && !period) throw new NotFoundError('Published period', input.period);
  const objectiveList = listObjectives(db);
  const base = { counties: countyList, periods: periodList.map((p) => p.code), objectives: objectiveList.map((o) => ({ code: o.code, name: labelOf(o) })) };
  if (!county || !period) return { ...base, county: null, period: period?.code ?? null, summary: null };

  const rows = db
    .select({
      stakeholderId: stakeholders.id,
      code: stakeholders.code,
      name: stakeholders.name,
      type: stakeholders.type,
      path: regions.path,
      regionName: { en: regions.nameEn, 'zh-CN': regions.nameZh },
      scale: kpiSetVersions.scale,
      composite: scores.composite,
      grade: scores.grade,
      countyRank: scores.countyRank,
      couplingD: scores.couplingD,
      objectives: scores.objectives,
      runId: scoreRuns.id,
    })
    .from(scores)
    .innerJoin(scoreRuns, eq(scoreRuns.id, scores.runId))
    .innerJoin(periods, eq(periods.id, scoreRuns.periodId))
    .innerJoin(kpiSetVersions, eq(kpiSetVersions.id, scoreRuns.kpiSetVersionId))
    .innerJoin(stakeholders, eq(stakeholders.id, scores.stakeholderId))
    .innerJoin(regions, eq(regions.id, stakeholders.regionId))
    .where(and(publishedScoresOnly, eq(periods.id, period.id), regionWithin(county.path), stakeholderInScope(user)))
    .orderBy(asc(stakeholders.code))
    .all();
  // Objective scores as shares of their KPI set's scale ×100, so sets with other scales compare.
  const share = (r: (typeof rows)[number], code: string) => {
    const v = r.objectives[code];
    return v === null || v === undefined ? null : (v / r.scale) * 100;
  };
  const objectiveMeans = (group: typeof rows) =>
    Object.fromEntries(objectiveList.map((o) => [o.code, mean(group.map((r) => share(r, o.code)).filter((x): x is number => x !== null))]));
  const composites = (group: typeof rows) => group.map((r) => (r.composite === null ? null : (r.composite / r.scale) * 100)).filter((x): x is number => x !== null);

  const byType = STAKEHOLDER_TYPES.map((type) => {
    const group = rows.filter((r) => r.type === type);
    const gradeCounts: Record<string, number> = {};
    for (const r of group) if (r.grade) gradeCounts[r.grade] = (gradeCounts[r.grade] ?? 0) + 1;
    return {
      type,
      count: group.length,
      meanComposite: mean(composites(group)),
      meanCoupling: mean(group.map((r) => r.couplingD).filter((x): x is number => x !== null)),
      objectives: objectiveMeans(group),
      grades: gradeCounts,
    };
  });

  // The county's coordination: coupling of the mean objective scores of all its stakeholders,
  // the objectives weighted equally (each KPI set weighs them its own way; the county has no one set).
  const countyMeans = objectiveMeans(rows);
  const meanValues = objectiveList.map((o) => countyMeans[o.code]);
  const coordination =
    meanValues.length > 0 && meanValues.every((v): v is number => v !== null && v !== undefined)
      ? (() => {
          const c = couplingCoordination(meanValues, meanValues.map(() => 1), 100);
          return { C: c.C, T: c.T, D: c.D, class: c.class, label: c.label, means: countyMeans };
        })()
      : null;

  const townships = db
    .select({ id: regions.id, code: regions.code, nameZh: regions.nameZh, nameEn: regions.nameEn, path: regions.path })
    .from(regions)
    .where(and(eq(regions.level, 'township'), regionWithin(county.path)))
    .orderBy(asc(regions.code))
    .all();
  const townshipStats = townships.map((t) => {
    const group = rows.filter((r) => r.path.startsWith(t.path));
    return { id: t.id, code: t.code, name: labelOf(t), count: group.length, meanComposite: mean(composites(group)), objectives: objectiveMeans(group) };
  });
  const ranked = rankAndPercentile(townshipStats.map((t) => t.meanComposite));
  const townshipRanking = townshipStats
    .map((t, i) => ({ ...t, rank: ranked[i]!.rank }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code));

  return {
    ...base,
    county: { id: county.id, code: county.code, name: labelOf(county) },
    period: period.code,
    summary: {
      count: rows.length,
      meanComposite: mean(composites(rows)),
      byType,
      coordination,
      townships: townshipRanking,
      stakeholders: rows.map((r) => ({
        id: r.stakeholderId,
        code: r.code,
        name: r.name,
        type: r.type,
        regionName: r.regionName,
        composite: r.composite,
        grade: r.grade,
        countyRank: r.countyRank,
      })),
    },
  };
}

export type CountyScorecard = ReturnType<typeof getCountyScorecard>;
