// The provisional score run of an open period and KPI-set version: recomputed from the approved
// evaluations after each approval or reopening, as a `scores.provisional` job (server/jobs/provisional.ts
// coalesces the requests), so a province's recompute never holds a request.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { getPeriod } from '@/server/queries/periods';
import { computeScoreRun } from '@/server/queries/score-runs';
import { ScoringInputError } from '@/core/scoring';
import { noProgress, type ReportProgress } from '@/core/domain/jobs';

export type ProvisionalKey = { periodId: number; versionId: number };
export type ProvisionalOutcome = { refreshed: boolean; runId: number | null; scored: number; note: string | null };

export function recomputeProvisional(db: Db, actor: SessionUser | null, key: ProvisionalKey, progress: ReportProgress = noProgress): ProvisionalOutcome {
  const period = getPeriod(db, key.periodId);
  // Published meanwhile: its official run is final and a provisional one would mean nothing.
  if (period.status === 'published') return { refreshed: false, runId: null, scored: 0, note: 'published' };
  progress(0.1, 'scoring');
  try {
    const { run, count } = computeScoreRun(db, { ...key, kind: 'provisional', actorId: actor?.id ?? null });
    return { refreshed: true, runId: run.id, scored: count, note: null };
  } catch (err) {
    // A KPI set with the "reject" missing-data policy cannot score a period while some approved
    // evaluation lacks a value: the approvals stand and the previous provisional run stays.
    if (!(err instanceof ScoringInputError)) throw err;
    return { refreshed: false, runId: null, scored: 0, note: err.message };
  }
}
