// Input schemas of the evaluation procedures (work list, entry, review) and the county dashboard.
// The values themselves are checked against the version's indicators in the service
// (core/domain/evaluation-values.ts); these check the shape.
import { z } from 'zod';
import { evaluationValuesInputSchema, returnReasonSchema } from '@/core/domain/evaluation-values';

const id = z.number().int().positive();

/** A period to show (default: the open one, else the latest). */
export const periodChoiceSchema = z.object({ periodId: id.optional() }).optional();
export type PeriodChoice = z.infer<typeof periodChoiceSchema>;

export const evaluationIdSchema = z.object({ id });
export const startEvaluationSchema = z.object({ stakeholderId: id });

/** A write names the revision it was made on, so nobody overwrites edits they have not seen. */
export const versionedSchema = z.object({ id, revision: z.number().int().min(0) });
export type Versioned = z.infer<typeof versionedSchema>;

export const saveEvaluationSchema = versionedSchema.extend({ values: evaluationValuesInputSchema });
export type SaveEvaluationInput = z.infer<typeof saveEvaluationSchema>;

export const submitEvaluationSchema = versionedSchema.extend({ values: evaluationValuesInputSchema.optional() });
export type SubmitEvaluationInput = z.infer<typeof submitEvaluationSchema>;

/** Returning a submitted evaluation, or reopening an approved one, says why. */
export const reasonedSchema = versionedSchema.extend({ reason: returnReasonSchema });
export type ReasonedInput = z.infer<typeof reasonedSchema>;
