// The one rule for a reason, wherever one is asked (excluding evaluations from a publish,
// reopening a period or an evaluation, returning an evaluation, proposing or rejecting an
// override): at least REASON_MIN characters once trimmed, so "ok" or five spaces never pass for one.
// zod/mini: the browser's reason fields check with this schema, and the mini API keeps the full
// schema library out of their pages (the issues and messages are the same as zod's).
import * as z from 'zod/mini';
import { vmsg } from '@/core/domain/messages';

export const REASON_MIN = 5;
export const REASON_MAX = 1000;

export const reasonText = z
  .string({ error: vmsg('validation.reason', { min: REASON_MIN }) })
  .check(z.trim(), z.minLength(REASON_MIN, vmsg('validation.reason', { min: REASON_MIN })), z.maxLength(REASON_MAX, vmsg('validation.tooLong', { max: REASON_MAX })));

/** The message a form shows under a reason field (a catalog key), or null when it will do. */
export function reasonProblem(reason: string): string | null {
  const r = reasonText.safeParse(reason);
  return r.success ? null : r.error.issues[0]!.message;
}
