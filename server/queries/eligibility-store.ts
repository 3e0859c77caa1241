// Storing an eligibility run: a program evaluated against a published period's latest official
// scores (and earlier published periods for "consecutive" clauses), its determinations written in
// one transaction, immutable (triggers refuse UPDATE and DELETE). Here because a program's run and
// a period's revision (which re-runs every program with a run in the period) both store one.
import 'server-only';
import type { Db } from '@/db';
import { eligibilityRuns } from '@/db/schema';
import { noProgress, type ReportProgress } from '@/core/domain/jobs';
import { determinationExplanation, historyFieldsNeeded, historyPeriodsNeeded, notScoredExplanation, programCore, runEligibility, UNSCORED_TRUTH, type Determination, type ProgramCore, type ProgramSnapshot } from '@/core/eligibility';
import { writeAudit } from './audit';
import { buildPeriodInputs, unscoredStakeholders } from './eligibility-inputs';
import { nativeSha256Hex } from './native-hash';
import { withCheckpointLater, withWriteCache } from './write-cache';

/** Determinations per insert statement (14 parameters each, well under SQLite's limit). */
const ROWS_PER_INSERT = 64;
const COLUMN_COUNT = 14;

/**
 * JSON.stringify(determinationExplanation(d)), written without building that object per row: its
 * facts one by one (each as JSON.stringify writes it), then the rule's explanation.
 */
function explanationJson(d: Determination): string {
  // A fact left undefined (an input without a composite) is left out by JSON.stringify: as it does.
  if (d.composite === undefined || d.county === undefined || d.demand === undefined || d.budgetCut === undefined) return JSON.stringify(determinationExplanation(d));
  const j = JSON.stringify;
  return `{"truth":${j(d.truth)},"reason":${j(d.reason)},"type":${j(d.type)},"county":${j(d.county)},"composite":${j(d.composite)},"demand":${j(d.demand)},"capped":${j(d.capped)},"budgetCut":${j(d.budgetCut)},"rule":${j(d.explanation)}}`;
}

/** What a run evaluates: the program's rule, benefit and budget, and its names (the program now, or a replaced run's snapshot). */
export type ProgramToRun = ProgramCore & Pick<ProgramSnapshot, 'code' | 'nameEn' | 'nameZh'>;

/**
 * Evaluates a program on a published period's latest official scores and stores the run and its
 * determinations in one transaction. A revision's re-run passes the replaced run's snapshot (the
 * program's later edits stay out of it) with `revision`.
 */
export function storeEligibilityRun(
  db: Db,
  actorId: string,
  opts: { programId: number; periodId: number; program: ProgramToRun; revision?: { revisionId: number; replacesRunId: number } },
  progress: ReportProgress = noProgress,
) {
  const { code, nameEn, nameZh } = opts.program;
  const core = programCore(opts.program);
  const historyPeriods = historyPeriodsNeeded(core.rule);
  const historyFields = historyFieldsNeeded(core.rule);
  const built = buildPeriodInputs(db, opts.periodId, core.eligibleTypes, historyPeriods, historyFields);
  progress(0.3, 'evaluating');
  const result = runEligibility(core, built.inputs, { hashHex: nativeSha256Hex });
  // A province's inputs (millions of small objects) decide nothing more: let the collector have
  // them instead of walking them again and again while the determinations are written.
  built.inputs.length = 0;
  const notScored = unscoredStakeholders(db, opts.periodId, core.eligibleTypes, built.scoreRunIds);
  const snapshot: ProgramSnapshot = { ...core, code, nameEn, nameZh, scoreRunIds: built.scoreRunIds, historyPeriods, historyFields, listsNotScored: true };
  const totals = { ...result.totals, notScored: notScored.length };
  progress(0.6, 'saving');
  return withCheckpointLater(db, () => withWriteCache(db, () => db.transaction((tx) => {
    const run = tx
      .insert(eligibilityRuns)
      .values({
        programId: opts.programId,
        periodId: opts.periodId,
        scoreRunId: built.scoreRunIds[0] ?? null,
        programSnapshot: snapshot,
        inputHash: result.inputHash,
        createdBy: actorId,
        revisionId: opts.revision?.revisionId ?? null,
        replacesRunId: opts.revision?.replacesRunId ?? null,
      })
      .returning()
      .get();
    // Prepared statements on the transaction's connection, many rows each: at a province's size
    // drizzle's building of multi-row inserts cost more than SQLite's writing them.
    const columns = '(run_id, stakeholder_id, eligible, amount, rate, title, explanation, gap, county, type, truth, reason, composite, demand)';
    const insert = (n: number) => db.$client.prepare(`insert into determinations ${columns} values ${new Array<string>(n).fill('(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
    // Rows written into one parameter array, reused chunk after chunk: a province's run would
    // otherwise build a small array per row and a large one per statement.
    const params: unknown[] = new Array<unknown>(ROWS_PER_INSERT * COLUMN_COUNT);
    const many = insert(ROWS_PER_INSERT);
    let filled = 0;
    const flush = () => {
      if (filled === ROWS_PER_INSERT) many.run(params);
      else if (filled > 0) insert(filled).run(params.slice(0, filled * COLUMN_COUNT));
      filled = 0;
    };
    const put = (...row: unknown[]) => {
      for (let c = 0, at = filled * COLUMN_COUNT; c < COLUMN_COUNT; c++) params[at + c] = row[c];
      if (++filled === ROWS_PER_INSERT) flush();
    };
    const determinationRow = (d: Determination) =>
      put(
        run.id,
        built.stakeholderIds.get(d.stakeholder)!,
        d.eligible ? 1 : 0,
        d.amount,
        d.rate,
        d.title ? JSON.stringify(d.title) : null,
        explanationJson(d),
        d.gap === null ? null : JSON.stringify(d.gap),
        d.county ?? null,
        d.type,
        d.truth,
        d.reason,
        d.composite,
        d.demand,
      );
    const notScoredRow = (n: (typeof notScored)[number]) =>
      put(run.id, n.stakeholderId, 0, null, null, null, JSON.stringify(notScoredExplanation(core, n)), null, n.county, n.type, UNSCORED_TRUTH, 'not_scored', null, null);
    const write = <T>(items: readonly T[], row: (item: T) => void) => {
      for (const item of items) row(item);
      flush();
    };
    write(result.determinations, determinationRow);
    write(notScored, notScoredRow);
    writeAudit(tx, {
      actorId,
      action: 'eligibility.run',
      entity: 'eligibility_run',
      entityId: run.id,
      after: { programId: opts.programId, periodId: opts.periodId, ...opts.revision, inputHash: result.inputHash, totals: { ...totals, byCounty: undefined, byType: undefined } },
    });
    return { runId: run.id, inputHash: result.inputHash, totals };
  })));
}
