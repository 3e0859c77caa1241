// The one rule for a reason, wherever one is asked (excluding evaluations from a publish,
// reopening a period or an evaluation, returning an evaluation, proposing or rejecting an
// override): at least REASON_MIN characters once trimmed, so "ok" or five spaces never pass for one.
import { z } from 'zod';
import { vmsg } from '@/core/domain/messages';

export const REASON_MIN = 5;
export const REASON_MAX = 1000;

export const reasonText = z
  .string({ error: vmsg('validation.reason', { min: REASON_MIN }) })
  .trim()
  .min(REASON_MIN, vmsg('validation.reason', { min: REASON_MIN }))
  .max(REASON_MAX, vmsg('validation.tooLong', { max: REASON_MAX }));

/** The message a form shows under a reason field (a catalog key), or null when it will do. */
export function reasonProblem(reason: string): string | null {
  const r = reasonText.safeParse(reason);
  return r.success ? null : r.error.issues[0]!.message;
}
