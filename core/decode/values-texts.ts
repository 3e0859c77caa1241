// Notes and evidence links read with the values (the `<indicator>:note` and `:evidence` columns):
// checked by the form's own rules, so that what an import stores the form would have accepted.
import { EVIDENCE_URL, NOTE_MAX, URL_MAX } from '@/core/domain/evaluation-values';
import type { DecodeProblemCode, ProblemParams } from './problems';

/** By `matrix row × k + indicator index`: only the cells that have a text. */
export type RowTexts = { notes: Map<number, string>; evidence: Map<number, string> };

/** What is wrong with a note or an evidence link (already trimmed), or null. */
export function textProblem(kind: 'note' | 'evidence', text: string): { code: DecodeProblemCode; params: ProblemParams } | null {
  const max = kind === 'note' ? NOTE_MAX : URL_MAX;
  if (text.length > max) return { code: 'text_too_long', params: { max, length: text.length } };
  if (kind === 'evidence' && !EVIDENCE_URL.test(text)) return { code: 'evidence_not_url', params: { value: text.length > 60 ? `${text.slice(0, 60)}…` : text } };
  return null;
}
