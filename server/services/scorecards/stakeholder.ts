// One stakeholder's scorecard: its published scores (with trend, peer percentiles and its
// incentive determinations) and the path to the next band. Only published official runs of
// published periods are read — drafts, provisional runs and open periods never reach a
// scorecard. Peers enter only as counts and percentiles, never by name or value: ranks stored
// with the score, counts and peer values from the figures the run keeps, so a scorecard costs the
// same in a province of any size.
import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { indicators, regions } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { COUPLING_CLASS_LABELS, sortGradesDescending, type Normalization } from '@/core/scoring';
import { vmsg } from '@/core/domain/messages';
import { pathToNextBandAmong, type IndicatorLimits } from '@/core/scoring/next-band';
import { PeerValues } from '@/core/scoring/peer-values';
import { stakeholderDeterminations } from '@/server/queries/determinations';
import { loadKpiSetVersion, type LoadedVersion } from '@/server/queries/kpi-documents';
import { countyKeyOf, provinceKeyOf } from '@/server/queries/regions';
import { peersWithComposite } from '@/server/queries/published-run-counts';
import { peerValuesOf } from '@/server/queries/run-figures';
import { publishedScoresOf, type PublishedScore } from '@/server/queries/scores';
import { getStakeholder } from '@/server/queries/stakeholders';
import { unitLookup } from '@/server/queries/units';

export type ScorecardInput = { stakeholderId?: number | undefined; period?: string | undefined };

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

/** How many peers with a composite the run held in the stakeholder's region key (its county, its province). */
function peerCount(db: Db, runId: number, regionId: number, keyOf: (path: string) => string) {
  const path = db.select({ path: regions.path }).from(regions).where(eq(regions.id, regionId)).get()?.path ?? '';
  return peersWithComposite(db, runId, `/${keyOf(path)}/`);
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
    regionName: s.regionName,
    regionCode: s.regionCode,
  };
  const periodsList = published.map((p) => ({ code: p.periodCode, startsOn: p.startsOn })).reverse();
  if (!chosen) return { stakeholder, periods: periodsList, period: null, card: null, trend: [] };

  const loaded = loadKpiSetVersion(db, chosen.versionId);
  const doc = loaded.document;
  const meta = indicatorMeta(db, loaded);
  const score = chosen.score;
  const objectiveScores = score.objectives;
  const indicatorScores = score.indicators;
  const objectiveWeightSum = doc.objectives.reduce((sum, o) => sum + o.weight, 0);
  const grades = sortGradesDescending(doc.grades).map((g) => ({ code: g.code, min: g.min, label: g.label }));
  const grade = grades.find((g) => g.code === score.grade) ?? null;
  const couplingClass = score.couplingClass;

  const unitOf = unitLookup(db);
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
          unit: unitOf(i.unit),
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
      county: {
        rank: score.countyRank,
        percentile: score.countyPercentile,
        peers: peerCount(db, chosen.runId, s.regionId, countyKeyOf),
        stored: { rank: score.countyRank, percentile: score.countyPercentile },
      },
      // A run scores one province's stakeholders: its ranks are the province's.
      province: { rank: score.rank, percentile: score.percentile, peers: peerCount(db, chosen.runId, s.regionId, provinceKeyOf) },
    },
    warnings: score.warnings.map((w) => ({ code: w.code, indicator: w.indicator ?? null, objective: w.objective ?? null })),
  };
  const trend = published.map((p) => ({
    period: p.periodCode,
    composite: p.score.composite,
    grade: p.score.grade,
    objectives: p.score.objectives,
  }));
  return { stakeholder, periods: periodsList, period: chosen.periodCode, card, trend, incentives: stakeholderDeterminations(db, stakeholderId, chosen.periodId) };
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
  // The run's own inputs: the stakeholder's raw values as stored with its score, and the values of
  // its peers that the run stored for its peer-relative indicators.
  const ownValues = Object.fromEntries(Object.entries(chosen.score.indicators).map(([code, v]) => [code, v.raw]));
  const others = Object.fromEntries(
    [...peerValuesOf(db, chosen.runId)].map(([code, column]) => [code, PeerValues.without(column, ownValues[code] ?? NaN)]),
  );
  const meta = indicatorMeta(db, loaded);
  const limits: Record<string, IndicatorLimits> = {};
  for (const [code, m] of meta) limits[code] = { min: m.minValue, max: m.maxValue, decimals: DECIMALS_BY_VALUE_TYPE[m.valueType] };
  const result = pathToNextBandAmong(doc, { stakeholder: s.code, values: ownValues }, others, { limits });
  const byCode = new Map(doc.objectives.flatMap((o) => o.indicators.map((i) => [i.code, i] as const)));
  const unitOf = unitLookup(db);
  return {
    period: chosen.periodCode,
    ...result,
    routes: result.routes.map((r) => {
      const i = byCode.get(r.indicator)!;
      return { ...r, name: i.name, unit: unitOf(i.unit), direction: i.direction, cheapest: result.cheapest.includes(r.indicator) };
    }),
  };
}

export type NextBand = NonNullable<ReturnType<typeof getNextBand>>;

