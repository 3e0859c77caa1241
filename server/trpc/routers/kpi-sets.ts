import 'server-only';
import { z } from 'zod';
import { importVersionSchema, publishVersionSchema, saveDraftSchema } from '@/core/schemas/method';
import * as svc from '@/server/services/kpi-sets';
import { procedureFor, router } from '../init';

const versionId = z.object({ versionId: z.number().int().positive() });

export const kpiSetsRouter = router({
  list: procedureFor('kpiSets.list').query(({ ctx }) => svc.listKpiSets(ctx.db)),
  version: procedureFor('kpiSets.read')
    .input(versionId)
    .query(({ ctx, input }) => svc.getVersion(ctx.db, input.versionId)),
  createDraft: procedureFor('kpiSets.createDraft')
    .input(z.object({ kpiSetId: z.number().int().positive() }))
    .mutation(({ ctx, input }) => svc.createDraft(ctx.db, ctx.user, input.kpiSetId)),
  saveDraft: procedureFor('kpiSets.saveDraft')
    .input(saveDraftSchema)
    .mutation(({ ctx, input }) => svc.saveDraft(ctx.db, ctx.user, input.versionId, input.content)),
  discardDraft: procedureFor('kpiSets.discardDraft')
    .input(versionId)
    .mutation(({ ctx, input }) => svc.discardDraft(ctx.db, ctx.user, input.versionId)),
  publish: procedureFor('kpiSets.publish')
    .input(publishVersionSchema)
    .mutation(({ ctx, input }) => svc.publishVersion(ctx.db, ctx.user, input)),
  diff: procedureFor('kpiSets.diff')
    .input(z.object({ fromVersionId: z.number().int().positive(), toVersionId: z.number().int().positive() }))
    .query(({ ctx, input }) => svc.diffVersions(ctx.db, input.fromVersionId, input.toVersionId)),
  export: procedureFor('kpiSets.export')
    .input(versionId)
    .query(({ ctx, input }) => svc.exportVersion(ctx.db, input.versionId)),
  import: procedureFor('kpiSets.import')
    .input(importVersionSchema)
    .mutation(({ ctx, input }) => svc.importVersion(ctx.db, ctx.user, input.kpiSetId, input.text)),
});
