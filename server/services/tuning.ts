// The weight-tuning workspace: weights from the data (entropy, CRITIC), the impact preview (draft
// vs published, scored purely, nothing stored) and the basis of a sensitivity run. Writing the
// chosen weights into the draft is a draft edit (services/kpi-sets.ts). Values are a period's approved evaluations under the published
// version of the same KPI set; indicators new in the draft have no values there (missing).
import 'server-only';
import type { Db } from '@/db';
import { vmsg } from '@/core/domain/messages';
import { ValidationError } from '@/server/errors';
import { criticWeights, entropyWeights, ScoringInputError, sortGradesDescending, WeightsInputError, type KpiSetV1 } from '@/core/scoring';
import { fiveNumbers, mean, scoreLight, type LightScores } from '@/core/scoring/period-scoring';
import { sensitivityBasisOf } from '@/core/scoring/sensitivity';
import { coverageLevel, indicatorCoverage, scoredBothWays, type IndicatorCoverage } from '@/core/scoring/impact-coverage';
import { compareEligibility, evaluateRule, historyPeriodsNeeded, programCore, type EligibilityChange } from '@/core/eligibility';
import { draftEligibilityInputs, draftPeriodScores, flippedClauses } from '@/core/eligibility/draft-impact';
import type { PreviewFilter, WeightTarget } from '@/core/schemas/method';
import { type StakeholderType } from '@/core/domain/enums';
import { buildPeriodInputs, type PeriodInputs } from '@/server/queries/eligibility-inputs';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { draftContentOf, publishedVersionsInPeriod, redFlagLimits } from '@/server/queries/kpi-versions';
import { getPeriod } from '@/server/queries/periods';
import { lastAuditId } from '@/server/queries/audit';
import { indicatorValueCounts } from '@/server/queries/indicator-coverage';
import { activePrograms } from '@/server/queries/programs';
import { gatherValues, type ScoringInput } from '@/server/queries/score-runs';
import { stakeholderNames } from '@/server/queries/stakeholders';

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
  const period = getPeriod(db, periodId);
  const baselineVersionId = publishedVersionsInPeriod(db, periodId, draft.kpiSet.id)[0];
  if (baselineVersionId === undefined)
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

/** The engine's matrix pass, its refusal of unscorable rows turned into a field error. */
function scoreForPreview(doc: KpiSetV1, input: ScoringInput): LightScores {
  try {
    return scoreLight(doc, input);
  } catch (e) {
    if (e instanceof ScoringInputError) {
      const detail = vmsg(`errors.engine.scoring.${e.code}`, { stakeholder: e.stakeholder ?? '', indicator: e.indicator ?? '' });
      throw new ValidationError(`The period cannot be scored under this version: ${e.message}`, { periodId: [vmsg('validation.method.cannotScore')] }, 'cannot_score').with({}, detail);
    }
    throw e;
  }
}

/** Rows of the preview's table per page. */
export const PREVIEW_PAGE_SIZE = 25;
/** Names listed of those who would lose or gain a composite (the counts are complete). */
export const COVERAGE_LISTED = 100;

type PreviewRequest = { versionId: number; periodId: number; filter?: PreviewFilter | undefined; page?: number | undefined };
type FullPreview = ReturnType<typeof computePreview>;
type PreviewRow = FullPreview['rows'][number];

/**
 * The last previews computed, by draft, period and the newest audit id (every change to the data
 * is audited, so an unchanged id means unchanged inputs): turning a page of a province's preview
 * must not score it again. Two entries: an administrator compares two periods at most at a time.
 */
const recentPreviews = new Map<string, FullPreview>();
const RECENT_PREVIEWS = 2;

function previewOf(db: Db, versionId: number, periodId: number): FullPreview {
  const key = `${db.$client.name}:${versionId}:${periodId}:${lastAuditId(db)}`;
  const hit = recentPreviews.get(key);
  if (hit) return hit;
  const computed = computePreview(db, { versionId, periodId });
  recentPreviews.set(key, computed);
  for (const old of [...recentPreviews.keys()].slice(0, Math.max(0, recentPreviews.size - RECENT_PREVIEWS))) recentPreviews.delete(old);
  return computed;
}

const FILTERS: Record<PreviewFilter, (r: PreviewRow) => boolean> = {
  all: () => true,
  unscored: (r) => (r.oldComposite === null) !== (r.newComposite === null),
  grade: (r) => r.oldGrade !== r.newGrade,
  moved: (r) => (r.rankChange ?? 0) !== 0,
};

/**
 * Draft vs published for one period: the summary, the coverage and the eligibility impact, and one
 * page of the per-stakeholder table (largest moves first), filtered; `named` holds the rows the
 * coverage lists and the top movers name. Nothing is stored; the whole result is kept in memory
 * for the next page.
 */
export function impactPreview(db: Db, input: PreviewRequest) {
  const full = previewOf(db, input.versionId, input.periodId);
  const kept = full.rows.filter(FILTERS[input.filter ?? 'all']);
  kept.sort((a, b) => Math.abs(b.rankChange ?? 0) - Math.abs(a.rankChange ?? 0) || (a.newRank ?? 1e9) - (b.newRank ?? 1e9) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const pages = Math.max(1, Math.ceil(kept.length / PREVIEW_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page ?? 1), pages);
  const lost = full.coverage.lost.slice(0, COVERAGE_LISTED);
  const gained = full.coverage.gained.slice(0, COVERAGE_LISTED);
  const byCode = new Map(full.rows.map((r) => [r.code, r]));
  const namedCodes = new Set([...lost, ...gained, ...full.summary.up, ...full.summary.down]);
  return {
    ...full,
    rows: kept.slice((page - 1) * PREVIEW_PAGE_SIZE, page * PREVIEW_PAGE_SIZE),
    table: { filter: input.filter ?? 'all', page, pages, total: kept.length, pageSize: PREVIEW_PAGE_SIZE },
    named: [...namedCodes].flatMap((c) => byCode.get(c) ?? []),
    coverage: { ...full.coverage, lost, gained, lostCount: full.coverage.lost.length, gainedCount: full.coverage.gained.length },
  };
}

/** Draft vs published for one period: per stakeholder old → new, and a summary. Nothing is stored. */
function computePreview(db: Db, input: { versionId: number; periodId: number }) {
  const started = performance.now();
  const b = previewInputs(db, input.versionId, input.periodId);
  const before = scoreForPreview(b.baseline, b.input);
  const after = scoreForPreview(b.draft, b.input);
  const ids = [...b.input.meta.values()].map((m) => m.stakeholderId);
  const names = stakeholderNames(db, ids);
  // Both runs score the same rows in the same order. Moves are ranks among the rows scored both
  // ways: a row that loses its composite must not make everyone below it look as if they rose.
  const shared = scoredBothWays(before.rows.map((r) => r.composite), after.rows.map((r) => r.composite));
  const rows = before.rows.map((old, r) => {
    const next = after.rows[r]!;
    const meta = b.input.meta.get(old.code)!;
    const sharedOldRank = shared.sharedRankBefore[r]!;
    const sharedNewRank = shared.sharedRankAfter[r]!;
    return {
      stakeholderId: meta.stakeholderId,
      code: old.code,
      name: names.get(meta.stakeholderId) ?? old.code,
      oldComposite: old.composite,
      newComposite: next.composite,
      oldGrade: old.grade,
      newGrade: next.grade,
      oldRank: old.rank,
      newRank: next.rank,
      sharedOldRank,
      sharedNewRank,
      /** Among the rows scored both ways; positive = moved up (a smaller rank number). */
      rankChange: sharedOldRank !== null && sharedNewRank !== null ? sharedOldRank - sharedNewRank : null,
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
  const gradeOrder = sortGradesDescending(b.draft.grades).map((g) => ({ code: g.code, label: g.label }));
  return {
    period: { id: input.periodId, code: b.periodCode },
    draft: { versionId: input.versionId, version: b.draftVersion, methodHash: after.methodHash },
    baseline: { versionId: b.baselineVersionId, version: b.baselineVersion, methodHash: before.methodHash },
    grades: gradeOrder,
    rows,
    coverage: {
      lost: shared.lost.map((r) => rows[r]!.code),
      gained: shared.gained.map((r) => rows[r]!.code),
      indicators: indicatorCoverage(b.draft, b.baseline, b.input.rows),
    },
    summary: {
      stakeholders: rows.length,
      scoredBefore: rows.length - rows.filter((r) => r.oldComposite === null).length,
      scoredAfter: rows.length - rows.filter((r) => r.newComposite === null).length,
      scoredBoth: shared.both,
      gradeChanges: rows.filter((r) => r.oldGrade !== r.newGrade).length,
      gradeUp: rows.filter((r) => gradeOrder.findIndex((g) => g.code === r.newGrade) < gradeOrder.findIndex((g) => g.code === r.oldGrade) && r.newGrade !== null && r.oldGrade !== null).length,
      /** Over the rows scored both ways, as the moves are. */
      spearman: shared.spearman,
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

type ChangeKind = 'gained' | 'lost' | 'amount';

/**
 * Who would gain or lose eligibility (or get another amount) under each active program covering
 * the KPI set's stakeholder type, if the draft were published for the period: the program run on
 * the published inputs and on the draft's (compareEligibility, docs/incentives.md). Programs run
 * only on published periods, so other periods report `period_not_published`.
 */
/** Changes of each kind (gained, lost, amount) listed per program in the preview. */
export const CHANGES_LISTED = 100;

export function eligibilityImpact(db: Db, periodId: number, b: Baseline, draftScored: LightScores) {
  if (b.periodStatus !== 'published') return { available: false as const, reason: 'period_not_published' as const, stakeholderType: b.stakeholderType, programs: [] };
  const programs = activePrograms(db).filter((p) => p.eligibleTypes.includes(b.stakeholderType));
  if (programs.length === 0) return { available: true as const, reason: null, stakeholderType: b.stakeholderType, programs: [] };

  const draftScores = draftPeriodScores(draftScored, b.input);
  const draftGrades = sortGradesDescending(b.draft.grades).map((g) => g.code);
  const draftRedFlagLimits = redFlagLimits(db, { indicatorIds: [...b.draftIndicatorIds.values()] });

  const publishedByTypes = new Map<string, PeriodInputs>();
  return {
    available: true as const,
    reason: null,
    stakeholderType: b.stakeholderType,
    programs: programs.map((program) => {
      const core = programCore(program);
      const historyPeriods = historyPeriodsNeeded(core.rule);
      const typesKey = `${[...core.eligibleTypes].sort().join(',')}:${historyPeriods}`;
      const published = publishedByTypes.get(typesKey) ?? publishedByTypes.set(typesKey, buildPeriodInputs(db, periodId, core.eligibleTypes, historyPeriods)).get(typesKey)!;
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
      // The first of each kind, explained; the counts say how many there are. A province's new
      // weighting may move tens of thousands, and explaining and sending them all took a minute
      // and tens of megabytes.
      const first = <T>(xs: readonly T[]) => xs.slice(0, CHANGES_LISTED);
      const changes = [...first(compared.gained).map(describe('gained')), ...first(compared.lost).map(describe('lost')), ...first(compared.amountChanged).map(describe('amount'))];
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

/**
 * Per indicator of the draft, how many of the period's approved evaluations (under the published
 * version in effect there) have a value: what the weighting tab warns about before any weighting.
 * Counted in SQL; the period's rows are not loaded.
 */
export function indicatorValues(db: Db, input: { versionId: number; periodId: number }) {
  const draft = loadKpiSetVersion(db, input.versionId);
  const period = getPeriod(db, input.periodId);
  const baselineVersionId = publishedVersionsInPeriod(db, input.periodId, draft.kpiSet.id)[0];
  const published = baselineVersionId === undefined ? null : loadKpiSetVersion(db, baselineVersionId).document;
  const inPublished = new Set(published?.objectives.flatMap((o) => o.indicators.map((i) => i.code)) ?? []);
  const counted = baselineVersionId === undefined ? { rows: 0, values: new Map<number, number>() } : indicatorValueCounts(db, input.periodId, baselineVersionId, [...draft.indicatorIds.values()]);
  const indicators: IndicatorCoverage[] = draft.document.objectives.flatMap((o) =>
    o.indicators.map((i) => {
      const values = counted.values.get(draft.indicatorIds.get(i.code)!) ?? 0;
      return { code: i.code, objective: o.code, name: i.name, values, rows: counted.rows, level: coverageLevel(values, counted.rows), added: !inPublished.has(i.code) };
    }),
  );
  return { period: { id: period.id, code: period.code }, rows: counted.rows, indicators };
}

/** What a sensitivity run needs (normalized values, weights, grades), for the client to sample. */
export function sensitivityBasis(db: Db, input: { versionId: number; periodId: number }) {
  const b = previewInputs(db, input.versionId, input.periodId);
  const { compiled, matrix, scores } = scoreForPreview(b.draft, b.input);
  const ids = matrix.stakeholders.map((code) => b.input.meta.get(code)!.stakeholderId);
  const names = stakeholderNames(db, ids);
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
  const target = input.target;
  if (target.level === 'objectives') {
    const scored = scoreForPreview(b.draft, b.input);
    codes = b.draft.objectives.map((o) => o.code);
    data = scored.rows.map((r) => codes.map((c) => r.objectives[c] ?? null));
    directions = codes.map(() => 'higher');
  } else {
    const content = draftContentOf(db, input.versionId);
    const index = content.objectives.findIndex((o) => o.objectiveId === target.objectiveId);
    if (index < 0) throw new ValidationError('This objective is not part of the version.', { target: [vmsg('validation.method.unknownObjective')] });
    const objective = b.draft.objectives[index]!;
    codes = objective.indicators.map((i) => i.code);
    directions = objective.indicators.map((i) => i.direction);
    data = b.input.rows.map((r) => codes.map((c) => r.values[c] ?? null));
  }
  try {
    const result = input.method === 'entropy' ? entropyWeights(data, directions, codes) : criticWeights(data, directions, codes);
    return { codes, weights: result.weights, warnings: result.warnings, notices: result.notices, rowsUsed: result.rowsUsed, rows: data.length, period: b.periodCode };
  } catch (e) {
    if (e instanceof WeightsInputError) {
      const detail = vmsg(`errors.engine.weights.${e.code}`, { complete: 0, indicators: '', ...e.params });
      throw new ValidationError(e.message, { method: [detail] }, 'no_data_weights').with({}, detail);
    }
    throw e;
  }
}
