import 'server-only';
import { z } from 'zod';

import * as svc from '@/server/services/regions';
import { procedureFor, router } from '../init';
import { REGION_LEVELS } from '@/core/domain/enums';

export const regionsRouter = router({
  list: procedureFor('regions.list')
    .input(z.object({ level: z.enum(REGION_LEVELS).optional() }))
    .query(({ ctx, input }) => svc.listRegions(ctx.db, ctx.user, input.level)),
  stakeholderTypes: procedureFor('stakeholderTypes.list')
    .input(z.object({}).optional())
    .query(({ ctx }) => svc.listStakeholderTypes(ctx.db)),
});
