// The scorecard's what-if: which stakeholder and period, and the values to try, by indicator code
// (null: as if the value were missing). Each value's valid range is checked by the service against
// its indicator (core/domain/evaluation-values.ts), with the same messages as the evaluation form.
import * as z from 'zod';
import { vmsg } from '@/core/domain/messages';
import { periodCodeParam } from './county-scorecard';

/** More values than any KPI set has indicators is not a what-if. */
export const WHAT_IF_MAX_VALUES = 200;

export const whatIfSchema = z.object({
  stakeholderId: z.number().int().positive().optional(),
  period: periodCodeParam.optional(),
  values: z
    .record(z.string().min(1).max(64), z.number({ error: vmsg('whatIf.errors.notNumber') }).finite(vmsg('whatIf.errors.notNumber')).nullable())
    .refine((v) => Object.keys(v).length <= WHAT_IF_MAX_VALUES, vmsg('whatIf.errors.tooMany', { max: WHAT_IF_MAX_VALUES })),
});
export type WhatIfParams = z.output<typeof whatIfSchema>;
