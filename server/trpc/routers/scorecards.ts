import 'server-only';
import { z } from 'zod';
import * as county from '@/server/services/scorecards/county';
import * as stakeholder from '@/server/services/scorecards/stakeholder';
import { procedureFor, router } from '../init';

/** A period code such as 2026Q2 or 2025. */
const periodCode = z.string().trim().regex(/^\d{4}(Q[1-4])?$/, 'Enter a period code such as 2026Q2 or 2025.');

const scorecardInput = z
  .object({ stakeholderId: z.number().int().positive().optional(), period: periodCode.optional() })
  .optional()
  .transform((v) => v ?? {});

const countyInput = z
  .object({ countyId: z.number().int().positive().optional(), period: periodCode.optional() })
  .optional()
  .transform((v) => v ?? {});

export const scorecardsRouter = router({
  /** A stakeholder's scorecard (own for a stakeholder user; any in scope for assessors/admins). */
  get: procedureFor('scorecards.read').input(scorecardInput).query(({ ctx, input }) => stakeholder.getScorecard(ctx.db, ctx.user, input)),
  /** The path to the next grade band, computed by the engine. */
  nextBand: procedureFor('scorecards.read').input(scorecardInput).query(({ ctx, input }) => stakeholder.getNextBand(ctx.db, ctx.user, input)),
  /** Aggregates of one county for a published period. */
  county: procedureFor('scorecards.county').input(countyInput).query(({ ctx, input }) => county.getCountyScorecard(ctx.db, ctx.user, input)),
});
