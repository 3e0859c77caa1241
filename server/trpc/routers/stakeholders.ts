import 'server-only';
import { z } from 'zod';
import { stakeholderInputSchema } from '@/core/schemas/org';
import { stakeholderListSchema } from '@/core/schemas/lists';
import * as svc from '@/server/services/stakeholders';
import { procedureFor, router } from '../init';

const id = z.object({ id: z.number().int().positive() });

export const stakeholdersRouter = router({
  list: procedureFor('stakeholders.list')
    .input(stakeholderListSchema.prefault({}))
    .query(({ ctx, input }) => svc.listStakeholders(ctx.db, ctx.user, input)),
  get: procedureFor('stakeholders.read')
    .input(id)
    .query(({ ctx, input }) => svc.getStakeholder(ctx.db, ctx.user, input.id)),
  create: procedureFor('stakeholders.create')
    .input(stakeholderInputSchema)
    .mutation(({ ctx, input }) => svc.createStakeholder(ctx.db, ctx.user, input)),
  update: procedureFor('stakeholders.update')
    .input(id.extend({ data: stakeholderInputSchema }))
    .mutation(({ ctx, input }) => svc.updateStakeholder(ctx.db, ctx.user, input.id, input.data)),
  setActive: procedureFor('stakeholders.setActive')
    .input(id.extend({ active: z.boolean() }))
    .mutation(({ ctx, input }) => svc.setStakeholderActive(ctx.db, ctx.user, input.id, input.active)),
});
