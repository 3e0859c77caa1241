// Input schemas of overrides: proposing one (an amount within bounds, a reason, and an explicit
// confirmation when it takes the run over budget), and a second administrator's decision.
import * as z from 'zod';
import { vmsg } from '@/core/domain/messages';
import { imsg, MAX_AMOUNT } from '@/core/eligibility';
import { reasonText } from './reason';

const id = z.number({ error: vmsg('validation.required') }).int().positive(vmsg('validation.required'));

export const overrideProposalSchema = z.object({
  determinationId: id,
  eligible: z.boolean(),
  amount: z
    .number({ error: imsg('number') })
    .finite(imsg('number'))
    .min(0, imsg('nonNegative'))
    .max(MAX_AMOUNT, imsg('tooLarge', { max: MAX_AMOUNT }))
    .nullish()
    .transform((v) => v ?? null),
  reason: reasonText,
  /** The proposer has seen that this override takes the run over its budget, and means it. */
  confirmOverBudget: z.boolean().default(false),
});
export type OverrideProposal = z.output<typeof overrideProposalSchema>;

export const overrideApprovalSchema = z.object({ overrideId: id, confirmOverBudget: z.boolean().default(false) });
export type OverrideApproval = z.output<typeof overrideApprovalSchema>;

export const overrideRejectionSchema = z.object({ overrideId: id, reason: reasonText });
export type OverrideRejection = z.output<typeof overrideRejectionSchema>;
