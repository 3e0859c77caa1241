import 'server-only';
import { revisionPeriodSchema, revisionPublishSchema } from '@/core/schemas/revisions';
import * as svc from '@/server/services/revisions';
import { startJob } from '@/server/jobs/runner';
import { procedureFor, router } from '../init';

export const revisionsRouter = router({
  overview: procedureFor('revisions.read')
    .input(revisionPeriodSchema)
    .query(({ ctx, input }) => svc.revisionOverview(ctx.db, input.periodId)),
  // Both are long work over a province: checked here, run by a job.
  preview: procedureFor('revisions.preview')
    .input(revisionPeriodSchema)
    .mutation(({ ctx, input }) => {
      svc.checkRevisionPreview(ctx.db, input.periodId);
      return startJob(ctx.db, { kind: 'revision.preview', input, startedBy: ctx.user.id, exclusiveBy: 'periodId' });
    }),
  publish: procedureFor('revisions.publish')
    .input(revisionPublishSchema)
    .mutation(({ ctx, input }) => {
      svc.checkRevisionPublish(ctx.db, input);
      return startJob(ctx.db, { kind: 'revision.publish', input, startedBy: ctx.user.id, exclusiveBy: 'periodId' });
    }),
});
