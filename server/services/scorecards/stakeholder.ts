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
import { ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from '@/server/errors';
import { COUPLING_CLASS_LABELS, sortGradesDescending, type Normalization } from '@/core/scoring';
import { vmsg } from '@/core/domain/messages';
import { valueProblem } from '@/core/domain/evaluation-values';
import { clausesOf, evaluateRule, historyPeriodsNeeded, type EligibilityInput, type PeriodScore, type Rule } from '@/core/eligibility';
import { scoreRowAmong } from '@/core/scoring/what-if';
import { indicatorDefs } from '@/server/queries/evaluations';
import { redFlagLimits } from '@/server/queries/kpi-versions';
import { publishedPeriodsBefore } from '@/server/queries/periods';
import { peersAbove, programSnapshotsOf } from '@/server/queries/what-if';
import { combinedPlan, type CombinedPlan } from '@/core/scoring/combined-plan';
import { pathToNextBandAmong, type IndicatorLimits, type NextBandResult } from '@/core/scoring/next-band';
import { PeerValues } from '@/core/scoring/peer-values';
import { stakeholderDeterminations } from '@/server/queries/determinations';
import { stakeholderIncentives } from '@/server/queries/incentive-outlook';
import { loadKpiSetVersion, type LoadedVersion } from '@/server/queries/kpi-documents';
import { countyKeyOf, provinceKeyOf } from '@/server/queries/regions';
import { peersWithComposite } from '@/server/queries/published-run-counts';
import { peerValuesOf } from '@/server/queries/run-figures';
import { publishedScoresOf, type PublishedScore } from '@/server/queries/scores';
import { revisionNoticeOf } from '@/server/queries/revisions';
import { getStakeholder } from '@/server/queries/stakeholders';
import { unitLookup } from '@/server/queries/units';
import { indicatorNotes } from '@/server/queries/indicator-notes';
import { memoPerConnection } from '@/server/queries/memo';

export type ScorecardInput = { stakeholderId?: number | undefined; period?: string | undefined };
// A scorecard's `self`: read by the stakeholder itself (a stakeholder user sees only its own), so
// its texts speak to "you"; an assessor's or admin's view speaks of the stakeholder.

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
  if (!chosen) return { stakeholder, self: user.role === 'stakeholder', periods: periodsList, period: null, card: null, trend: [], revision: null };

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
    notes: indicatorNotes(db, loaded, published[published.indexOf(chosen) - 1] ?? null),
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
  // A score from a revision's run says so: which revision, why, and what it was first published as.
  const revision = revisionNoticeOf(db, chosen.runId, stakeholderId);
  return { stakeholder, self: user.role === 'stakeholder', periods: periodsList, period: chosen.periodCode, card, trend, revision, incentives: stakeholderIncentives(db, user, stakeholderId, chosen.periodId) };
}

export type Scorecard = ReturnType<typeof getScorecard>;

const DECIMALS_BY_VALUE_TYPE = { integer: 0, percent: 1, number: 2 } as const;

// A published official run never changes (a correction publishes a new run), so what is computed
// from it alone is kept: its peer values (megabytes in a province) and each stakeholder's path.
const publishedPeerValues = memoPerConnection<ReadonlyMap<string, Float64Array>>(4);
const pathMemo = memoPerConnection<{ result: NextBandResult; plan: CombinedPlan | null }>(5000);

/**
 * What the path to the next band and the what-if re-score: the run's own inputs — the
 * stakeholder's raw values as stored with its score, and the values of its peers that the run
 * stored for its peer-relative indicators — with each indicator's valid range and precision.
 */
function runInputs(db: Db, user: SessionUser, input: ScorecardInput) {
  const stakeholderId = resolveStakeholderId(user, input.stakeholderId);
  const s = getStakeholder(db, user, stakeholderId);
  const chosen = pick(publishedScoresOf(db, stakeholderId), input.period);
  if (!chosen) return null;
  const loaded = loadKpiSetVersion(db, chosen.versionId);
  const ownValues = Object.fromEntries(Object.entries(chosen.score.indicators).map(([code, v]) => [code, v.raw]));
  const others = () =>
    Object.fromEntries(
      [...publishedPeerValues(db).get(String(chosen.runId), () => peerValuesOf(db, chosen.runId))].map(([code, column]) => [
        code,
        PeerValues.without(column, ownValues[code] ?? NaN),
      ]),
    );
  const meta = indicatorMeta(db, loaded);
  const limits: Record<string, IndicatorLimits> = {};
  for (const [code, m] of meta) limits[code] = { min: m.minValue, max: m.maxValue, decimals: DECIMALS_BY_VALUE_TYPE[m.valueType] };
  return { s, chosen, loaded, doc: loaded.document, ownValues, others, meta, limits };
}

/**
 * The path to the next band for the stakeholder's published period (engine-computed): a route
 * per indicator and, when no single indicator reaches the band, the cheapest combined plan.
 */
export function getNextBand(db: Db, user: SessionUser, input: ScorecardInput) {
  const run = runInputs(db, user, input);
  if (!run) return null;
  const { s, chosen, doc, ownValues, others, meta, limits } = run;
  // The indicators' ranges are the one input a run does not freeze: they are part of the key.
  const { result, plan } = pathMemo(db).get(`${chosen.runId}:${s.id}:${JSON.stringify(limits)}`, () => {
    const own = { stakeholder: s.code, values: ownValues };
    const peers = others();
    const result = pathToNextBandAmong(doc, own, peers, { limits });
    const plan = result.status === 'ok' && !result.routes.some((r) => r.reachable) ? combinedPlan(doc, own, peers, { limits }) : null;
    return { result, plan };
  });
  const byCode = new Map(doc.objectives.flatMap((o) => o.indicators.map((i) => [i.code, i] as const)));
  const unitOf = unitLookup(db);
  const describe = (code: string) => {
    const i = byCode.get(code)!;
    const m = meta.get(code);
    return { name: i.name, unit: unitOf(i.unit), direction: i.direction, method: i.normalization.method, min: m?.minValue ?? null, max: m?.maxValue ?? null, valueType: m?.valueType ?? 'number' };
  };
  return {
    period: chosen.periodCode,
    ...result,
    routes: result.routes.map((r) => ({ ...r, ...describe(r.indicator), cheapest: result.cheapest.includes(r.indicator) })),
    plan: plan ? { ...plan, steps: plan.steps.map((step) => ({ ...step, ...describe(step.indicator) })) } : null,
    // Every indicator with its value and valid range, for the what-if (also at the top band).
    indicators: doc.objectives.flatMap((o) => o.indicators.map((i) => ({ indicator: i.code, objective: o.code, current: ownValues[i.code] ?? null, ...describe(i.code) }))),
  };
}

export type NextBand = NonNullable<ReturnType<typeof getNextBand>>;


export type WhatIfInput = ScorecardInput & { values: Record<string, number | null> };

/** Whether a rule compares a percentile of the given scope (then the what-if must re-rank it). */
const readsPercentile = (rule: Rule, scope: 'province' | 'county') =>
  clausesOf(rule).some((c) => {
    const inner = c.kind === 'consecutive' ? c.clause : c;
    return inner.kind === 'percentile' && inner.scope === scope;
  });

/**
 * The scorecard with some values changed: the stakeholder's row re-scored by the engine with its
 * peers held fixed (their stored values, as the path to the next band), its percentiles among the
 * run's other scores, and for each program the scorecard shows whether its rule would pass. The
 * budget is shared with other stakeholders and is not re-allocated here.
 */
export function getWhatIf(db: Db, user: SessionUser, input: WhatIfInput) {
  const run = runInputs(db, user, input);
  if (!run) throw new NotFoundError('Published scorecard for period', input.period ?? 'latest');
  const { s, chosen, loaded, doc, ownValues, others } = run;
  const defs = new Map(indicatorDefs(db, loaded).map((d) => [d.code, d]));
  const fields: FieldErrors = {};
  for (const [code, value] of Object.entries(input.values)) {
    const def = defs.get(code);
    const problem = !def ? vmsg('whatIf.errors.unknownIndicator') : value === null ? null : valueProblem(def, value);
    if (problem) fields[`values.${code}`] = [problem];
  }
  if (Object.keys(fields).length > 0) throw new ValidationError('A what-if value lies outside its indicator’s valid range.', fields);

  const values = { ...ownValues, ...input.values };
  const score = scoreRowAmong(doc, { stakeholder: s.code, values }, others());
  const grades = sortGradesDescending(doc.grades);
  const grade = grades.find((g) => g.code === score.grade) ?? null;

  const shown = stakeholderDeterminations(db, s.id, chosen.periodId).determinations;
  const snapshots = programSnapshotsOf(db, shown.map((d) => d.runId));
  const path = db.select({ path: regions.path }).from(regions).where(eq(regions.id, s.regionId)).get()?.path ?? '';
  // A percentile of the new composite among the run's other scores (in the county, or the whole run).
  const percentileAmong = (county: boolean) => {
    if (score.composite === null) return null;
    const prefix = `/${county ? countyKeyOf(path) : provinceKeyOf(path)}/`;
    const total = peersWithComposite(db, chosen.runId, prefix) - (chosen.score.composite === null ? 0 : 1) + 1;
    if (total <= 1) return 100;
    const rank = peersAbove(db, chosen.runId, s.id, score.composite, county ? prefix : undefined) + 1;
    return (100 * (total - rank)) / (total - 1);
  };
  const published = publishedScoresOf(db, s.id);
  const programs = shown.map((d) => {
    const rule = snapshots.get(d.runId)!.rule;
    const needed = historyPeriodsNeeded(rule);
    const earlier = needed > 0 ? publishedPeriodsBefore(db, { startsOn: chosen.startsOn }, needed) : [];
    const history = earlier.map((p) => {
      const past = published.find((x) => x.periodId === p.id)?.score;
      return { period: p.code, score: past ? periodScoreOf(past) : null };
    });
    const eligibilityInput: EligibilityInput = {
      stakeholder: s.code,
      type: s.type,
      grades: grades.map((g) => g.code),
      redFlagLimits: redFlagLimits(db, { versionId: chosen.versionId }),
      history,
      composite: score.composite,
      grade: score.grade,
      objectives: score.objectives,
      indicators: Object.fromEntries(Object.entries(score.indicators).map(([code, v]) => [code, { raw: v.raw, normalized: v.normalized }])),
      percentile: readsPercentile(rule, 'province') ? percentileAmong(false) : chosen.score.percentile,
      countyPercentile: readsPercentile(rule, 'county') ? percentileAmong(true) : chosen.score.countyPercentile,
      couplingClass: score.coupling?.class ?? null,
    };
    const truth = evaluateRule(rule, eligibilityInput).truth;
    return { program: d.program, eligible: d.eligible, ruleBefore: d.truth, ruleAfter: truth };
  });
  return {
    period: chosen.periodCode,
    composite: score.composite,
    grade: grade ? { code: grade.code, min: grade.min, label: grade.label } : null,
    objectives: score.objectives,
    changed: Object.keys(input.values).filter((code) => input.values[code] !== (ownValues[code] ?? null)),
    programs,
  };
}

/** A stored score in the eligibility engine's terms (as a run reads it). */
function periodScoreOf(score: PublishedScore['score']): PeriodScore {
  return {
    composite: score.composite,
    grade: score.grade,
    objectives: score.objectives,
    indicators: Object.fromEntries(Object.entries(score.indicators).map(([code, v]) => [code, { raw: v.raw, normalized: v.normalized }])),
    percentile: score.percentile,
    countyPercentile: score.countyPercentile,
    couplingClass: score.couplingClass,
  };
}

export type WhatIf = ReturnType<typeof getWhatIf>;
