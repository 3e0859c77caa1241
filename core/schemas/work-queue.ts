// Inputs of the work list's own actions: submitting a selection of drafts, and a period's due date.
import * as z from 'zod';
import { vmsg } from '@/core/domain/messages';
import { PAGE_SIZE_MAX } from './list-params';

const id = z.number().int().positive();

/** The selected rows of one page (at most a page's worth), each on the revision the list showed. */
export const submitDraftsSchema = z.object({
  items: z.array(z.object({ id, revision: z.number().int().min(0) })).min(1).max(PAGE_SIZE_MAX),
});
export type SubmitDraftsInput = z.infer<typeof submitDraftsSchema>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, vmsg('validation.dueDate'))
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), vmsg('validation.dueDate'));

/** A period's due date for entry, or null to clear it (on or after the period's start: checked by the service). */
export const periodDueDateSchema = z.object({ id, dueOn: isoDate.nullable() });
export type PeriodDueDateInput = z.infer<typeof periodDueDateSchema>;
