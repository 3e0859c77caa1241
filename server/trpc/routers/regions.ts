import 'server-only';
import { z } from 'zod';

import * as svc from '@/server/services/regions';
import { procedureFor, router } from '../init';
import { REGION_LEVELS } from '@/core/domain/enums';
import { regionIdSchema, regionRenameSchema, regionRetireSchema, regionTreeSchema } from '@/core/schemas/regions';

export const regionsRouter = router({
  list: procedureFor('regions.list')
    .input(z.object({ level: z.enum(REGION_LEVELS).optional(), county: z.number().int().positive().optional() }))
    .query(({ ctx, input }) => svc.listRegions(ctx.db, ctx.user, input)),
  stakeholderTypes: procedureFor('stakeholderTypes.list')
    .input(z.object({}).optional())
    .query(({ ctx }) => svc.listStakeholderTypes(ctx.db)),
  tree: procedureFor('regions.tree')
    .input(regionTreeSchema)
    .query(({ ctx, input }) => svc.browseRegions(ctx.db, input)),
  rename: procedureFor('regions.rename')
    .input(regionRenameSchema)
    .mutation(({ ctx, input }) => svc.renameRegion(ctx.db, ctx.user, input)),
  setRetired: procedureFor('regions.setRetired')
    .input(regionRetireSchema)
    .mutation(({ ctx, input }) => svc.setRegionRetired(ctx.db, ctx.user, input)),
  delete: procedureFor('regions.delete')
    .input(regionIdSchema)
    .mutation(({ ctx, input }) => svc.deleteRegion(ctx.db, ctx.user, input.id)),
});
