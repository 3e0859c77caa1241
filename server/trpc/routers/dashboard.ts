import 'server-only';
import { z } from 'zod';
import * as svc from '@/server/services/dashboard';
import { procedureFor, router } from '../init';

export const dashboardRouter = router({
  admin: procedureFor('dashboard.admin')
    .input(z.object({}).optional())
    .query(({ ctx }) => svc.adminOverview(ctx.db)),
  assessor: procedureFor('dashboard.assessor')
    .input(z.object({}).optional())
    .query(({ ctx }) => svc.assessorOverview(ctx.db, ctx.user)),
});
