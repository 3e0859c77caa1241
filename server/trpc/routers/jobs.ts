// Jobs: the status, progress and outcome of long work started elsewhere (publish, runs, imports).
import 'server-only';
import { z } from 'zod';
import { JOB_KINDS } from '@/core/domain/enums';
import * as svc from '@/server/services/jobs';
import { procedureFor, router } from '../init';

export const jobsRouter = router({
  get: procedureFor('jobs.read')
    .input(z.object({ id: z.number().int().positive() }))
    .query(({ ctx, input }) => svc.getJob(ctx.db, ctx.user, input.id)),
  list: procedureFor('jobs.read')
    .input(z.object({ kind: z.enum(JOB_KINDS).optional() }).optional())
    .query(({ ctx, input }) => svc.listJobs(ctx.db, ctx.user, { kind: input?.kind })),
});
