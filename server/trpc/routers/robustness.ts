// Robustness checks of eligibility runs (admin): start one (a job), read the latest with its
// fragile determinations a page at a time, and one determination's stability.
import 'server-only';
import { z } from 'zod';
import { fragileListSchema, robustnessStartSchema } from '@/core/schemas/robustness';
import * as svc from '@/server/services/robustness';
import { startJob } from '@/server/jobs/runner';
import { procedureFor, router } from '../init';

export const robustnessRouter = router({
  start: procedureFor('robustness.start')
    .input(robustnessStartSchema)
    .mutation(({ ctx, input }) => {
      const job = svc.prepareCheck(ctx.db, input);
      return { ...startJob(ctx.db, { kind: 'eligibility.robustness', input: job, startedBy: ctx.user.id }), seed: job.seed };
    }),
  get: procedureFor('robustness.read')
    .input(fragileListSchema)
    .query(({ ctx, input }) => svc.getRobustness(ctx.db, input)),
  determination: procedureFor('robustness.read')
    .input(z.object({ determinationId: z.number().int().positive() }))
    .query(({ ctx, input }) => svc.determinationRobustness(ctx.db, input.determinationId)),
});
