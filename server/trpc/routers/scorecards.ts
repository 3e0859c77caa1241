import 'server-only';
import { z } from 'zod';
import { countyScorecardSchema, periodCodeParam } from '@/core/schemas/county-scorecard';
import { whatIfSchema } from '@/core/schemas/what-if';
import * as county from '@/server/services/scorecards/county';
import * as stakeholder from '@/server/services/scorecards/stakeholder';
import { procedureFor, router } from '../init';

const scorecardInput = z
  .object({ stakeholderId: z.number().int().positive().optional(), period: periodCodeParam.optional() })
  .optional()
  .transform((v) => v ?? {});

// The county and period, and the page of its stakeholder list.
const countyInput = countyScorecardSchema.optional().transform((v) => v ?? countyScorecardSchema.parse({}));

export const scorecardsRouter = router({
  /** A stakeholder's scorecard (own for a stakeholder user; any in scope for assessors/admins). */
  get: procedureFor('scorecards.read').input(scorecardInput).query(({ ctx, input }) => stakeholder.getScorecard(ctx.db, ctx.user, input)),
  /** The path to the next grade band, computed by the engine. */
  nextBand: procedureFor('scorecards.read').input(scorecardInput).query(({ ctx, input }) => stakeholder.getNextBand(ctx.db, ctx.user, input)),
  /** The scorecard re-scored with some values changed, peers held fixed: composite, grade, programs. */
  whatIf: procedureFor('scorecards.read').input(whatIfSchema).query(({ ctx, input }) => stakeholder.getWhatIf(ctx.db, ctx.user, input)),
  /** Aggregates of one county for a published period, and one page of its stakeholders. */
  county: procedureFor('scorecards.county').input(countyInput).query(({ ctx, input }) => county.getCountyScorecard(ctx.db, ctx.user, input)),
});
