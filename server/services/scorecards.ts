// Scorecards: one stakeholder's published scores (with trend, peer percentiles and the path to
// the next band), and a county's scorecard for assessors and admins. Only published official
// runs of published periods are ever read here — drafts, provisional runs and open periods never
// reach a scorecard. Peers enter only as counts and percentiles, never by name or value.
import 'server-only';
import { and, asc, desc, eq, inArray, like, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { determinationOverrides, determinations, eligibilityRuns, incentivePrograms, indicators, kpiSetVersions, objectives, periods, regions, scoreRuns, scores, stakeholders } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { couplingCoordination, COUPLING_CLASS_LABELS, rankAndPercentile, sortGradesDescending, type BilingualLabel, type IndicatorScore, type Normalization, type ValuesRow } from '@/core/scoring';
import { vmsg } from '@/core/domain/messages';
import { clausesOf, type DeterminationReason, type Gap, type Rule, type RuleExplanation, type Truth } from '@/core/eligibility';
import { pathToNextBand, type IndicatorLimits } from '@/core/scoring/next-band';
import { loadKpiSetVersion, type LoadedVersion } from './kpi-documents';
import { stakeholderInScope } from './scope';
import { getStakeholder } from './stakeholders';
import { type StakeholderType, type ProgramKind } from '@/core/domain/enums';

export type ScorecardInput = { stakeholderId?: number | undefined; period?: string | undefined };

type PublishedScore = {
  periodId: number;
  periodCode: string;
  startsOn: string;
  runId: number;
  versionId: number;
  score: typeof scores.$inferSelect;
};

/** The condition every scorecard query carries: a published official run of a published period. */
const publishedOnly = and(eq(scoreRuns.status, 'published'), eq(scoreRuns.kind, 'official'), eq(periods.status, 'published'));

/** Every published score of a stakeholder, oldest period first. */
function publishedScoresOf(db: DbOrTx, stakeholderId: number): PublishedScore[] {
  return db
    .select({
      periodId: periods.id,
      periodCode: periods.code,
      startsOn: periods.startsOn,
      runId: scoreRuns.id,
      versionId: scoreRuns.kpiSetVersionId,
      score: scores,
    })
    .from(scores)
    .innerJoin(scoreRuns, eq(scoreRuns.id, scores.runId))
    .innerJoin(periods, eq(periods.id, scoreRuns.periodId))
    .where(and(eq(scores.stakeholderId, stakeholderId), publishedOnly))
    .orderBy(asc(periods.startsOn), asc(scoreRuns.id))
    .all()
    // A period re-published under a newer run: the latest run wins.
    .filter((row, i, all) => all.findLastIndex((other) => other.periodId === row.periodId) === i);
}

/** Which stakeholder the caller asks about: a stakeholder user always means its own. */
function resolveStakeholderId(user: SessionUser, requested: number | undefined): number {
  if (user.role === 'stakeholder') {
    if (user.stakeholderId === null) throw new ForbiddenError('Your account is not linked to a stakeholder.', 'not_linked');
    return requested ?? user.stakeholderId;
  }
  if (requested === undefined) throw new ValidationError('Choose a stakeholder.', { stakeholderId: [vmsg('validation.required')] });
  return requested;
}

function pick(list: PublishedScore[], period: string | undefined): PublishedScore | null {
  if (period === undefined) return list.at(-1) ?? null;
  const found = list.find((p) => p.periodCode === period);
  if (!found) throw new NotFoundError('Published scorecard for period', period);
  return found;
}

const provinceKeyOf = (path: string) => path.split('/').filter(Boolean)[0] ?? '';
const countyKeyOf = (path: string) => path.split('/').filter(Boolean).slice(0, 3).join('/');

/** Rank and percentile of the stakeholder's composite among its peers in the run within a region key. */
function peerStanding(db: DbOrTx, runId: number, stakeholderId: number, keyOf: (path: string) => string) {
  const rows = db
    .select({ stakeholderId: scores.stakeholderId, composite: scores.composite, path: regions.path })
    .from(scores)
    .innerJoin(stakeholders, eq(stakeholders.id, scores.stakeholderId))
    .innerJoin(regions, eq(regions.id, stakeholders.regionId))
    .where(eq(scores.runId, runId))
    .all();
  const own = rows.find((r) => r.stakeholderId === stakeholderId);
  if (!own) return { rank: null, percentile: null, peers: 0 };
  const key = keyOf(own.path);
  const group = rows.filter((r) => keyOf(r.path) === key);
  const ranked = rankAndPercentile(group.map((r) => r.composite));
  const at = ranked[group.indexOf(own)]!;
  return { rank: at.rank, percentile: at.percentile, peers: group.filter((r) => r.composite !== null).length };
}

function describeNormalization(n: Normalization) {
  switch (n.method) {
    case 'goalposts':
      return { method: n.method, min: n.min, max: n.max, ln: n.transform === 'ln' };
    case 'target':
      return { method: n.method, target: n.target, baseline: n.baseline };
    default:
      return { method: n.method };
  }
}

function indicatorMeta(db: DbOrTx, loaded: LoadedVersion) {
  const ids = [...loaded.indicatorIds.values()];
  const rows = ids.length
    ? db
        .select({ code: indicators.code, valueType: indicators.valueType, minValue: indicators.minValue, maxValue: indicators.maxValue, redFlagAbove: indicators.redFlagAbove })
        .from(indicators)
        .where(inArray(indicators.id, ids))
        .all()
    : [];
  return new Map(rows.map((r) => [r.code, r]));
}

/** One stakeholder's scorecard for a published period (the latest when none is named). */
export function getScorecard(db: Db, user: SessionUser, input: ScorecardInput) {
  const stakeholderId = resolveStakeholderId(user, input.stakeholderId);
  const s = getStakeholder(db, user, stakeholderId); // throws FORBIDDEN outside scope
  const published = publishedScoresOf(db, stakeholderId);
  const chosen = pick(published, input.period);
  const stakeholder = {
    id: s.id,
    code: s.code,
    name: s.name,
    type: s.type,
    regionNameZh: s.regionNameZh,
    regionNameEn: s.regionNameEn,
    regionCode: s.regionCode,
  };
  const periodsList = published.map((p) => ({ code: p.periodCode, startsOn: p.startsOn })).reverse();
  if (!chosen) return { stakeholder, periods: periodsList, period: null, card: null, trend: [] };

  const loaded = loadKpiSetVersion(db, chosen.versionId);
  const doc = loaded.document;
  const meta = indicatorMeta(db, loaded);
  const score = chosen.score;
  const objectiveScores = score.objectives as Record<string, number | null>;
  const indicatorScores = score.indicators as Record<string, IndicatorScore>;
  const objectiveWeightSum = doc.objectives.reduce((sum, o) => sum + o.weight, 0);
  const grades = sortGradesDescending(doc.grades).map((g) => ({ code: g.code, min: g.min, label: g.label }));
  const grade = grades.find((g) => g.code === score.grade) ?? null;
  const couplingClass = score.couplingClass;

  const card = {
    kpiSet: { code: doc.code, name: doc.name, version: loaded.version.version },
    scale: doc.scale,
    composite: score.composite,
    grade,
    grades,
    completeness: score.completeness,
    coupling:
      couplingClass === null
        ? null
        : { C: score.couplingC!, T: score.couplingT!, D: score.couplingD!, class: couplingClass, label: COUPLING_CLASS_LABELS[couplingClass - 1]! },
    objectives: doc.objectives.map((o) => ({ code: o.code, name: o.name, weight: o.weight / objectiveWeightSum, score: objectiveScores[o.code] ?? null })),
    indicators: doc.objectives.flatMap((o) =>
      o.indicators.map((i) => {
        const v = indicatorScores[i.code];
        const m = meta.get(i.code);
        return {
          code: i.code,
          name: i.name,
          unit: i.unit,
          direction: i.direction,
          objective: o.code,
          raw: v?.raw ?? null,
          normalized: v?.normalized ?? null,
          weight: v?.weight ?? null,
          effectiveWeight: v?.effectiveWeight ?? null,
          contribution: v?.contribution ?? null,
          normalization: describeNormalization(i.normalization),
          redFlag: m?.redFlagAbove !== null && m?.redFlagAbove !== undefined && v?.raw !== null && v?.raw !== undefined && v.raw > m.redFlagAbove,
        };
      }),
    ),
    peers: {
      county: { ...peerStanding(db, chosen.runId, stakeholderId, countyKeyOf), stored: { rank: score.countyRank, percentile: score.countyPercentile } },
      province: peerStanding(db, chosen.runId, stakeholderId, provinceKeyOf),
    },
    warnings: (score.warnings as { code: string; indicator?: string; objective?: string }[]).map((w) => ({ code: w.code, indicator: w.indicator ?? null, objective: w.objective ?? null })),
  };
  const trend = published.map((p) => ({
    period: p.periodCode,
    composite: p.score.composite,
    grade: p.score.grade,
    objectives: p.score.objectives as Record<string, number | null>,
  }));
  return { stakeholder, periods: periodsList, period: chosen.periodCode, card, trend, incentives: incentivesOf(db, stakeholderId, chosen.periodId) };
}

/** What an eligibility run stores per determination (server/services/eligibility-runs.ts). */
type StoredExplanation = { truth: Truth; reason: DeterminationReason; demand: number | null; capped: boolean; budgetCut: string | null; rule: RuleExplanation };
type RunSnapshot = { kind: ProgramKind; code: string; nameEn: string; nameZh: string; rule: Rule };

/**
 * This stakeholder's incentive determinations for one published period: for each program, the
 * latest eligibility run of that period (a later run supersedes an earlier one; draft programs are
 * trials and are left out), the determination of this stakeholder only, with its explanation per
 * clause, its gap, and the latest override applied and marked. Program names come from the run's
 * snapshot, i.e. as the program was when it decided. Clause labels: names of the objectives and
 * indicators the rules mention.
 */
export function incentivesOf(db: DbOrTx, stakeholderId: number, periodId: number) {
  const runs = db
    .select({ id: eligibilityRuns.id, programId: eligibilityRuns.programId, snapshot: eligibilityRuns.programSnapshot, createdAt: eligibilityRuns.createdAt })
    .from(eligibilityRuns)
    .innerJoin(incentivePrograms, eq(incentivePrograms.id, eligibilityRuns.programId))
    .where(and(eq(eligibilityRuns.periodId, periodId), ne(incentivePrograms.status, 'draft')))
    .orderBy(desc(eligibilityRuns.id))
    .all()
    .filter((run, i, all) => all.findIndex((other) => other.programId === run.programId) === i);
  const rows = runs.length
    ? db
        .select()
        .from(determinations)
        .where(and(eq(determinations.stakeholderId, stakeholderId), inArray(determinations.runId, runs.map((r) => r.id))))
        .all()
    : [];
  const overrides = rows.length
    ? db.select().from(determinationOverrides).where(inArray(determinationOverrides.determinationId, rows.map((d) => d.id))).orderBy(asc(determinationOverrides.id)).all()
    : [];
  const latestOverride = new Map(overrides.map((o) => [o.determinationId, o])); // later ids overwrite earlier
  const runOf = new Map(runs.map((r) => [r.id, r]));
  const list = rows
    .map((d) => {
      const run = runOf.get(d.runId)!;
      const snapshot = run.snapshot as RunSnapshot;
      const e = d.explanation as StoredExplanation;
      const o = latestOverride.get(d.id);
      return {
        determinationId: d.id,
        runId: run.id,
        decidedAt: run.createdAt,
        program: { id: run.programId, code: snapshot.code, kind: snapshot.kind, nameEn: snapshot.nameEn, nameZh: snapshot.nameZh },
        eligible: o ? o.eligible : d.eligible,
        amount: o ? o.amount : d.amount,
        computed: { eligible: d.eligible, amount: d.amount },
        rate: d.rate,
        title: d.title ? (JSON.parse(d.title) as { en: string; 'zh-CN': string }) : null,
        truth: e.truth,
        reason: e.reason,
        demand: e.demand,
        capped: e.capped,
        explanation: e.rule,
        gap: d.gap as Gap | null,
        override: o ? { eligible: o.eligible, amount: o.amount, reason: o.reason, at: o.createdAt } : null,
        rule: snapshot.rule,
      };
    })
    .sort((a, b) => (a.program.code < b.program.code ? -1 : a.program.code > b.program.code ? 1 : 0));

  const objectiveCodes = new Set<string>();
  const indicatorCodes = new Set<string>();
  const collect = (c: ReturnType<typeof clausesOf>[number]) => {
    if (c.kind === 'objective') objectiveCodes.add(c.objective);
    else if (c.kind === 'indicator') indicatorCodes.add(c.indicator);
    else if (c.kind === 'noRedFlag' && c.indicator) indicatorCodes.add(c.indicator);
    else if (c.kind === 'consecutive') collect(c.clause as ReturnType<typeof clausesOf>[number]);
  };
  for (const d of list) clausesOf(d.rule).forEach(collect);
  for (const d of list)
    for (const f of redFlagIndicators(d.explanation)) indicatorCodes.add(f);
  const names = (rowsOf: { code: string; nameEn: string; nameZh: string }[]) => Object.fromEntries(rowsOf.map((r) => [r.code, { en: r.nameEn, 'zh-CN': r.nameZh }]));
  const labels = {
    objectives: objectiveCodes.size
      ? names(db.select({ code: objectives.code, nameEn: objectives.nameEn, nameZh: objectives.nameZh }).from(objectives).where(inArray(objectives.code, [...objectiveCodes])).all())
      : {},
    indicators: indicatorCodes.size
      ? names(db.select({ code: indicators.code, nameEn: indicators.nameEn, nameZh: indicators.nameZh }).from(indicators).where(inArray(indicators.code, [...indicatorCodes])).all())
      : {},
  };
  return { determinations: list.map(({ rule: _rule, ...rest }) => rest), labels };
}

/** Indicators named in red-flag details of an explanation (flagged ones are listed by name). */
function redFlagIndicators(e: RuleExplanation): string[] {
  if (e.op === 'clause') return (e.explanation.redFlags ?? []).map((f) => f.indicator);
  return (e.op === 'not' ? [e.rule] : e.rules).flatMap(redFlagIndicators);
}

export type Scorecard = ReturnType<typeof getScorecard>;

const DECIMALS_BY_VALUE_TYPE = { integer: 0, percent: 1, number: 2 } as const;

/** The path to the next band for the stakeholder's published period (engine-computed). */
export function getNextBand(db: Db, user: SessionUser, input: ScorecardInput) {
  const stakeholderId = resolveStakeholderId(user, input.stakeholderId);
  const s = getStakeholder(db, user, stakeholderId);
  const chosen = pick(publishedScoresOf(db, stakeholderId), input.period);
  if (!chosen) return null;
  const loaded = loadKpiSetVersion(db, chosen.versionId);
  const doc = loaded.document;
  // The run's own inputs: every scored peer's raw values as stored with its score.
  const peers = db
    .select({ code: stakeholders.code, indicators: scores.indicators })
    .from(scores)
    .innerJoin(stakeholders, eq(stakeholders.id, scores.stakeholderId))
    .where(eq(scores.runId, chosen.runId))
    .all();
  const rows: ValuesRow[] = peers.map((p) => ({
    stakeholder: p.code,
    values: Object.fromEntries(Object.entries(p.indicators as Record<string, IndicatorScore>).map(([code, v]) => [code, v.raw])),
  }));
  const meta = indicatorMeta(db, loaded);
  const limits: Record<string, IndicatorLimits> = {};
  for (const [code, m] of meta) limits[code] = { min: m.minValue, max: m.maxValue, decimals: DECIMALS_BY_VALUE_TYPE[m.valueType] };
  const result = pathToNextBand(doc, rows, s.code, { limits });
  const byCode = new Map(doc.objectives.flatMap((o) => o.indicators.map((i) => [i.code, i] as const)));
  return {
    period: chosen.periodCode,
    ...result,
    routes: result.routes.map((r) => {
      const i = byCode.get(r.indicator)!;
      return { ...r, name: i.name, unit: i.unit, direction: i.direction, cheapest: result.cheapest.includes(r.indicator) };
    }),
  };
}

export type NextBand = NonNullable<ReturnType<typeof getNextBand>>;

// ── County scorecard ─────────────────────────────────────────────────────────────────────────

export type CountyScorecardInput = { countyId?: number | undefined; period?: string | undefined };

/** Counties the user may look at: all for admins; for assessors those in or above their scope. */
function countiesFor(db: DbOrTx, user: SessionUser) {
  const all = db.select().from(regions).where(eq(regions.level, 'county')).orderBy(asc(regions.code)).all();
  if (user.role === 'admin') return all;
  if (user.role !== 'assessor') return [];
  return all.filter((c) => user.regionPaths.some((p) => p.startsWith(c.path) || c.path.startsWith(p)));
}

/** Published periods that have at least one published official run, newest first. */
function publishedPeriods(db: DbOrTx) {
  return db
    .selectDistinct({ id: periods.id, code: periods.code, startsOn: periods.startsOn })
    .from(periods)
    .innerJoin(scoreRuns, eq(scoreRuns.periodId, periods.id))
    .where(publishedOnly)
    .orderBy(sql`${periods.startsOn} desc`)
    .all();
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function getCountyScorecard(db: Db, user: SessionUser, input: CountyScorecardInput) {
  if (user.role === 'stakeholder') throw new ForbiddenError('The county scorecard is for assessors and administrators.');
  const counties = countiesFor(db, user);
  const periodList = publishedPeriods(db);
  const countyList = counties.map((c) => ({ id: c.id, code: c.code, nameZh: c.nameZh, nameEn: c.nameEn }));
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
  const objectiveList = db.select({ code: objectives.code, nameEn: objectives.nameEn, nameZh: objectives.nameZh }).from(objectives).orderBy(asc(objectives.position), asc(objectives.id)).all();
  const base = { counties: countyList, periods: periodList.map((p) => p.code), objectives: objectiveList.map((o) => ({ code: o.code, name: { en: o.nameEn, 'zh-CN': o.nameZh } as BilingualLabel })) };
  if (!county || !period) return { ...base, county: null, period: period?.code ?? null, summary: null };

  const rows = db
    .select({
      stakeholderId: stakeholders.id,
      code: stakeholders.code,
      name: stakeholders.name,
      type: stakeholders.type,
      path: regions.path,
      regionNameZh: regions.nameZh,
      regionNameEn: regions.nameEn,
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
    .where(and(publishedOnly, eq(periods.id, period.id), like(regions.path, `${county.path}%`), stakeholderInScope(user)))
    .orderBy(asc(stakeholders.code))
    .all();
  // Objective scores as shares of their KPI set's scale ×100, so sets with other scales compare.
  const share = (r: (typeof rows)[number], code: string) => {
    const v = (r.objectives as Record<string, number | null>)[code];
    return v === null || v === undefined ? null : (v / r.scale) * 100;
  };
  const objectiveMeans = (group: typeof rows) =>
    Object.fromEntries(objectiveList.map((o) => [o.code, mean(group.map((r) => share(r, o.code)).filter((x): x is number => x !== null))]));
  const composites = (group: typeof rows) => group.map((r) => (r.composite === null ? null : (r.composite / r.scale) * 100)).filter((x): x is number => x !== null);

  const types: StakeholderType[] = ['county_town', 'rural', 'market'];
  const byType = types.map((type) => {
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
    .where(and(eq(regions.level, 'township'), like(regions.path, `${county.path}%`)))
    .orderBy(asc(regions.code))
    .all();
  const townshipStats = townships.map((t) => {
    const group = rows.filter((r) => r.path.startsWith(t.path));
    return { id: t.id, code: t.code, nameZh: t.nameZh, nameEn: t.nameEn, count: group.length, meanComposite: mean(composites(group)), objectives: objectiveMeans(group) };
  });
  const ranked = rankAndPercentile(townshipStats.map((t) => t.meanComposite));
  const townshipRanking = townshipStats
    .map((t, i) => ({ ...t, rank: ranked[i]!.rank }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code));

  return {
    ...base,
    county: { id: county.id, code: county.code, nameZh: county.nameZh, nameEn: county.nameEn },
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
        regionNameZh: r.regionNameZh,
        regionNameEn: r.regionNameEn,
        composite: r.composite,
        grade: r.grade,
        countyRank: r.countyRank,
      })),
    },
  };
}

export type CountyScorecard = ReturnType<typeof getCountyScorecard>;
