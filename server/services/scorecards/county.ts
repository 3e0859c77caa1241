// A county's scorecard for assessors and admins: its stakeholders' published scores of one
// period, by type and township, and the county's coordination across objectives. The aggregates
// add up the figures each published run keeps per region; the stakeholders come a page at a time.
import 'server-only';
import { and, asc, eq, gt, inArray, like, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { regions, scores, stakeholders } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { ForbiddenError, NotFoundError } from '@/server/errors';
import { couplingCoordination, rankAndPercentile } from '@/core/scoring';
import { labelOf } from '@/core/i18n/label';
import { meanOf } from '@/core/scoring/run-figures';
import { STAKEHOLDER_TYPES, type StakeholderType } from '@/core/domain/enums';
import { pageOffset, pagedResult } from '@/core/schemas/list-params';
import type { CountyScorecardParams } from '@/core/schemas/county-scorecard';
import { listObjectives } from '@/server/queries/library';
import { periodsWithPublishedScores } from '@/server/queries/periods';
import { listCounties, regionWithin } from '@/server/queries/regions';
import { figuresOf, type FigureRow } from '@/server/queries/run-figures';
import { publishedRunsOf } from '@/server/queries/scores';
import { regionInScope } from '@/server/queries/scope';
import { periodRunPublications } from '@/server/queries/run-publication';
import { keptUntilWrite, scopeKey } from '@/server/queries/kept-until-write';

export type CountyScorecardInput = Partial<CountyScorecardParams>;

/** Counties the user may look at: all for admins; for assessors those in or above their scope. */
function countiesFor(db: DbOrTx, user: SessionUser) {
  if (user.role === 'admin') return listCounties(db);
  if (user.role !== 'assessor') return [];
  return listCounties(db).filter((c) => user.regionPaths.some((p) => p.startsWith(c.path) || c.path.startsWith(p)));
}

/** Means of region figures as shares of their KPI set's scale ×100, so sets with other scales compare. */
function figureMeans(fs: readonly FigureRow[], objectiveCodes: readonly string[]) {
  let n = 0;
  let compositeN = 0;
  let composite = 0;
  let couplingN = 0;
  let coupling = 0;
  const grades: Record<string, number> = {};
  const objectives = Object.fromEntries(objectiveCodes.map((c) => [c, { sum: 0, n: 0 }]));
  for (const f of fs) {
    const share = 100 / f.scale;
    n += f.n;
    compositeN += f.compositeN;
    composite += f.compositeSum * share;
    couplingN += f.couplingN;
    coupling += f.couplingSum;
    for (const [g, c] of Object.entries(f.grades)) grades[g] = (grades[g] ?? 0) + c;
    for (const code of objectiveCodes) {
      const o = f.objectives[code];
      if (!o) continue;
      objectives[code]!.sum += o.sum * share;
      objectives[code]!.n += o.n;
    }
  }
  return {
    count: n,
    meanComposite: meanOf(composite, compositeN),
    meanCoupling: meanOf(coupling, couplingN),
    grades,
    objectives: Object.fromEntries(objectiveCodes.map((c) => [c, meanOf(objectives[c]!.sum, objectives[c]!.n)])) as Record<string, number | null>,
  };
}

// CROSS JOIN keeps SQLite's join order: from the county's regions to their stakeholders' scores.
const scoredIn = (runIds: number[]) => sql`
    from ${regions} cross join ${stakeholders} on ${stakeholders.regionId} = ${regions.id}
    cross join ${scores} on ${scores.stakeholderId} = ${stakeholders.id} and ${inArray(scores.runId, runIds)}`;

/** One page of the county's scored stakeholders, filtered and sorted in SQL. */
function stakeholderPage(db: Db, user: SessionUser, runIds: number[], countyPath: string, input: CountyScorecardInput) {
  const page = { page: input.page ?? 1, pageSize: input.pageSize ?? 50 };
  const dir = input.dir === 'desc' ? sql`desc` : sql`asc`;
  const order = {
    type: sql`${stakeholders.type} ${dir}, ${scores.composite} is null, ${scores.composite} desc, ${stakeholders.code}`,
    code: sql`${stakeholders.code} ${dir}`,
    name: sql`${stakeholders.name} ${dir}, ${stakeholders.code}`,
    composite: sql`${scores.composite} is null, ${scores.composite} ${dir}, ${stakeholders.code}`,
  }[input.sort ?? 'code'];
  const township = input.townshipId === undefined ? undefined : db.select({ path: regions.path }).from(regions).where(eq(regions.id, input.townshipId)).get();
  const where = and(
    regionWithin(township && township.path.startsWith(countyPath) ? township.path : countyPath),
    regionInScope(user),
    input.type ? eq(stakeholders.type, input.type) : undefined,
  );
  const rows = db.all<{ total: number; id: number; code: string; name: string; type: StakeholderType; nameEn: string; nameZh: string; composite: number | null; grade: string | null; countyRank: number | null }>(sql`
    select count(*) over () as total, ${stakeholders.id} as id, ${stakeholders.code} as code, ${stakeholders.name} as name, ${stakeholders.type} as type,
           ${regions.nameEn} as nameEn, ${regions.nameZh} as nameZh, ${scores.composite} as composite, ${scores.grade} as grade, ${scores.countyRank} as countyRank
    ${scoredIn(runIds)}
    where ${where ?? sql`1`}
    order by ${order}
    limit ${page.pageSize} offset ${pageOffset(page)}`);
  const items = rows.map(({ total: _total, nameEn, nameZh, ...r }) => ({ ...r, regionName: { en: nameEn, 'zh-CN': nameZh } }));
  return pagedResult(items, rows[0]?.total ?? 0, page);
}

/**
 * The county scorecard page's data. Kept until the next write to the database
 * (server/queries/kept-until-write.ts): the same scope and input read the same answer.
 */
export function getCountyScorecard(db: Db, user: SessionUser, input: CountyScorecardInput) {
  if (user.role === 'stakeholder') throw new ForbiddenError('The county scorecard is for assessors and administrators.');
  const key = JSON.stringify(Object.entries(input).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)));
  return keptUntilWrite(db, `countyScorecard:${scopeKey(user)}:${key}`, () => countyScorecardOf(db, user, input));
}

function countyScorecardOf(db: Db, user: SessionUser, input: CountyScorecardInput) {
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

  const objectiveCodes = objectiveList.map((o) => o.code);
  // A re-published period counts once: its latest run of each version.
  const latest = new Map(publishedRunsOf(db, period.id).map((r) => [r.versionId, r.id]));
  const figures = figuresOf(db, [...latest.values()], and(like(regions.path, `${county.path}%`), regionInScope(user)));
  const all = figureMeans(figures, objectiveCodes);

  const byType = STAKEHOLDER_TYPES.map((type) => {
    const m = figureMeans(
      figures.filter((f) => f.type === type),
      objectiveCodes,
    );
    return { type, count: m.count, meanComposite: m.meanComposite, meanCoupling: m.meanCoupling, objectives: m.objectives, grades: m.grades };
  });

  // The county's coordination: coupling of the mean objective scores of all its stakeholders,
  // the objectives weighted equally (each KPI set weighs them its own way; the county has no one set).
  const meanValues = objectiveCodes.map((c) => all.objectives[c]);
  const coordination =
    meanValues.length > 0 && meanValues.every((v): v is number => v !== null && v !== undefined)
      ? (() => {
          const c = couplingCoordination(meanValues, meanValues.map(() => 1), 100);
          return { C: c.C, T: c.T, D: c.D, class: c.class, label: c.label, means: all.objectives };
        })()
      : null;

  const townships = db
    .select({ id: regions.id, code: regions.code, nameZh: regions.nameZh, nameEn: regions.nameEn, path: regions.path })
    .from(regions)
    .where(and(eq(regions.level, 'township'), regionWithin(county.path)))
    .orderBy(asc(regions.code))
    .all();
  const townshipStats = townships.map((t) => {
    const m = figureMeans(
      figures.filter((f) => f.path.startsWith(t.path)),
      objectiveCodes,
    );
    return { id: t.id, code: t.code, name: labelOf(t), count: m.count, meanComposite: m.meanComposite, objectives: m.objectives };
  });
  const ranked = rankAndPercentile(townshipStats.map((t) => t.meanComposite));
  const townshipRanking = townshipStats
    .map((t, i) => ({ ...t, rank: ranked[i]!.rank }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code));
  const list = stakeholderPage(db, user, [...latest.values()], county.path, input);

  return {
    ...base,
    county: { id: county.id, code: county.code, name: labelOf(county) },
    period: period.code,
    summary: {
      count: all.count,
      meanComposite: all.meanComposite,
      byType,
      coordination,
      townships: townshipRanking,
      /** One page of the county's stakeholders (`stakeholderList` says which and how many). */
      stakeholders: list.items,
      stakeholderList: { total: list.total, page: list.page, pageSize: list.pageSize, pageCount: list.pageCount },
    },
  };
}

export type CountyScorecard = ReturnType<typeof getCountyScorecard>;

/** A scored stakeholder of the county as the full export lists it. */
export type CountyExportRow = {
  code: string;
  name: string;
  type: StakeholderType;
  regionName: { en: string; 'zh-CN': string };
  composite: number | null;
  grade: string | null;
  countyRank: number | null;
  countyPercentile: number | null;
};

/** Rows read per statement: a county's list is read in slices, never held whole. */
const EXPORT_CHUNK = 2000;

/**
 * A county scorecard for its export: the aggregates (and the access checks) of the page, the runs
 * that published the period, and every scored stakeholder of the county in code order, a slice at
 * a time. Each slice is read completely before it is handed over, so no statement stays open
 * while the file is written out.
 */
export function countyExport(db: Db, user: SessionUser, input: Pick<CountyScorecardInput, 'countyId' | 'period'>, chunk = EXPORT_CHUNK) {
  const data = getCountyScorecard(db, user, { countyId: input.countyId, period: input.period, pageSize: 1 });
  if (!data.county || !data.summary || !data.period) throw new NotFoundError('A published county scorecard of county', input.countyId ?? 0);
  const countyPath = db.select({ path: regions.path }).from(regions).where(eq(regions.id, data.county.id)).get()!.path;
  const period = periodsWithPublishedScores(db).find((p) => p.code === data.period)!;
  // As the page reads them: a re-published period counts once, its latest run of each version.
  const runIds = [...new Map(publishedRunsOf(db, period.id).map((r) => [r.versionId, r.id])).values()];
  function* rows(): Generator<CountyExportRow[]> {
    for (let after = ''; ; ) {
      const slice = db.all<Omit<CountyExportRow, 'regionName'> & { nameEn: string; nameZh: string }>(sql`
        select ${stakeholders.code} as code, ${stakeholders.name} as name, ${stakeholders.type} as type, ${regions.nameEn} as nameEn, ${regions.nameZh} as nameZh,
               ${scores.composite} as composite, ${scores.grade} as grade, ${scores.countyRank} as countyRank, ${scores.countyPercentile} as countyPercentile
        ${scoredIn(runIds)}
        where ${and(regionWithin(countyPath), regionInScope(user), gt(stakeholders.code, after))}
        order by ${stakeholders.code} limit ${chunk}`);
      if (slice.length > 0) yield slice.map(({ nameEn, nameZh, ...r }) => ({ ...r, regionName: { en: nameEn, 'zh-CN': nameZh } }));
      if (slice.length < chunk) return;
      after = slice.at(-1)!.code;
    }
  }
  return { data: { ...data, county: data.county, summary: data.summary, period: data.period }, publication: periodRunPublications(db, data.period), rows };
}

export type CountyExport = ReturnType<typeof countyExport>;
