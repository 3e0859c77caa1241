// Text fields of the input schemas (forms, procedures and portable files alike): trimmed,
// length-limited, their messages catalog keys (vmsg) so an error reads in both languages.
import * as z from 'zod';
import { vmsg } from '@/core/domain/messages';

/** A text that must not be blank once trimmed. */
export const requiredText = (max: number) =>
  z
    .string({ error: vmsg('validation.required') })
    .trim()
    .min(1, vmsg('validation.required'))
    .max(max, vmsg('validation.tooLong', { max }));

/** A text that may be left out: blank, null and missing all become null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, vmsg('validation.tooLong', { max }))
    .nullish()
    .transform((s) => (s ? s : null));
