import 'server-only';
import {
  evaluationIdSchema,
  reasonedSchema,
  returnEvaluationSchema,
  saveEvaluationSchema,
  startEvaluationSchema,
  submitEvaluationSchema,
  versionedSchema,
} from '@/core/schemas/evaluations';
import { workListSchema } from '@/core/schemas/lists';
import { submitDraftsSchema } from '@/core/schemas/work-queue';
import { submitCompleteDrafts } from '@/server/services/evaluations/bulk-review';
import { getEvaluation } from '@/server/services/evaluations/loading';
import { workList } from '@/server/services/evaluations/work-list';
import { approveEvaluation, reopenEvaluation, returnEvaluation, saveEvaluation, startEvaluation, submitEvaluation } from '@/server/services/evaluations/workflow';
import { procedureFor, router } from '../init';

export const evaluationsRouter = router({
  workList: procedureFor('evaluations.list')
    .input(workListSchema.prefault({}))
    .query(({ ctx, input }) => workList(ctx.db, ctx.user, input)),
  get: procedureFor('evaluations.read')
    .input(evaluationIdSchema)
    .query(({ ctx, input }) => getEvaluation(ctx.db, ctx.user, input.id)),
  start: procedureFor('evaluations.start')
    .input(startEvaluationSchema)
    .mutation(({ ctx, input }) => startEvaluation(ctx.db, ctx.user, input.stakeholderId)),
  save: procedureFor('evaluations.save')
    .input(saveEvaluationSchema)
    .mutation(({ ctx, input }) => saveEvaluation(ctx.db, ctx.user, input)),
  submit: procedureFor('evaluations.submit')
    .input(submitEvaluationSchema)
    .mutation(({ ctx, input }) => submitEvaluation(ctx.db, ctx.user, input)),
  // The work list's bulk submit: the complete ones of the selected drafts; the rest are named with the reason.
  submitDrafts: procedureFor('evaluations.submit')
    .input(submitDraftsSchema)
    .mutation(({ ctx, input }) => submitCompleteDrafts(ctx.db, ctx.user, input.items)),
  approve: procedureFor('evaluations.review')
    .input(versionedSchema)
    .mutation(({ ctx, input }) => approveEvaluation(ctx.db, ctx.user, input)),
  return: procedureFor('evaluations.review')
    .input(returnEvaluationSchema)
    .mutation(({ ctx, input }) => returnEvaluation(ctx.db, ctx.user, input)),
  reopen: procedureFor('evaluations.reopen')
    .input(reasonedSchema)
    .mutation(({ ctx, input }) => reopenEvaluation(ctx.db, ctx.user, input)),
});
