import 'server-only';
import { z } from 'zod';
import { id, indicatorInputSchema, indicatorListSchema, unitInputSchema } from '@/core/schemas/method';
import * as svc from '@/server/services/indicators';
import { procedureFor, router } from '../init';

export const indicatorsRouter = router({
  list: procedureFor('indicators.list')
    .input(indicatorListSchema)
    .query(({ ctx, input }) => svc.listIndicators(ctx.db, input)),
  get: procedureFor('indicators.read')
    .input(id)
    .query(({ ctx, input }) => svc.getIndicator(ctx.db, input.id)),
  create: procedureFor('indicators.create')
    .input(indicatorInputSchema)
    .mutation(({ ctx, input }) => svc.createIndicator(ctx.db, ctx.user, input)),
  update: procedureFor('indicators.update')
    .input(id.extend({ data: indicatorInputSchema }))
    .mutation(({ ctx, input }) => svc.updateIndicator(ctx.db, ctx.user, input.id, input.data)),
  // The units catalogue the editor picks from; adding a unit is part of editing the library.
  units: procedureFor('indicators.list').query(({ ctx }) => svc.listUnits(ctx.db)),
  createUnit: procedureFor('indicators.create')
    .input(unitInputSchema)
    .mutation(({ ctx, input }) => svc.createUnit(ctx.db, ctx.user, input)),
  setRetired: procedureFor('indicators.retire')
    .input(id.extend({ retired: z.boolean() }))
    .mutation(({ ctx, input }) => svc.setIndicatorRetired(ctx.db, ctx.user, input.id, input.retired)),
});
