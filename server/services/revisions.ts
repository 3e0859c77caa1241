// Revisions: accepted corrections take effect through a new publication of the period's official
// runs (revision 2, 3, …), never by editing the past. The runs of the KPI-set versions the
// corrections touch are scored again from the approved values with every accepted correction of
// the period laid over them; the other versions' runs stay current (nothing of theirs changed).
// Every program with an eligibility run in the period is run again from that run's program
// snapshot. The earlier runs and determinations stay frozen and readable.
//
// The preview (a job) does exactly what the publish does inside a transaction it rolls back, so
// the impact shown is the impact published; the publish (a second job) refuses a preview whose
// mark (pending corrections, runs) is no longer the period's, and writes everything in one
// transaction: a crash leaves nothing half-written.
import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { appealSteps, appeals, periodRevisions, user } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { noProgress, type ReportProgress } from '@/core/domain/jobs';
import { StateError } from '@/server/errors';
import { writeAudit } from '@/server/queries/audit';
import { getPeriod } from '@/server/queries/periods';
import { getJobRow } from '@/server/queries/jobs';
import { notifyUsers } from '@/server/queries/notifications';
import { computeScoreRun, publishScoreRun } from '@/server/queries/score-runs';
import { storeEligibilityRun } from '@/server/queries/eligibility-store';
import { withCheckpointLater, withWriteCache } from '@/server/queries/write-cache';
import {
  acceptedCorrections,
  correctionsByVersion,
  eligibilityDifferences,
  latestEligibilityRuns,
  latestOfficialRunIds,
  nextRevisionNumber,
  revisionMark,
  revisionsOf,
  scoreChanges,
  versionLabels,
  type Correction,
  type EligibilityDifference,
  type ScoreChange,
} from '@/server/queries/revisions';

/** Changed stakeholders listed per version and per program (the counts are complete). */
export const IMPACT_LISTED = 200;

export type CorrectionView = Pick<Correction, 'appealId' | 'stakeholderId' | 'stakeholderCode' | 'stakeholderName' | 'indicatorCode' | 'indicatorName' | 'publishedValue' | 'correctedValue'>;

/** What a revision changes: shown before confirming, and stored with the revision. */
export type RevisionImpact = {
  number: number;
  corrections: CorrectionView[];
  scores: { versionId: number; kpiSet: string; version: number; replacedRunId: number; changed: number; gradeChanges: number; listed: ScoreChange[] }[];
  eligibility: {
    programId: number;
    code: string;
    nameEn: string;
    nameZh: string;
    replacedRunId: number;
    counts: { gained: number; lost: number; amount: number };
    listed: EligibilityDifference[];
    /** Overrides on the replaced run's determinations, not carried to the new run (absent in revisions stored before it was counted). */
    overrides?: number;
  }[];
};

const viewOf = (c: Correction): CorrectionView => ({
  appealId: c.appealId,
  stakeholderId: c.stakeholderId,
  stakeholderCode: c.stakeholderCode,
  stakeholderName: c.stakeholderName,
  indicatorCode: c.indicatorCode,
  indicatorName: c.indicatorName,
  publishedValue: c.publishedValue,
  correctedValue: c.correctedValue,
});

/** The period's revision page: pending corrections, the revisions so far with what each included. */
export function revisionOverview(db: Db, periodId: number) {
  const period = getPeriod(db, periodId);
  const all = acceptedCorrections(db, periodId);
  const revisions = revisionsOf(db, periodId).map((r) => ({
    id: r.id,
    number: r.number,
    note: r.note,
    publishedAt: r.publishedAt,
    publishedBy: r.publishedBy,
    impact: r.impact as RevisionImpact,
    corrections: all.filter((c) => c.revisionId === r.id).map(viewOf),
  }));
  return {
    period: { id: period.id, code: period.code, status: period.status },
    pending: all.filter((c) => c.revisionId === null).map(viewOf),
    nextNumber: nextRevisionNumber(db, periodId),
    revisions,
  };
}

/** Refuses a preview that cannot succeed (a period not published, nothing pending), before it is queued. */
export function checkRevisionPreview(db: Db, periodId: number) {
  const period = getPeriod(db, periodId);
  if (period.status !== 'published') throw new StateError(`Period ${period.code} is ${period.status}; only a published period is revised.`, 'period_not_published');
  if (acceptedCorrections(db, periodId, { pending: true }).length === 0) throw new StateError(`No accepted correction of ${period.code} is waiting for a revision.`, 'revision_nothing_pending');
  return period;
}

type Applied = {
  revisionId: number;
  number: number;
  pending: Correction[];
  runs: { versionId: number; replacedRunId: number; runId: number }[];
  eligibility: { programId: number; code: string; nameEn: string; nameZh: string; replacedRunId: number; runId: number }[];
};

/**
 * Writes a revision: its row, new published official runs for the versions the corrections touch
 * (every accepted correction of the period laid over the approved values), and a new eligibility
 * run per program with a run in the period, from that run's snapshot. Called inside a transaction.
 */
function applyRevision(db: Db, actorId: string, periodId: number, row: { note: string; impact: RevisionImpact | null }, progress: ReportProgress): Applied {
  const pending = acceptedCorrections(db, periodId, { pending: true });
  const byVersion = correctionsByVersion(acceptedCorrections(db, periodId));
  const touched = [...new Set(pending.map((c) => c.versionId))].sort((a, b) => a - b);
  const replaced = latestOfficialRunIds(db, periodId, touched);
  const number = nextRevisionNumber(db, periodId);
  const revision = db
    .insert(periodRevisions)
    .values({ periodId, number, note: row.note, impact: row.impact ?? {}, publishedBy: actorId })
    .returning()
    .get();
  const runs = touched.map((versionId, i) => {
    progress(0.1 + (0.4 * i) / touched.length, 'scoring');
    const { run } = computeScoreRun(db, { periodId, versionId, kind: 'official', actorId, revision: { revisionId: revision.id, corrections: byVersion.get(versionId)! } });
    publishScoreRun(db, run.id, actorId);
    return { versionId, replacedRunId: replaced.get(versionId)!, runId: run.id };
  });
  const programs = latestEligibilityRuns(db, periodId);
  const eligibility = programs.map((old, i) => {
    progress(0.5 + (0.4 * i) / Math.max(1, programs.length), 'evaluating');
    const snap = old.programSnapshot;
    const r = storeEligibilityRun(db, actorId, { programId: old.programId, periodId, program: snap, revision: { revisionId: revision.id, replacesRunId: old.id } });
    return { programId: old.programId, code: snap.code, nameEn: snap.nameEn, nameZh: snap.nameZh, replacedRunId: old.id, runId: r.runId };
  });
  return { revisionId: revision.id, number, pending, runs, eligibility };
}

/** The impact of an applied revision, read from the runs it wrote and the runs they replace. */
function impactOf(db: Db, applied: Applied): RevisionImpact {
  const labels = versionLabels(db, applied.runs.map((r) => r.versionId));
  return {
    number: applied.number,
    corrections: applied.pending.map(viewOf),
    scores: applied.runs.map((r) => {
      const changes = scoreChanges(db, r.replacedRunId, r.runId, IMPACT_LISTED);
      const label = labels.get(r.versionId);
      return { versionId: r.versionId, kpiSet: label?.code ?? '', version: label?.version ?? 0, replacedRunId: r.replacedRunId, changed: changes.count, gradeChanges: changes.gradeChanges, listed: changes.listed };
    }),
    eligibility: applied.eligibility.map((e) => {
      const d = eligibilityDifferences(db, e.replacedRunId, e.runId, IMPACT_LISTED);
      return { programId: e.programId, code: e.code, nameEn: e.nameEn, nameZh: e.nameZh, replacedRunId: e.replacedRunId, counts: d.counts, listed: d.listed, overrides: d.overrides };
    }),
  };
}

class RolledBack extends Error {
  constructor(readonly impact: RevisionImpact) {
    super('preview rolled back');
  }
}

/** The job: the revision applied and rolled back; its impact and the mark it was computed under. */
export function previewRevision(db: Db, actor: Pick<SessionUser, 'id'>, input: { periodId: number }, progress: ReportProgress = noProgress) {
  checkRevisionPreview(db, input.periodId);
  progress(0.05, 'checking');
  const mark = revisionMark(db, input.periodId);
  try {
    withWriteCache(db, () =>
      db.transaction(() => {
        const applied = applyRevision(db, actor.id, input.periodId, { note: '', impact: null }, progress);
        progress(0.9, 'evaluating');
        throw new RolledBack(impactOf(db, applied));
      }),
    );
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
    progress(1, 'done');
    return { periodId: input.periodId, mark, impact: e.impact };
  }
  throw new Error('unreachable: a preview always rolls back');
}

export type RevisionPreview = ReturnType<typeof previewRevision>;
type PublishInput = { periodId: number; previewJobId: number; note: string };

/** The preview a publish confirms: a finished preview of this period, still current (same mark). */
function confirmedPreview(db: Db, input: PublishInput): RevisionPreview {
  const period = checkRevisionPreview(db, input.periodId);
  let job;
  try {
    job = getJobRow(db, input.previewJobId);
  } catch {
    job = null;
  }
  const result = job?.kind === 'revision.preview' && job.status === 'succeeded' ? (job.result as unknown as RevisionPreview | null) : null;
  if (!result || result.periodId !== input.periodId) throw new StateError(`Preview the impact of the revision of ${period.code} before publishing it.`, 'revision_preview_missing');
  if (result.mark !== revisionMark(db, input.periodId)) throw new StateError(`The corrections or runs of ${period.code} changed since the preview; preview it again.`, 'revision_preview_stale');
  return result;
}

/** Refuses a publish that cannot succeed, before it is queued. */
export function checkRevisionPublish(db: Db, input: PublishInput) {
  confirmedPreview(db, input);
}

/**
 * The job: publishes the revision the preview showed, in one transaction: the revision row (with
 * the impact shown), its runs, the eligibility re-runs, each included appeal's revision and
 * 'revised' step, the audit rows, and a notification to the users of the corrected stakeholders.
 */
export function publishRevision(db: Db, actor: Pick<SessionUser, 'id'>, input: PublishInput, progress: ReportProgress = noProgress) {
  const period = getPeriod(db, input.periodId);
  progress(0.05, 'checking');
  return withCheckpointLater(db, () =>
    withWriteCache(db, () =>
      db.transaction(() => {
        // Checked again inside the write: a correction accepted meanwhile makes the preview stale.
        const shown = confirmedPreview(db, input).impact;
        const applied = applyRevision(db, actor.id, input.periodId, { note: input.note, impact: shown }, progress);
        progress(0.92, 'saving');
        const appealIds = [...new Set(applied.pending.map((c) => c.appealId))];
        if (appealIds.length) db.update(appeals).set({ revisionId: applied.revisionId, updatedAt: new Date() }).where(inArray(appeals.id, appealIds)).run();
        for (const appealId of appealIds) {
          db.insert(appealSteps).values({ appealId, step: 'revised', reason: `${period.code} revision ${applied.number}`, actorId: actor.id }).run();
          writeAudit(db, { actorId: actor.id, action: 'appeal.revise', entity: 'appeal', entityId: appealId, before: { revisionId: null }, after: { revisionId: applied.revisionId, number: applied.number } });
        }
        writeAudit(db, {
          actorId: actor.id,
          action: 'period.revise',
          entity: 'period',
          entityId: input.periodId,
          after: {
            revisionId: applied.revisionId,
            number: applied.number,
            appeals: appealIds,
            runs: applied.runs,
            eligibilityRuns: applied.eligibility.map((e) => ({ programId: e.programId, replacedRunId: e.replacedRunId, runId: e.runId })),
          },
          reason: input.note,
        });
        // Per corrected stakeholder: its users and whoever filed its appeals, with a link to its scorecard.
        for (const stakeholderId of new Set(applied.pending.map((c) => c.stakeholderId))) {
          const own = applied.pending.filter((c) => c.stakeholderId === stakeholderId).map((c) => c.appealId);
          const filers = db.select({ id: appeals.createdBy }).from(appeals).where(inArray(appeals.id, own)).all();
          const users = db.select({ id: user.id }).from(user).where(and(eq(user.stakeholderId, stakeholderId), eq(user.disabled, false))).all();
          notifyUsers(db, [...users, ...filers].map((u) => u.id), {
            kind: 'period_revised',
            params: { period: period.code, revision: applied.number },
            link: `/scorecards/${stakeholderId}?period=${encodeURIComponent(period.code)}`,
          });
        }
        progress(1, 'done');
        return { periodId: input.periodId, revisionId: applied.revisionId, number: applied.number, runs: applied.runs, eligibilityRuns: applied.eligibility.map((e) => ({ programId: e.programId, runId: e.runId, replacedRunId: e.replacedRunId })) };
      }),
    ),
  );
}
