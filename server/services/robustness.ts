// Robustness checks of eligibility runs (admin): N seeded alternative weightings of the KPI sets
// the run read, and per determination the share of them under which its decision held (the
// engine: core/eligibility/robustness.ts). Started here, run by a job, written in one transaction
// with its audit entry; the run page lists the fragile ones, a stakeholder reads its own.
import 'server-only';
import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { eligibilityRuns } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { NotFoundError, StateError } from '@/server/errors';
import { noProgress, type ReportProgress } from '@/core/domain/jobs';
import { DEFAULT_ROBUSTNESS_SPREAD, FRAGILE_BELOW } from '@/core/domain/robustness';
import { env } from '@/server/env';
import { MAX_CONSECUTIVE_PERIODS, programCore, type EligibilityInput } from '@/core/eligibility';
import { checkRobustness, clauseAtPath, robustnessGroupOf, type RobustnessGroup } from '@/core/eligibility/robustness';
import { compileKpiSet } from '@/core/scoring';
import { pagedResult } from '@/core/schemas/list-params';
import { MAX_ROBUSTNESS_SEED, robustnessJobSchema, type RobustnessJobInput, type RobustnessStart } from '@/core/schemas/robustness';
import { latestJobWith } from '@/server/queries/jobs';
import { jobView } from '@/server/jobs/view';
import type { WriteAlone } from '@/server/jobs/lane-state';
import { writeAudit } from '@/server/queries/audit';
import { buildPeriodInputs } from '@/server/queries/eligibility-inputs';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { publishedRunsOf } from '@/server/queries/scores';
import { determinationIdsByCode, fragilePage, insertCheck, latestCheck, latestResults, runsAwaitingCheck, stakeholdersOfScoreRuns } from '@/server/queries/robustness';

export { runStabilities } from '@/server/queries/robustness';

function runOf(db: DbOrTx, runId: number) {
  const run = db.select().from(eligibilityRuns).where(eq(eligibilityRuns.id, runId)).get();
  if (!run) throw new NotFoundError('Eligibility run', runId);
  return run;
}

/** Checks a start before it is queued and fixes its parameters: the spread as a fraction, a seed picked when none is given. */
export function prepareCheck(db: DbOrTx, input: RobustnessStart): RobustnessJobInput {
  runOf(db, input.runId);
  return { runId: input.runId, draws: input.draws, spread: input.spreadPercent / 100, seed: input.seed ?? randomSeed() };
}

const randomSeed = () => randomInt(0, MAX_ROBUSTNESS_SEED + 1);

/**
 * The automatic checks owed now (ROBUSTNESS_AUTO_DRAWS weightings at the default spread, a fresh
 * seed each, run as the run's author): one per run without a check (runsAwaitingCheck); none when
 * automatic checks are turned off.
 */
export function automaticChecksDue(db: DbOrTx): { input: RobustnessJobInput; startedBy: string }[] {
  if (env.ROBUSTNESS_AUTO_DRAWS === 0) return [];
  return runsAwaitingCheck(db).map((r) => ({
    input: { runId: r.runId, draws: env.ROBUSTNESS_AUTO_DRAWS, spread: DEFAULT_ROBUSTNESS_SPREAD, seed: randomSeed(), automatic: true },
    startedBy: r.createdBy,
  }));
}

/**
 * What the check draws over: the run's inputs rebuilt from the database (as a recompute does) and
 * one group per score run it read, with that KPI-set version's weights. Refused when the period's
 * published scores are no longer the ones the run read (a revision since): run the program again.
 */
export function robustnessInputs(db: Db, runId: number): { run: ReturnType<typeof runOf>; inputs: EligibilityInput[]; groups: RobustnessGroup[] } {
  const run = runOf(db, runId);
  const snap = run.programSnapshot;
  const core = programCore(snap);
  const built = buildPeriodInputs(db, run.periodId, core.eligibleTypes, snap.historyPeriods ?? MAX_CONSECUTIVE_PERIODS - 1, snap.historyFields ?? null);
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
  if (!same(built.scoreRunIds, snap.scoreRunIds)) {
    throw new StateError(`The published scores of this period changed after run ${runId}; run the program again, then check that run.`, 'robustness_scores_changed');
  }
  const versionOf = new Map(publishedRunsOf(db, run.periodId).map((r) => [r.id, r.versionId]));
  const byCode = new Map(built.inputs.map((i) => [i.stakeholder, i]));
  const codesOf = stakeholdersOfScoreRuns(db, built.scoreRunIds);
  // Score runs in id order: the order the draws take their weights in.
  const groups = [...built.scoreRunIds].sort((a, b) => a - b).map((scoreRunId) => {
    const compiled = compileKpiSet(loadKpiSetVersion(db, versionOf.get(scoreRunId)!).document);
    const { codes, countyKeys } = codesOf.get(scoreRunId)!;
    return robustnessGroupOf(compiled, codes.map((code) => byCode.get(code)!), countyKeys);
  });
  return { run, inputs: built.inputs, groups };
}

/** The job: draws, decides, and writes the check and a result per determination in one transaction. */
export function runRobustnessCheck(db: Db, actor: Pick<SessionUser, 'id'>, input: RobustnessJobInput, progress: ReportProgress = noProgress, writeAlone: WriteAlone = (write) => write()) {
  progress(0.02, 'checking');
  const { run, inputs, groups } = robustnessInputs(db, input.runId);
  progress(0.1, 'evaluating');
  const results = checkRobustness(programCore(run.programSnapshot), inputs, groups, { draws: input.draws, spread: input.spread, seed: input.seed }, (f) => progress(0.1 + 0.8 * f, 'evaluating'));
  progress(0.9, 'saving');
  const ids = determinationIdsByCode(db, run.id);
  // Stakeholders listed without a score have no decision the weights could move: they hold in every draw.
  const scored = new Set(results.map((r) => r.stakeholder));
  const rows = [
    ...results.map((r) => ({ determinationId: ids.get(r.stakeholder)!, stability: r.stability, flip: r.flip })),
    ...[...ids].filter(([code]) => !scored.has(code)).map(([, determinationId]) => ({ determinationId, stability: 1, flip: null })),
  ];
  const fragile = results.filter((r) => r.fragile).length;
  const automatic = input.automatic ?? false;
  // The job runs on the background lane: its write waits for a moment it cannot fail another job's.
  return writeAlone(() => db.transaction((tx) => {
    const checkId = insertCheck(tx, { runId: run.id, draws: input.draws, spread: input.spread, seed: input.seed, fragile, createdBy: actor.id, automatic }, rows);
    writeAudit(tx, { actorId: actor.id, action: 'robustness.check', entity: 'robustness_check', entityId: checkId, after: { runId: run.id, draws: input.draws, scheme: 'uniform', spread: input.spread, seed: input.seed, fragile, determinations: rows.length, automatic } });
    return { checkId, runId: run.id, fragile, determinations: rows.length };
  }));
}

/** The run page's section: the latest check (null before any) and a page of its fragile determinations, least stable first. */
export function getRobustness(db: DbOrTx, params: { runId: number; page: number; pageSize: number }) {
  const run = runOf(db, params.runId);
  const check = latestCheck(db, run.id);
  // The newest check job when it has not ended, or failed after the latest check was written: the
  // page follows the first and says why the second did not finish.
  const jobRow = latestJobWith(db, 'eligibility.robustness', 'runId', run.id);
  const shown = jobRow && (jobRow.status === 'queued' || jobRow.status === 'running' || (jobRow.status === 'failed' && (!check || (jobRow.finishedAt?.getTime() ?? 0) > check.createdAt.getTime())));
  const job = shown ? { ...jobView(jobRow), automatic: robustnessJobSchema.safeParse(jobRow.input).data?.automatic ?? false } : null;
  if (!check) return { check: null, job, fragile: pagedResult([], 0, params) };
  const page = fragilePage(db, check.id, params.page, params.pageSize);
  const rule = run.programSnapshot.rule;
  return {
    job,
    check: { id: check.id, draws: check.draws, scheme: check.scheme, spread: check.spread, seed: check.seed, fragile: check.fragile, createdAt: check.createdAt, createdBy: check.createdByName, automatic: check.automatic, threshold: FRAGILE_BELOW },
    fragile: pagedResult(
      page.items.map((item) => ({ ...item, clause: item.flip?.kind === 'clause' && item.flip.path ? clauseAtPath(rule, item.flip.path) : null })),
      page.total,
      params,
    ),
  };
}

/** A determination's stability under its run's latest check (null before any check). */
export function determinationRobustness(db: DbOrTx, determinationId: number) {
  const r = latestResults(db, [determinationId]).get(determinationId);
  return r ? { stability: r.stability, fragile: r.stability < FRAGILE_BELOW, draws: r.draws, spread: r.spread, flip: r.flip } : null;
}
