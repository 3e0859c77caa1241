// The impact preview: a draft scored on a period beside the published version, who would move,
// lose or gain a composite, and who would gain or lose eligibility. A province's preview takes
// seconds, so it runs as a job (`tuning.preview`, docs/jobs.md): the request checks what it can
// and starts it (or joins the one running with the same inputs); the job computes the preview and
// stores it (server/queries/impact-previews.ts); every page and filter then reads the stored
// result until the data changes. The engine's numbers are the same as when it ran in the request.
import 'server-only';
import type { Db } from '@/db';
import { sortGradesDescending } from '@/core/scoring';
import { fiveNumbers, mean, type LightScores } from '@/core/scoring/period-scoring';
import { indicatorCoverage, scoredBothWays } from '@/core/scoring/impact-coverage';
import { compareEligibility, evaluateRule, historyPeriodsNeeded, programCore, type EligibilityChange } from '@/core/eligibility';
import { draftEligibilityInputs, draftPeriodScores, flippedClauses } from '@/core/eligibility/draft-impact';
import { noProgress, type ReportProgress } from '@/core/domain/jobs';
import type { PreviewFilter } from '@/core/schemas/method';
import type { JsonValue } from '@/core/schemas/json';
import { buildPeriodInputs, type PeriodInputs } from '@/server/queries/eligibility-inputs';
import { redFlagLimits } from '@/server/queries/kpi-versions';
import { activePrograms } from '@/server/queries/programs';
import { stakeholderNames } from '@/server/queries/stakeholders';
import { checkPreviewTarget, previewInputs, scoreForPreview, type Baseline } from '@/server/queries/preview-inputs';
import { dataMark, findStoredPreview, storedRows, storePreview, type PreviewKey, type StoredRow } from '@/server/queries/impact-previews';

/** Rows of the preview's table per page. */
export const PREVIEW_PAGE_SIZE = 25;
/** Names listed of those who would lose or gain a composite (the counts are complete). */
export const COVERAGE_LISTED = 100;
/** Changes of each kind (gained, lost, amount) listed per program in the preview. */
export const CHANGES_LISTED = 100;
/** Rows per progress report while the table is built. */
const ROW_BATCH = 10_000;

type PreviewTarget = { versionId: number; periodId: number };
type PreviewRequest = PreviewTarget & { filter?: PreviewFilter | undefined; page?: number | undefined };
type FullPreview = ReturnType<typeof computeImpactPreview>;
export type PreviewRow = FullPreview['rows'][number];

/** What is stored beside the rows: the preview but its table, the lists cut to what is shown. */
type StoredHeader = Omit<FullPreview, 'rows' | 'coverage'> & {
  coverage: FullPreview['coverage'] & { lostCount: number; gainedCount: number };
  /** The rows the coverage lists and the top movers name, wherever they are in the table. */
  named: PreviewRow[];
  counts: Record<PreviewFilter, number>;
};

const FILTERS: Record<Exclude<PreviewFilter, 'all'>, (r: PreviewRow) => boolean> = {
  unscored: (r) => (r.oldComposite === null) !== (r.newComposite === null),
  grade: (r) => r.oldGrade !== r.newGrade,
  moved: (r) => (r.rankChange ?? 0) !== 0,
};

/** The table's order: largest moves first, then by the draft's rank, then by code. */
const tableOrder = (a: PreviewRow, b: PreviewRow) =>
  Math.abs(b.rankChange ?? 0) - Math.abs(a.rankChange ?? 0) || (a.newRank ?? 1e9) - (b.newRank ?? 1e9) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * On the request thread, before a job is started: what can be refused at once by index (no
 * published version with evaluations in the period); the job refuses the rest (no approved
 * values, values the draft cannot score) with the same reasons. The key the job will run under.
 */
export function checkImpactPreview(db: Db, input: PreviewTarget): PreviewKey {
  checkPreviewTarget(db, input.versionId, input.periodId);
  return { versionId: input.versionId, periodId: input.periodId, dataMark: dataMark(db) };
}

/**
 * The job: computes the preview and stores it with its table's order overall and per filter.
 * A preview already stored for the same inputs (another job finished first) is kept as it is.
 */
export function runImpactPreview(db: Db, input: PreviewTarget, progress: ReportProgress = noProgress) {
  const key = { ...input, dataMark: dataMark(db) };
  const stored = findStoredPreview(db, key);
  if (stored) return { previewId: stored.id, dataMark: key.dataMark, computed: false };
  const full = computeImpactPreview(db, input, progress);
  const sorted = [...full.rows].sort(tableOrder);
  const counts: Record<PreviewFilter, number> = { all: sorted.length, unscored: 0, grade: 0, moved: 0 };
  const rows: StoredRow[] = sorted.map((row, position) => {
    const at = { unscored: null, grade: null, moved: null } as StoredRow['at'];
    for (const f of ['unscored', 'grade', 'moved'] as const) if (FILTERS[f](row)) at[f] = counts[f]++;
    return { position, at, row: row as unknown as JsonValue };
  });
  const byCode = new Map(full.rows.map((r) => [r.code, r]));
  const lost = full.coverage.lost.slice(0, COVERAGE_LISTED);
  const gained = full.coverage.gained.slice(0, COVERAGE_LISTED);
  const namedCodes = new Set([...lost, ...gained, ...full.summary.up, ...full.summary.down]);
  const { rows: _rows, ...rest } = full;
  const header: StoredHeader = {
    ...rest,
    coverage: { ...full.coverage, lost, gained, lostCount: full.coverage.lost.length, gainedCount: full.coverage.gained.length },
    named: [...namedCodes].flatMap((c) => byCode.get(c) ?? []),
    counts,
  };
  const previewId = storePreview(db, key, header as unknown as JsonValue, rows, progress, 0.7);
  progress(1, 'done');
  return { previewId, dataMark: key.dataMark, computed: true };
}

/**
 * One page of the stored preview's table (largest moves first), filtered, with the summary, the
 * coverage and the eligibility impact; `ready: false` when no preview is stored for the current
 * data (none yet, or the data changed since): the caller starts the job.
 */
export function impactPreview(db: Db, input: PreviewRequest) {
  const stored = findStoredPreview(db, { versionId: input.versionId, periodId: input.periodId, dataMark: dataMark(db) });
  if (!stored) return { ready: false as const };
  const { counts, ...header } = stored.header as unknown as StoredHeader;
  const filter = input.filter ?? 'all';
  const total = counts[filter];
  const pages = Math.max(1, Math.ceil(total / PREVIEW_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page ?? 1), pages);
  const rows = storedRows(db, stored.id, filter, (page - 1) * PREVIEW_PAGE_SIZE, PREVIEW_PAGE_SIZE) as unknown as PreviewRow[];
  return { ready: true as const, ...header, rows, table: { filter, page, pages, total, pageSize: PREVIEW_PAGE_SIZE } };
}

/** Draft vs published for one period: per stakeholder old → new, and a summary (the job stores it). */
export function computeImpactPreview(db: Db, input: PreviewTarget, progress: ReportProgress = noProgress) {
  const started = performance.now();
  progress(0.02, 'checking');
  const b = previewInputs(db, input.versionId, input.periodId);
  progress(0.15, 'scoring');
  const before = scoreForPreview(b.baseline, b.input);
  progress(0.3, 'scoring');
  const after = scoreForPreview(b.draft, b.input);
  progress(0.45, 'scoring');
  const ids = [...b.input.meta.values()].map((m) => m.stakeholderId);
  const names = stakeholderNames(db, ids);
  // Both runs score the same rows in the same order. Moves are ranks among the rows scored both
  // ways: a row that loses its composite must not make everyone below it look as if they rose.
  const shared = scoredBothWays(before.rows.map((r) => r.composite), after.rows.map((r) => r.composite));
  const rows = before.rows.map((old, r) => {
    if (r % ROW_BATCH === 0 && r > 0) progress(0.45 + (0.15 * r) / before.rows.length, 'scoring');
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
  progress(0.6, 'evaluating');
  const eligibility = eligibilityImpact(db, input.periodId, b, after);
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
    eligibility,
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
