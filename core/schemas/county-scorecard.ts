// The county scorecard's parameters: which county and period, and the page of its stakeholder
// list (sort, filters, page), read from the page's URL and taken by the procedure alike.
import * as z from 'zod';
import { STAKEHOLDER_TYPES } from '@/core/domain/enums';
import { idFilter, listParamsSchema } from './list-params';

/** A period code such as 2026Q2 or 2025. */
export const periodCodeParam = z.string().trim().regex(/^\d{4}(Q[1-4])?$/, 'Enter a period code such as 2026Q2 or 2025.');

/** `type`: by type, the best first within each (the scorecard's own order). */
export const COUNTY_STAKEHOLDER_SORTS = ['code', 'type', 'name', 'composite'] as const;

export const countyScorecardSchema = listParamsSchema(COUNTY_STAKEHOLDER_SORTS, {
  countyId: idFilter,
  period: periodCodeParam.optional(),
  type: z.enum(STAKEHOLDER_TYPES).optional(),
  townshipId: idFilter,
});
export type CountyScorecardParams = z.output<typeof countyScorecardSchema>;
