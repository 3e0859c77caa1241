// Eligibility runs (admin): run a program on a published period, read a run, recompute and
// compare, propose an override of a determination with a reason, and (another admin) decide it.
import 'server-only';
import { z } from 'zod';
import { vmsg } from '@/core/domain/messages';
import { determinationListSchema } from '@/core/schemas/lists';
import { overrideApprovalSchema, overrideProposalSchema, overrideRejectionSchema } from '@/core/schemas/overrides';
import * as svc from '@/server/services/eligibility-runs';
import * as overrides from '@/server/services/determination-overrides';
import { startJob } from '@/server/jobs/runner';
import { procedureFor, router } from '../init';

const positiveId = z.number({ error: vmsg('validation.required') }).int().positive(vmsg('validation.required'));

export const eligibilityRouter = router({
  periods: procedureFor('eligibility.listRuns').query(({ ctx }) => svc.publishedPeriods(ctx.db)),
  runs: procedureFor('eligibility.listRuns')
    .input(z.object({ programId: positiveId }))
    .query(({ ctx, input }) => svc.listRuns(ctx.db, input.programId)),
  // A run over a province's stakeholders: checked here, computed and written by a job.
  run: procedureFor('eligibility.run')
    .input(z.object({ programId: positiveId, periodId: positiveId }))
    .mutation(({ ctx, input }) => {
      svc.checkRun(ctx.db, input);
      return startJob(ctx.db, { kind: 'eligibility.run', input, startedBy: ctx.user.id });
    }),
  get: procedureFor('eligibility.readRun')
    .input(z.object({ runId: positiveId }))
    .query(({ ctx, input }) => svc.getRun(ctx.db, input.runId)),
  recompute: procedureFor('eligibility.recompute')
    .input(z.object({ runId: positiveId }))
    .mutation(({ ctx, input }) => svc.recomputeRun(ctx.db, input.runId)),
  override: procedureFor('eligibility.override')
    .input(overrideProposalSchema)
    .mutation(({ ctx, input }) => overrides.proposeOverride(ctx.db, ctx.user, input)),
  pendingOverrides: procedureFor('eligibility.readRun')
    .input(z.object({ runId: positiveId }))
    .query(({ ctx, input }) => overrides.listPendingOverrides(ctx.db, ctx.user, input.runId)),
  approveOverride: procedureFor('eligibility.decideOverride')
    .input(overrideApprovalSchema)
    .mutation(({ ctx, input }) => overrides.approveOverride(ctx.db, ctx.user, input)),
  rejectOverride: procedureFor('eligibility.decideOverride')
    .input(overrideRejectionSchema)
    .mutation(({ ctx, input }) => overrides.rejectOverride(ctx.db, ctx.user, input)),
  determinations: procedureFor('eligibility.readRun')
    .input(determinationListSchema)
    .query(({ ctx, input }) => svc.listDeterminations(ctx.db, input)),
  beneficiaries: procedureFor('eligibility.export')
    .input(determinationListSchema.omit({ outcome: true }))
    .query(({ ctx, input }) => svc.listDeterminations(ctx.db, { ...input, outcome: 'awarded' })),
});
