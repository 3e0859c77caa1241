// Incentive programs (admin): list, read, create, update, export as program/v1, rule vocabulary.
// The router is the `incentives` namespace the pages call; what it guards is programs, so its
// actions are `programs.*` (running and reading eligibility has its own `eligibility.*` actions).
import 'server-only';
import { z } from 'zod';
import { programInputSchema } from '@/core/eligibility';
import * as svc from '@/server/services/incentives';
import { procedureFor, router } from '../init';

const id = z.object({ id: z.number().int().positive() });

export const incentivesRouter = router({
  list: procedureFor('programs.list').query(({ ctx }) => svc.listPrograms(ctx.db)),
  get: procedureFor('programs.read')
    .input(id)
    .query(({ ctx, input }) => svc.getProgram(ctx.db, input.id)),
  file: procedureFor('programs.read')
    .input(id)
    .query(({ ctx, input }) => svc.programFile(ctx.db, input.id)),
  vocabulary: procedureFor('programs.read').query(({ ctx }) => svc.ruleVocabulary(ctx.db)),
  create: procedureFor('programs.create')
    .input(programInputSchema)
    .mutation(({ ctx, input }) => svc.createProgram(ctx.db, ctx.user, input)),
  update: procedureFor('programs.update')
    .input(id.extend({ data: programInputSchema }))
    .mutation(({ ctx, input }) => svc.updateProgram(ctx.db, ctx.user, input.id, input.data)),
});
