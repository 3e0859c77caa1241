// What the print pages (and so the PDFs) cite besides the scorecard: the publication date, the
// KPI-set version and its method hash.
import 'server-only';
import { z } from 'zod';
import { periodCodeParam } from '@/core/schemas/county-scorecard';
import * as publication from '@/server/services/scorecards/publication';
import { procedureFor, router } from '../init';

export const scorecardExportsRouter = router({
  /** The run that published a stakeholder's scores of a period. */
  publication: procedureFor('scorecards.read')
    .input(z.object({ stakeholderId: z.number().int().positive(), period: periodCodeParam }))
    .query(({ ctx, input }) => publication.scorecardPublication(ctx.db, ctx.user, input)),
  /** The runs that published a period (the county scorecard's methods). */
  periodPublication: procedureFor('scorecards.county')
    .input(z.object({ period: periodCodeParam }))
    .query(({ ctx, input }) => publication.periodPublication(ctx.db, ctx.user, input)),
});
