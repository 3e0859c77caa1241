import 'server-only';
import { z } from 'zod';
import { evaluationValuesInputSchema, returnReasonSchema } from '@/core/domain/evaluation-values';
import * as svc from '@/server/services/evaluations';
import { procedureFor, router } from '../init';

const id = z.number().int().positive();
const versioned = z.object({ id, revision: z.number().int().min(0) });

export const evaluationsRouter = router({
  workList: procedureFor('evaluations.list')
    .input(z.object({ periodId: id.optional() }).optional())
    .query(({ ctx, input }) => svc.workList(ctx.db, ctx.user, input ?? {})),
  get: procedureFor('evaluations.read')
    .input(z.object({ id }))
    .query(({ ctx, input }) => svc.getEvaluation(ctx.db, ctx.user, input.id)),
  start: procedureFor('evaluations.start')
    .input(z.object({ stakeholderId: id }))
    .mutation(({ ctx, input }) => svc.startEvaluation(ctx.db, ctx.user, input.stakeholderId)),
  save: procedureFor('evaluations.save')
    .input(versioned.extend({ values: evaluationValuesInputSchema }))
    .mutation(({ ctx, input }) => svc.saveEvaluation(ctx.db, ctx.user, input)),
  submit: procedureFor('evaluations.submit')
    .input(versioned.extend({ values: evaluationValuesInputSchema.optional() }))
    .mutation(({ ctx, input }) => svc.submitEvaluation(ctx.db, ctx.user, input)),
  approve: procedureFor('evaluations.review')
    .input(versioned)
    .mutation(({ ctx, input }) => svc.approveEvaluation(ctx.db, ctx.user, input)),
  return: procedureFor('evaluations.review')
    .input(versioned.extend({ reason: returnReasonSchema }))
    .mutation(({ ctx, input }) => svc.returnEvaluation(ctx.db, ctx.user, input)),
  reopen: procedureFor('evaluations.reopen')
    .input(versioned.extend({ reason: returnReasonSchema }))
    .mutation(({ ctx, input }) => svc.reopenEvaluation(ctx.db, ctx.user, input)),
});
