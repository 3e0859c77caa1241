// Appeals of published values: the filing form and filing, the reviewers' steps, the lists (own,
// in scope) and the administrators' overview. Scope and the four-eyes rules are the service's.
import 'server-only';
import { z } from 'zod';
import { vmsg } from '@/core/domain/messages';
import { appealIdSchema, appealListSchema, appealOverviewSchema, fileAppealSchema, proposeAppealSchema, sendBackAppealSchema } from '@/core/schemas/appeals';
import * as svc from '@/server/services/appeals';
import { procedureFor, router } from '../init';

const positiveId = z.number({ error: vmsg('validation.required') }).int().positive(vmsg('validation.required'));
const periodCode = z.string().trim().min(1, vmsg('validation.required')).max(16);
const stakeholderPeriod = z.object({ stakeholderId: positiveId, period: periodCode });

export const appealsRouter = router({
  window: procedureFor('appeals.read')
    .input(stakeholderPeriod)
    .query(({ ctx, input }) => svc.appealWindow(ctx.db, ctx.user, input)),
  form: procedureFor('appeals.file')
    .input(z.object({ stakeholderId: positiveId, period: periodCode.optional() }))
    .query(({ ctx, input }) => svc.appealForm(ctx.db, ctx.user, input)),
  file: procedureFor('appeals.file')
    .input(fileAppealSchema)
    .mutation(({ ctx, input }) => svc.fileAppeal(ctx.db, ctx.user, input)),
  get: procedureFor('appeals.read')
    .input(appealIdSchema)
    .query(({ ctx, input }) => svc.getAppeal(ctx.db, ctx.user, input.appealId)),
  list: procedureFor('appeals.read')
    .input(appealListSchema)
    .query(({ ctx, input }) => svc.listAppeals(ctx.db, ctx.user, input)),
  work: procedureFor('appeals.decide').query(({ ctx }) => svc.appealWork(ctx.db, ctx.user)),
  propose: procedureFor('appeals.propose')
    .input(proposeAppealSchema)
    .mutation(({ ctx, input }) => svc.proposeAppeal(ctx.db, ctx.user, input)),
  sendBack: procedureFor('appeals.decide')
    .input(sendBackAppealSchema)
    .mutation(({ ctx, input }) => svc.sendBackAppeal(ctx.db, ctx.user, input)),
  confirm: procedureFor('appeals.decide')
    .input(appealIdSchema)
    .mutation(({ ctx, input }) => svc.confirmAppeal(ctx.db, ctx.user, input)),
  withdraw: procedureFor('appeals.withdraw')
    .input(appealIdSchema)
    .mutation(({ ctx, input }) => svc.withdrawAppeal(ctx.db, ctx.user, input)),
  overview: procedureFor('appeals.overview')
    .input(appealOverviewSchema)
    .query(({ ctx, input }) => svc.appealOverview(ctx.db, input)),
});
