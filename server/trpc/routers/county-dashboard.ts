import 'server-only';
import { periodChoiceSchema } from '@/core/schemas/evaluations';
import { countyDashboard } from '@/server/services/county-dashboard';
import { procedureFor, router } from '../init';

export const countyDashboardRouter = router({
  get: procedureFor('countyDashboard.read')
    .input(periodChoiceSchema)
    .query(({ ctx, input }) => countyDashboard(ctx.db, ctx.user, input)),
});
