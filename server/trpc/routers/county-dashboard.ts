import 'server-only';
import { countyTownshipsSchema, periodChoiceSchema } from '@/core/schemas/evaluations';
import { countyDashboard, countyTownships } from '@/server/services/county-dashboard';
import { procedureFor, router } from '../init';

export const countyDashboardRouter = router({
  get: procedureFor('countyDashboard.read')
    .input(periodChoiceSchema)
    .query(({ ctx, input }) => countyDashboard(ctx.db, ctx.user, input)),
  townships: procedureFor('countyDashboard.read')
    .input(countyTownshipsSchema)
    .query(({ ctx, input }) => countyTownships(ctx.db, ctx.user, input)),
});
