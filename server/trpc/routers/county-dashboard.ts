import 'server-only';
import { z } from 'zod';
import * as svc from '@/server/services/county-dashboard';
import { procedureFor, router } from '../init';

export const countyDashboardRouter = router({
  get: procedureFor('countyDashboard.read')
    .input(z.object({ periodId: z.number().int().positive().optional() }).optional())
    .query(({ ctx, input }) => svc.countyDashboard(ctx.db, ctx.user, input ?? {})),
});
