// The KPI-set editor's check, apart from the editor so that it loads with the first edit: it is the
// server's own (validateKpiSet on the document the draft describes) and brings the schema library
// with it. A stored draft has passed it already, so an editor only looked at never needs it.
import { validateKpiSet } from '@/core/scoring/format';
import { draftToDocument, fieldKeyOfPath, type DraftCatalog, type DraftContent } from '@/core/schemas/method';

/** The draft's problems as catalog keys, by field key (`_` for the document as a whole), the first per field. */
export function draftProblems(content: DraftContent, catalog: DraftCatalog): Record<string, string> {
  const checked = validateKpiSet(draftToDocument(content, catalog));
  const out: Record<string, string> = {};
  if (!checked.ok) for (const e of checked.errors) out[fieldKeyOfPath(e.path) || '_'] ??= e.key;
  return out;
}
