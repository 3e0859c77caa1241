// One quarter of a generated province, worked the way the office works it, through the app's
// services: the period is opened, the values arrive as import files (one per KPI set, in parts
// below the upload limit), assessor A submits with the evidence links and notes, assessor B
// approves or returns, and a past quarter is then closed, published (official score runs) and
// run through the incentive programs it is given.
import type { Db } from '@/db/client';
import type { SessionUser } from '@/server/auth/session';
import type { EvaluationValuesInput } from '@/core/domain/evaluation-values';
import { runProgram } from '@/server/services/eligibility-runs';
import { approveEvaluations, returnEvaluations, submitEvaluations } from '@/server/services/evaluations/bulk-review';
import { settleJobs } from '@/server/jobs/runner';
import { runImport } from '@/server/services/imports';
import { closePeriod, createPeriod, publishPeriod, setPeriodDueDate } from '@/server/services/periods';
import type { ImportFile } from './province-files';
import type { PlannedEvaluation } from './plan-evaluations';
import type { PlannedPeriod } from './plan-periods';

export interface QuarterActors {
  admin: SessionUser;
  /** Imports and submits. */
  entry: SessionUser;
  /** Approves and returns (never the submitter). */
  review: SessionUser;
}

export type Progress = (step: string, count?: number) => void;

/** A note for a value left empty: the submit rules want every gap explained. */
const MISSING_NOTE = '本期数据暂缺，已说明原因';

/** Opens the quarter (the first one is opened by the caller, before the KPI sets that start with it). */
export function openQuarter(db: Db, admin: SessionUser, period: PlannedPeriod): number {
  const match = /^(\d{4})Q([1-4])$/.exec(period.code);
  if (!match) throw new Error(`province: ${period.code} is not a quarter`);
  const { id } = createPeriod(db, admin, { kind: 'quarter', year: Number(match[1]), quarter: Number(match[2]) });
  setPeriodDueDate(db, admin, { id, dueOn: period.dueOn });
  return id;
}

/** The quarter's evaluations entered, reviewed and, for a past quarter, published and run through the programs. */
export async function workQuarter(
  db: Db,
  actors: QuarterActors,
  ctx: {
    periodId: number;
    period: PlannedPeriod;
    evaluations: readonly PlannedEvaluation[];
    /** The evaluations as import files (importFiles). */
    files: readonly ImportFile[];
    programIds: readonly number[];
    /** Work of the caller's own (no writes) done while the approvals' jobs keep the worker busy. */
    meanwhile?: (() => Promise<unknown>) | undefined;
  },
  progress: Progress,
): Promise<void> {
  const { period, evaluations } = ctx;
  const evaluationId = await importValues(db, actors.entry, ctx.files, period.code);
  progress(`${period.code}: imported`, evaluations.length);

  const finished = evaluations.filter((e) => e.status !== 'draft');
  const submitted = submitEvaluations(
    db,
    actors.entry,
    finished.map((e) => ({ id: evaluationId(e.stakeholderCode), revision: 1, values: submitEntries(e) })),
  ).submitted;
  progress(`${period.code}: submitted`, submitted);
  const approved = approveEvaluations(
    db,
    actors.review,
    finished.filter((e) => e.status === 'approved').map((e) => ({ id: evaluationId(e.stakeholderCode), revision: 2 })),
  ).approved;
  // Approving queues the provisional scores' recompute as a job: it ends before the next write, as
  // a reviewer's next step would wait on it, and never holds SQLite's lock against this thread.
  // This thread would only wait meanwhile: the caller's own work takes that time instead.
  await Promise.all([settleJobs(), ctx.meanwhile?.()]);
  const returned = returnEvaluations(
    db,
    actors.review,
    finished.filter((e) => e.status === 'returned').map((e) => ({ id: evaluationId(e.stakeholderCode), revision: 2, reason: e.returnReason ?? '请核实后重新提交。' })),
  ).returned;
  progress(`${period.code}: approved ${approved}, returned`, returned);
  // The provisional recompute the approvals asked for runs as a job: let it end before the quarter
  // is published (and before the generator closes the database).
  await settleJobs();

  if (period.status !== 'published') return;
  closePeriod(db, actors.admin, ctx.periodId);
  const { runs } = publishPeriod(db, actors.admin, { id: ctx.periodId });
  progress(`${period.code}: published, official score runs`, runs.length);
  for (const programId of ctx.programIds) runProgram(db, actors.admin, { programId, periodId: ctx.periodId });
  if (ctx.programIds.length) progress(`${period.code}: eligibility runs`, ctx.programIds.length);
}

/** What assessor A adds when submitting: the evidence links, the notes, a note for each gap. */
function submitEntries(e: PlannedEvaluation): EvaluationValuesInput {
  const entries: EvaluationValuesInput = {};
  for (const v of e.values) {
    if (v.value === null) entries[v.indicatorCode] = { value: null, note: v.note ?? MISSING_NOTE, evidenceUrl: null };
    else if (v.note || v.evidenceUrl) entries[v.indicatorCode] = { value: v.value, note: v.note, evidenceUrl: v.evidenceUrl };
  }
  return entries;
}

/** Imports the quarter's files as drafts, in order; returns the evaluation id of each stakeholder code. */
async function importValues(db: Db, entry: SessionUser, files: readonly ImportFile[], periodCode: string): Promise<(stakeholderCode: string) => number> {
  const ids = new Map<string, number>();
  for (const file of files) {
    // Rows without a value are planned drafts too: kept, so the evaluations' ids follow the lines.
    const result = await runImport(db, entry, { kpiSetCode: file.kpiSetCode, bytes: file.bytes, fileName: file.fileName, mode: 'draft', keepUnfilledRows: true });
    if (!result.imported) {
      const first = result.report.problems.slice(0, 3).map((p) => JSON.stringify(p)).join('; ');
      throw new Error(`province: the ${file.kpiSetCode} import of ${periodCode} was refused (${result.report.problems.length + result.report.moreProblems} problems): ${first}`);
    }
    file.codes.forEach((code, i) => ids.set(code, result.evaluationIds[i]!));
  }
  return (code) => {
    const id = ids.get(code);
    if (id === undefined) throw new Error(`province: no evaluation imported for ${code}`);
    return id;
  };
}
