// Input schemas of the evaluation procedures (work list, entry, review) and the county dashboard.
// The values themselves are checked against the version's indicators in the service
// (core/domain/evaluation-values.ts); these check the shape.
import * as z from 'zod';
import { ENTRY_FIELDS } from '@/core/domain/evaluation-merge';
import { evaluationValuesInputSchema, NOTE_MAX } from '@/core/domain/evaluation-values';
import { reasonText } from './reason';
import { RETURN_COMMENT_MAX } from './evaluation-limits';
import { optionalText } from './text-fields';

const id = z.number().int().positive();

/** A period to show (default: the open one, else the latest). */
export const periodChoiceSchema = z.object({ periodId: id.optional() }).optional();
export type PeriodChoice = z.infer<typeof periodChoiceSchema>;

/** One county's townships on the dashboard, for a period. */
export const countyTownshipsSchema = z.object({ periodId: id, countyId: id });
export type CountyTownshipsInput = z.infer<typeof countyTownshipsSchema>;

export const evaluationIdSchema = z.object({ id });
export const startEvaluationSchema = z.object({ stakeholderId: id });

/** A write names the revision it was made on, so nobody overwrites edits they have not seen. */
export const versionedSchema = z.object({ id, revision: z.number().int().min(0) });
export type Versioned = z.infer<typeof versionedSchema>;

const fieldText = z.union([z.number(), z.string().max(NOTE_MAX * 2), z.null()]);

/** A field the user changed, with the value it started from (see core/domain/evaluation-merge.ts). */
export const fieldChangeSchema = z.object({ code: z.string().max(64), field: z.enum(ENTRY_FIELDS), base: fieldText, value: fieldText });

/**
 * Saving a draft: either whole entries written on the named revision (scripts, tests: a stale
 * revision is a CONFLICT), or the form's changed fields merged field by field into whatever is
 * stored now (`revision` is then the one the form was showing, for the audit).
 */
export const saveEvaluationSchema = z.union([
  versionedSchema.extend({ changes: z.array(fieldChangeSchema).max(5000) }),
  versionedSchema.extend({ values: evaluationValuesInputSchema }),
]);
export type SaveEvaluationInput = z.infer<typeof saveEvaluationSchema>;

export const submitEvaluationSchema = versionedSchema.extend({ values: evaluationValuesInputSchema.optional() });
export type SubmitEvaluationInput = z.infer<typeof submitEvaluationSchema>;

/** Returning a submitted evaluation, or reopening an approved one, says why. */
export const reasonedSchema = versionedSchema.extend({ reason: reasonText });
export type ReasonedInput = z.infer<typeof reasonedSchema>;

export { RETURN_COMMENT_MAX };

/** A return may also say, per indicator code, what to look at there; blank comments are dropped. */
export const returnEvaluationSchema = reasonedSchema.extend({
  comments: z.record(z.string().max(64), optionalText(RETURN_COMMENT_MAX)).optional(),
});
export type ReturnEvaluationInput = z.infer<typeof returnEvaluationSchema>;
