import 'server-only';
import { z } from 'zod';
import * as svc from '@/server/services/dashboard';
import { procedureFor, router } from '../init';

export const dashboardRouter = router({
  admin: procedureFor('dashboard.admin')
    .input(z.object({ periodId: z.number().int().positive().optional() }).optional())
    .query(({ ctx, input }) => svc.adminOverview(ctx.db, input?.periodId)),
  assessor: procedureFor('dashboard.assessor')
    .input(z.object({}).optional())
    .query(({ ctx }) => svc.assessorOverview(ctx.db, ctx.user)),
});
