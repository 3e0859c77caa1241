import 'server-only';
import { id, periodCreateSchema, periodPublishSchema, reasonSchema } from '@/core/schemas/method';
import { periodDueDateSchema } from '@/core/schemas/work-queue';
import { periodAppealDaysSchema } from '@/core/schemas/appeals';
import * as svc from '@/server/services/periods';
import { startJob } from '@/server/jobs/runner';
import { procedureFor, router } from '../init';

export const periodsRouter = router({
  list: procedureFor('periods.list').query(({ ctx }) => svc.listPeriodsWithCounts(ctx.db)),
  create: procedureFor('periods.create')
    .input(periodCreateSchema)
    .mutation(({ ctx, input }) => svc.createPeriod(ctx.db, ctx.user, input)),
  close: procedureFor('periods.close')
    .input(id)
    .mutation(({ ctx, input }) => svc.closePeriod(ctx.db, ctx.user, input.id)),
  reopen: procedureFor('periods.reopen')
    .input(reasonSchema)
    .mutation(({ ctx, input }) => svc.reopenPeriod(ctx.db, ctx.user, input.id, input.reason)),
  setDueDate: procedureFor('periods.setDueDate')
    .input(periodDueDateSchema)
    .mutation(({ ctx, input }) => svc.setPeriodDueDate(ctx.db, ctx.user, input)),
  setAppealDays: procedureFor('periods.setAppealDays')
    .input(periodAppealDaysSchema)
    .mutation(({ ctx, input }) => svc.setPeriodAppealDays(ctx.db, ctx.user, input)),
  unapproved: procedureFor('periods.unapproved')
    .input(id)
    .query(({ ctx, input }) => svc.unapprovedEvaluations(ctx.db, input.id)),
  // Publishing scores every evaluation of the period: checked here, written by a job.
  publish: procedureFor('periods.publish')
    .input(periodPublishSchema)
    .mutation(({ ctx, input }) => {
      svc.checkPublish(ctx.db, input);
      return startJob(ctx.db, { kind: 'period.publish', input, startedBy: ctx.user.id, exclusiveBy: 'id' });
    }),
});
