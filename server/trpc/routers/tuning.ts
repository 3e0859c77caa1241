import 'server-only';
import { applyWeightsSchema, dataWeightsSchema, previewSchema } from '@/core/schemas/method';
import * as kpiSets from '@/server/services/kpi-sets';
import * as svc from '@/server/services/tuning';
import * as impact from '@/server/services/impact-preview';
import { requestImpactPreview } from '@/server/jobs/impact-preview';
import { procedureFor, router } from '../init';

export const tuningRouter = router({
  dataWeights: procedureFor('tuning.dataWeights')
    .input(dataWeightsSchema)
    .query(({ ctx, input }) => svc.dataWeights(ctx.db, input)),
  applyWeights: procedureFor('tuning.applyWeights')
    .input(applyWeightsSchema)
    .mutation(({ ctx, input }) => kpiSets.applyWeights(ctx.db, ctx.user, input)),
  // A page of the stored preview, or `ready: false`: then `startPreview` computes it as a job.
  preview: procedureFor('tuning.preview')
    .input(previewSchema)
    .query(({ ctx, input }) => impact.impactPreview(ctx.db, input)),
  startPreview: procedureFor('tuning.preview')
    .input(previewSchema)
    .mutation(({ ctx, input }) => requestImpactPreview(ctx.db, impact.checkImpactPreview(ctx.db, input), ctx.user.id)),
  // What the preview's own coverage says, read on its own for the weighting tab.
  indicatorValues: procedureFor('tuning.preview')
    .input(previewSchema)
    .query(({ ctx, input }) => svc.indicatorValues(ctx.db, input)),
  sensitivityBasis: procedureFor('tuning.sensitivity')
    .input(previewSchema)
    .query(({ ctx, input }) => svc.sensitivityBasis(ctx.db, input)),
});
