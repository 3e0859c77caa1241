// Eligibility runs (admin): run a program on a published period, read a run, recompute and
// compare, override a determination with a reason.
import 'server-only';
import { z } from 'zod';
import { vmsg } from '@/core/domain/messages';
import { determinationListSchema } from '@/core/schemas/lists';
import * as svc from '@/server/services/eligibility-runs';
import { startJob } from '@/server/jobs/runner';
import { procedureFor, router } from '../init';

const positiveId = z.number({ error: vmsg('validation.required') }).int().positive(vmsg('validation.required'));

export const overrideInputSchema = z
  .object({
    determinationId: positiveId,
    eligible: z.boolean(),
    amount: z
      .number({ error: vmsg('validation.incentives.number') })
      .finite(vmsg('validation.incentives.number'))
      .min(0, vmsg('validation.incentives.nonNegative'))
      .nullish()
      .transform((v) => v ?? null),
    reason: z
      .string({ error: vmsg('validation.required') })
      .trim()
      .min(5, vmsg('validation.incentives.override.reason', { min: 5 }))
      .max(1000, vmsg('validation.tooLong', { max: 1000 })),
  });

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
    .input(overrideInputSchema)
    .mutation(({ ctx, input }) => svc.overrideDetermination(ctx.db, ctx.user, input)),
  determinations: procedureFor('eligibility.readRun')
    .input(determinationListSchema)
    .query(({ ctx, input }) => svc.listDeterminations(ctx.db, input)),
  beneficiaries: procedureFor('eligibility.export')
    .input(determinationListSchema.omit({ outcome: true }))
    .query(({ ctx, input }) => svc.listDeterminations(ctx.db, { ...input, outcome: 'awarded' })),
});
