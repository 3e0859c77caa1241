// The parameters of each paged list: its sort keys and filters, built on list-params.ts. Pages read
// them from their URL, procedures take them as input: one schema for both. Their keys are in
// list-shapes.ts, which the browser links with.
import * as z from 'zod';
import { ROLES, STAKEHOLDER_TYPES } from '@/core/domain/enums';
import { WORK_STATUSES } from '@/core/domain/evaluation-workflow';
import { WORK_VIEWS } from '@/core/domain/work-views';
import { flagFilter, idFilter, listSchemaOf, textFilter } from './list-params';
import { auditListBaseShape, DETERMINATION_OUTCOMES, determinationListShape, stakeholderListShape, userListShape, workListShape } from './list-shapes';

export { DETERMINATION_OUTCOMES };

export const stakeholderListSchema = listSchemaOf(stakeholderListShape, {
  search: textFilter,
  type: z.enum(STAKEHOLDER_TYPES).optional(),
  regionId: idFilter,
  includeInactive: flagFilter,
});
export type StakeholderListParams = z.output<typeof stakeholderListSchema>;

export const userListSchema = listSchemaOf(userListShape, {
  search: textFilter,
  role: z.enum(ROLES).optional(),
});
export type UserListParams = z.output<typeof userListSchema>;

export const workListSchema = listSchemaOf(workListShape, {
  periodId: idFilter,
  search: textFilter,
  status: z.enum(WORK_STATUSES).optional(),
  type: z.enum(STAKEHOLDER_TYPES).optional(),
  /** A county or township: its stakeholders and those below it. */
  regionId: idFilter,
  /** Whose turn: to enter, returned to me, waiting for my review, mine awaiting review (core/domain/work-views.ts). */
  view: z.enum(WORK_VIEWS).optional(),
});
export type WorkListParams = z.output<typeof workListSchema>;

export const determinationListSchema = listSchemaOf(determinationListShape, {
  runId: z.coerce.number().int().positive(),
  search: textFilter,
  outcome: z.enum(DETERMINATION_OUTCOMES).optional(),
  countyCode: z.string().trim().regex(/^\d{6}$/).optional(),
});
export type DeterminationListParams = z.output<typeof determinationListSchema>;

/** A calendar day that exists (2026-02-30 does not); empty means no filter. */
const auditDay = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : undefined))
  .refine((s) => {
    if (s === undefined) return true;
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T00:00:00Z`) : NaN;
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(s);
  });

// The audit log grows by every write, so it pages by key, newest first: `before` (older than that
// id) or `after` (newer than it) instead of a page number, which would cost every row it skips.
export const auditListSchema = listSchemaOf(auditListBaseShape, {
  entity: z.string().trim().max(40).regex(/^[a-z_]*$/).optional().transform((s) => (s ? s : undefined)),
  action: z.string().trim().max(60).regex(/^[A-Za-z_.]*$/).optional().transform((s) => (s ? s : undefined)),
  actor: textFilter,
  entityId: z.string().trim().max(60).optional().transform((s) => (s ? s : undefined)),
  /** The first and last day shown (ISO dates, Beijing time, both included). */
  from: auditDay,
  to: auditDay,
  before: idFilter,
  after: idFilter,
}).omit({ page: true, sort: true, dir: true });
export type AuditListParams = z.output<typeof auditListSchema>;
