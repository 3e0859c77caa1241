// The weight-tuning workspace: weights from the data (entropy, CRITIC), writing chosen weights
// into a draft, the impact preview (draft vs published, scored purely, nothing stored) and the
// basis of a sensitivity run. Values are a period's approved evaluations under the published
// version of the same KPI set; indicators new in the draft have no values there (missing).
import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { incentivePrograms, indicators, kpiSetVersions, periods, regions, stakeholders } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { vmsg } from '@/core/domain/messages';
import { NotFoundError, StateError, ValidationError } from '@/server/errors';
import { compileKpiSet, criticWeights, methodHash, entropyWeights, rankAndPercentile, rowsToMatrix, scoreMatrix, ScoringInputError, WeightsInputError, type KpiSetV1, type ValuesRow } from '@/core/scoring';
import { sensitivityBasisOf, spearman } from '@/core/scoring/sensitivity';
import { compareEligibility, evaluateRule, type Clause, type ClauseExplanation, type EligibilityChange, type EligibilityInput, type PeriodScore, type RuleExplanation } from '@/core/eligibility';
import { writeAudit } from './audit';
import { buildPeriodInputs, type PeriodInputs } from './eligibility-runs';
import { coreOf, programOf } from './incentives';
import { loadKpiSetVersion } from './kpi-documents';
import { draftContentOf, publishedVersionForPeriod, saveDraft } from './kpi-sets';
import type { WeightTarget } from '@/core/schemas/method';
import { gatherValues, type ScoringInput } from './score-runs';
import { type StakeholderType } from '@/core/domain/enums';

type Baseline = {
  periodCode: string;
  periodStatus: string;
  stakeholderType: StakeholderType;
  baselineVersionId: number;
  baseline: KpiSetV1;
  draft: KpiSetV1;
  /** indicator code → id of the draft's indicators (for their red-flag limits). */
  draftIndicatorIds: Map<string, number>;
  input: ScoringInput;
  draftVersion: number;
  baselineVersion: number;
};

/** The draft's document, the published baseline for the period, and the period's approved values. */
export function previewInputs(db: Db, versionId: number, periodId: number): Baseline {
  const draft = loadKpiSetVersion(db, versionId);
  const period = db.select().from(periods).where(eq(periods.id, periodId)).get();
  if (!period) throw new NotFoundError('Period', periodId);
  const baselineVersionId = publishedVersionForPeriod(db, draft.kpiSet.id, periodId);
  if (baselineVersionId === null)
    throw new ValidationError(`No published version of ${draft.kpiSet.code} has evaluations in ${period.code}; choose another period.`, { periodId: [vmsg('validation.method.noBaseline')] }, 'no_baseline');
  const baseline = loadKpiSetVersion(db, baselineVersionId);
  const input = gatherValues(db, periodId, baselineVersionId, ['approved']);
  if (input.rows.length === 0)
    throw new ValidationError(`${period.code} has no approved evaluations of ${draft.kpiSet.code} to preview with.`, { periodId: [vmsg('validation.method.noValues')] }, 'no_values');
  return {
    periodCode: period.code,
    periodStatus: period.status,
    stakeholderType: draft.kpiSet.stakeholderType,
    baselineVersionId,
    baseline: baseline.document,
    draft: draft.document,
    draftIndicatorIds: draft.indicatorIds,
    input,
    draftVersion: draft.version.version,
    baselineVersion: baseline.version.version,
  };
}

/**
 * Composite, grade, rank and objective scores of every row under a document: the engine's matrix
 * pass only. A preview needs neither the per-indicator explanations nor the input hash that
 * scorePeriod builds for stored runs, and skipping them makes a 10,000-row preview several times faster.
 */
export function scoreLight(doc: KpiSetV1, input: ScoringInput) {
  const compiled = compileKpiSet(doc);
  const matrix = rowsToMatrix(compiled, restrictRows(doc, input.rows));
  let scores;
  try {
    scores = scoreMatrix(compiled, matrix);
  } catch (e) {
    if (e instanceof ScoringInputError)
      throw new ValidationError(`The period cannot be scored under this version: ${e.message}`, { periodId: [vmsg('validation.method.cannotScore')] }, 'cannot_score');
    throw e;
  }
  const objectiveCount = compiled.objectiveCodes.length;
  const nullable = (x: number) => (x === x ? x : null);
  const rows = matrix.stakeholders.map((code, r) => {
    const objectives: Record<string, number | null> = {};
    compiled.objectiveCodes.forEach((o, k) => (objectives[o] = nullable(scores.objectiveScores[r * objectiveCount + k]!)));
    const g = scores.gradeIndex[r]!;
    return { code, composite: nullable(scores.composite[r]!), grade: g >= 0 ? compiled.gradesDescending[g]!.code : null, rank: nullable(scores.rank[r]!), objectives };
  });
  return { compiled, matrix, scores, rows, methodHash: methodHash(doc) };
}

/** Minimum, quartiles (linear interpolation, type 7) and maximum, for box plots. */
export function fiveNumbers(values: readonly number[]): [number, number, number, number, number] | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]!) - s[lo]!);
  };
  return [s[0]!, q(0.25), q(0.5), q(0.75), s[s.length - 1]!];
}

/** Draft vs published for one period: per stakeholder old → new, and a summary. Nothing is stored. */
export function impactPreview(db: Db, input: { versionId: number; periodId: number }) {
  const started = performance.now();
  const b = previewInputs(db, input.versionId, input.periodId);
  const before = scoreLight(b.baseline, b.input);
  const after = scoreLight(b.draft, b.input);
  const ids = [...b.input.meta.values()].map((m) => m.stakeholderId);
  const names = new Map<number, { name: string; county: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of db
      .select({ id: stakeholders.id, name: stakeholders.name, path: regions.path })
      .from(stakeholders)
      .innerJoin(regions, eq(regions.id, stakeholders.regionId))
      .where(inArray(stakeholders.id, ids.slice(i, i + 500)))
      .all())
      names.set(r.id, { name: r.name, county: r.path });
  }
  // Both runs score the same rows in the same order.
  const rows = before.rows.map((old, r) => {
    const next = after.rows[r]!;
    const meta = b.input.meta.get(old.code)!;
    return {
      stakeholderId: meta.stakeholderId,
      code: old.code,
      name: names.get(meta.stakeholderId)?.name ?? old.code,
      oldComposite: old.composite,
      newComposite: next.composite,
      oldGrade: old.grade,
      newGrade: next.grade,
      oldRank: old.rank,
      newRank: next.rank,
      /** Positive = moved up (a smaller rank number). */
      rankChange: old.rank !== null && next.rank !== null ? old.rank - next.rank : null,
      oldObjectives: old.objectives,
      newObjectives: next.objectives,
    };
  });
  const moved = rows.filter((r) => r.rankChange !== null);
  const up = [...moved].sort((x, y) => y.rankChange! - x.rankChange! || (y.newComposite ?? 0) - (y.oldComposite ?? 0) - ((x.newComposite ?? 0) - (x.oldComposite ?? 0))).filter((r) => r.rankChange! > 0).slice(0, 5);
  const down = [...moved].sort((x, y) => x.rankChange! - y.rankChange!).filter((r) => r.rankChange! < 0).slice(0, 5);
  const objectiveCodes = [...new Set([...b.baseline.objectives.map((o) => o.code), ...b.draft.objectives.map((o) => o.code)])];
  const objectiveName = new Map([...b.baseline.objectives, ...b.draft.objectives].map((o) => [o.code, o.name]));
  const present = (xs: (number | null | undefined)[]) => xs.filter((x): x is number => typeof x === 'number');
  const distribution = objectiveCodes.map((code) => ({
    code,
    name: objectiveName.get(code)!,
    before: fiveNumbers(present(rows.map((r) => r.oldObjectives[code]))),
    after: fiveNumbers(present(rows.map((r) => r.newObjectives[code]))),
  }));
  const gradeOrder = [...b.draft.grades].sort((x, y) => y.min - x.min).map((g) => ({ code: g.code, label: g.label }));
  return {
    period: { id: input.periodId, code: b.periodCode },
    draft: { versionId: input.versionId, version: b.draftVersion, methodHash: after.methodHash },
    baseline: { versionId: b.baselineVersionId, version: b.baselineVersion, methodHash: before.methodHash },
    grades: gradeOrder,
    rows,
    summary: {
      stakeholders: rows.length,
      gradeChanges: rows.filter((r) => r.oldGrade !== r.newGrade).length,
      gradeUp: rows.filter((r) => gradeOrder.findIndex((g) => g.code === r.newGrade) < gradeOrder.findIndex((g) => g.code === r.oldGrade) && r.newGrade !== null && r.oldGrade !== null).length,
      spearman: spearman(rows.map((r) => r.oldComposite), rows.map((r) => r.newComposite)),
      meanAbsoluteChange: mean(rows.filter((r) => r.oldComposite !== null && r.newComposite !== null).map((r) => Math.abs(r.newComposite! - r.oldComposite!))),
      up: up.map((r) => r.code),
      down: down.map((r) => r.code),
      distribution,
    },
    eligibility: eligibilityImpact(db, input.periodId, b, after),
    millis: Math.round(performance.now() - started),
  };
}

// ───────────────────────── eligibility gains and losses ─────────────────────────

type Scored = ReturnType<typeof scoreLight>;

/**
 * The draft's scores of each previewed stakeholder in the eligibility engine's terms — the same
 * fields an official run stores and buildPeriodInputs reads back: composite, grade, objective
 * scores, raw and normalized indicator values, percentile among the run's stakeholders (the
 * engine's), percentile within the county (rankAndPercentile per county, as scorePeriod does) and
 * the coupling class. For an unchanged draft they equal the published scores exactly (tested).
 */
export function draftPeriodScores(scored: Scored, input: ScoringInput): Map<string, PeriodScore> {
  const { compiled, matrix, scores, rows } = scored;
  const k = compiled.indicatorCodes.length;
  const nullable = (x: number) => (x === x ? x : null);
  const byCounty = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = input.meta.get(r.code)?.countyKey ?? '';
    (byCounty.get(key) ?? byCounty.set(key, []).get(key)!).push(i);
  });
  const countyPercentile: (number | null)[] = rows.map(() => null);
  for (const idx of byCounty.values()) {
    const ranked = rankAndPercentile(idx.map((i) => rows[i]!.composite));
    idx.forEach((i, j) => (countyPercentile[i] = ranked[j]!.percentile));
  }
  const out = new Map<string, PeriodScore>();
  rows.forEach((row, r) => {
    const indicatorValues: PeriodScore['indicators'] = {};
    compiled.indicatorCodes.forEach((code, j) => (indicatorValues[code] = { raw: nullable(matrix.values[r * k + j]!), normalized: nullable(scores.normalizedAt(r, j)) }));
    const couplingClass = scores.couplingClass[r]!;
    out.set(row.code, {
      composite: row.composite,
      grade: row.grade,
      objectives: row.objectives,
      indicators: indicatorValues,
      percentile: nullable(scores.percentile[r]!),
      countyPercentile: countyPercentile[r]!,
      couplingClass: couplingClass === 0 ? null : couplingClass,
    });
  });
  return out;
}

/**
 * The inputs a program would see if the draft were published for the period: the published
 * inputs, with the previewed stakeholders' scores, grade order and red-flag limits replaced by the
 * draft's. History (earlier published periods) and other stakeholder types stay as published.
 */
export function draftEligibilityInputs(
  published: readonly EligibilityInput[],
  draftScores: ReadonlyMap<string, PeriodScore>,
  draftGrades: string[],
  draftRedFlagLimits: Record<string, number>,
): EligibilityInput[] {
  return published.map((i) => {
    const score = draftScores.get(i.stakeholder);
    return score ? { ...i, ...score, grades: draftGrades, redFlagLimits: draftRedFlagLimits } : i;
  });
}

export type FlippedClause = {
  clause: Clause;
  /** Inside a `not`: the clause holding means the rule part fails. */
  negated: boolean;
  threshold: ClauseExplanation['threshold'];
  before: { truth: ClauseExplanation['truth']; actual: ClauseExplanation['actual'] };
  after: { truth: ClauseExplanation['truth']; actual: ClauseExplanation['actual'] };
};

/** The clauses whose truth differs between two explanations of the same rule. */
export function flippedClauses(a: RuleExplanation, b: RuleExplanation, negated = false, out: FlippedClause[] = []): FlippedClause[] {
  if (a.op === 'clause' && b.op === 'clause') {
    if (a.truth !== b.truth)
      out.push({
        clause: a.clause,
        negated,
        threshold: a.explanation.threshold,
        before: { truth: a.truth, actual: a.explanation.actual },
        after: { truth: b.truth, actual: b.explanation.actual },
      });
  } else if (a.op === 'not' && b.op === 'not') flippedClauses(a.rule, b.rule, !negated, out);
  else if ((a.op === 'all' || a.op === 'any') && b.op === a.op) a.rules.forEach((r, i) => flippedClauses(r, b.rules[i]!, negated, out));
  return out;
}

type ChangeKind = 'gained' | 'lost' | 'amount';

/**
 * Who would gain or lose eligibility (or get another amount) under each active program covering
 * the KPI set's stakeholder type, if the draft were published for the period: the program run on
 * the published inputs and on the draft's (compareEligibility, docs/incentives.md). Programs run
 * only on published periods, so other periods report `period_not_published`.
 */
export function eligibilityImpact(db: Db, periodId: number, b: Baseline, draftScored: Scored) {
  if (b.periodStatus !== 'published') return { available: false as const, reason: 'period_not_published' as const, stakeholderType: b.stakeholderType, programs: [] };
  const programs = db
    .select()
    .from(incentivePrograms)
    .where(eq(incentivePrograms.status, 'active'))
    .orderBy(asc(incentivePrograms.code))
    .all()
    .map(programOf)
    .filter((p) => p.eligibleTypes.includes(b.stakeholderType));
  if (programs.length === 0) return { available: true as const, reason: null, stakeholderType: b.stakeholderType, programs: [] };

  const draftScores = draftPeriodScores(draftScored, b.input);
  const draftGrades = [...b.draft.grades].sort((x, y) => y.min - x.min).map((g) => g.code);
  const ids = [...b.draftIndicatorIds.values()];
  const draftRedFlagLimits: Record<string, number> = {};
  if (ids.length)
    for (const r of db.select({ code: indicators.code, limit: indicators.redFlagAbove }).from(indicators).where(inArray(indicators.id, ids)).all())
      if (r.limit !== null) draftRedFlagLimits[r.code] = r.limit;

  const publishedByTypes = new Map<string, PeriodInputs>();
  return {
    available: true as const,
    reason: null,
    stakeholderType: b.stakeholderType,
    programs: programs.map((program) => {
      const core = coreOf(program);
      const typesKey = [...core.eligibleTypes].sort().join(',');
      const published = publishedByTypes.get(typesKey) ?? publishedByTypes.set(typesKey, buildPeriodInputs(db, periodId, core.eligibleTypes)).get(typesKey)!;
      const after = draftEligibilityInputs(published.inputs, draftScores, draftGrades, draftRedFlagLimits);
      const compared = compareEligibility(core, published.inputs, after);
      const beforeOf = new Map(published.inputs.map((i) => [i.stakeholder, i]));
      const afterOf = new Map(after.map((i) => [i.stakeholder, i]));
      const describe = (change: ChangeKind) => (c: EligibilityChange) => {
        const x = beforeOf.get(c.stakeholder);
        const y = afterOf.get(c.stakeholder);
        // Only the changed stakeholders are re-evaluated for their explanations.
        const flipped = x && y ? flippedClauses(evaluateRule(core.rule, x).explanation, evaluateRule(core.rule, y).explanation) : [];
        return {
          change,
          stakeholder: c.stakeholder,
          stakeholderId: published.stakeholderIds.get(c.stakeholder) ?? null,
          name: x?.name ?? y?.name ?? c.stakeholder,
          before: { eligible: c.before?.eligible ?? false, amount: c.before?.amount ?? null, composite: x?.composite ?? null, grade: x?.grade ?? null },
          after: { eligible: c.after?.eligible ?? false, amount: c.after?.amount ?? null, composite: y?.composite ?? null, grade: y?.grade ?? null },
          flipped,
        };
      };
      const changes = [...compared.gained.map(describe('gained')), ...compared.lost.map(describe('lost')), ...compared.amountChanged.map(describe('amount'))];
      return {
        programId: program.id,
        code: program.code,
        kind: program.kind,
        nameEn: program.nameEn,
        nameZh: program.nameZh,
        candidates: published.inputs.length,
        counts: { gained: compared.gained.length, lost: compared.lost.length, amountChanged: compared.amountChanged.length },
        changes,
      };
    }),
  };
}

function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((a, c) => a + c, 0) / xs.length : null;
}

function restrictRows(doc: KpiSetV1, rows: ValuesRow[]): ValuesRow[] {
  const codes = doc.objectives.flatMap((o) => o.indicators.map((i) => i.code));
  return rows.map((r) => ({ stakeholder: r.stakeholder, values: Object.fromEntries(codes.map((c) => [c, r.values[c] ?? null])) }));
}

/** What a sensitivity run needs (normalized values, weights, grades), for the client to sample. */
export function sensitivityBasis(db: Db, input: { versionId: number; periodId: number }) {
  const b = previewInputs(db, input.versionId, input.periodId);
  const { compiled, matrix, scores } = scoreLight(b.draft, b.input);
  const ids = matrix.stakeholders.map((code) => b.input.meta.get(code)!.stakeholderId);
  const names = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500)
    for (const r of db.select({ id: stakeholders.id, name: stakeholders.name }).from(stakeholders).where(inArray(stakeholders.id, ids.slice(i, i + 500))).all()) names.set(r.id, r.name);
  return {
    period: { id: input.periodId, code: b.periodCode },
    basis: sensitivityBasisOf(compiled, scores),
    stakeholders: matrix.stakeholders.map((code, r) => ({ code, id: ids[r]!, name: names.get(ids[r]!) ?? code })),
    grades: b.draft.grades.map((g) => ({ code: g.code, label: g.label })),
  };
}

/** Entropy or CRITIC weights from the period's approved values, for the objectives or one objective's indicators. */
export function dataWeights(db: Db, input: { versionId: number; periodId: number; target: WeightTarget; method: 'entropy' | 'critic' }) {
  const b = previewInputs(db, input.versionId, input.periodId);
  let codes: string[];
  let data: (number | null)[][];
  let directions: ('higher' | 'lower')[];
  if (input.target.level === 'objectives') {
    const scored = scoreLight(b.draft, b.input);
    codes = b.draft.objectives.map((o) => o.code);
    data = scored.rows.map((r) => codes.map((c) => r.objectives[c] ?? null));
    directions = codes.map(() => 'higher');
  } else {
    const content = draftContentOf(db, input.versionId);
    const index = content.objectives.findIndex((o) => o.objectiveId === (input.target as { objectiveId: number }).objectiveId);
    if (index < 0) throw new ValidationError('This objective is not part of the version.', { target: [vmsg('validation.method.unknownObjective')] });
    const objective = b.draft.objectives[index]!;
    codes = objective.indicators.map((i) => i.code);
    directions = objective.indicators.map((i) => i.direction);
    data = b.input.rows.map((r) => codes.map((c) => r.values[c] ?? null));
  }
  try {
    const result = input.method === 'entropy' ? entropyWeights(data, directions, codes) : criticWeights(data, directions, codes);
    return { codes, weights: result.weights, warnings: result.warnings, rowsUsed: result.rowsUsed, rows: data.length, period: b.periodCode };
  } catch (e) {
    if (e instanceof WeightsInputError) throw new ValidationError(e.message, { method: [vmsg('validation.method.noDataWeights')] }, 'no_data_weights');
    throw e;
  }
}

/** Writes tuned weights into a draft (one weight per objective, or per indicator of one objective). */
export function applyWeights(
  db: Db,
  actor: SessionUser,
  input: { versionId: number; target: WeightTarget; weights: number[]; method: string; detail: Record<string, unknown> },
) {
  const v = db.select().from(kpiSetVersions).where(eq(kpiSetVersions.id, input.versionId)).get();
  if (!v) throw new NotFoundError('KPI-set version', input.versionId);
  if (v.status !== 'draft') throw new StateError(`Version ${v.version} is published and cannot be changed; create a new draft instead.`, 'version_published');
  const content = draftContentOf(db, input.versionId);
  let before: number[];
  if (input.target.level === 'objectives') {
    before = content.objectives.map((o) => o.weight);
    if (input.weights.length !== before.length) throw new ValidationError(`Expected ${before.length} weights, one per objective.`, { weights: [vmsg('validation.method.weightCount', { count: before.length })] });
    content.objectives.forEach((o, i) => (o.weight = input.weights[i]!));
  } else {
    const objectiveId = input.target.objectiveId;
    const objective = content.objectives.find((o) => o.objectiveId === objectiveId);
    if (!objective) throw new ValidationError('This objective is not part of the version.', { target: [vmsg('validation.method.unknownObjective')] });
    before = objective.indicators.map((i) => i.weight);
    if (input.weights.length !== before.length) throw new ValidationError(`Expected ${before.length} weights, one per indicator.`, { weights: [vmsg('validation.method.weightCount', { count: before.length })] });
    objective.indicators.forEach((i, k) => (i.weight = input.weights[k]!));
  }
  return db.transaction(() => {
    const saved = saveDraft(db, actor, input.versionId, content);
    writeAudit(db, {
      actorId: actor.id,
      action: 'kpiSetVersion.applyWeights',
      entity: 'kpi_set_version',
      entityId: input.versionId,
      before: { target: input.target, weights: before },
      after: { target: input.target, weights: input.weights, method: input.method, detail: input.detail },
    });
    return saved;
  });
}
