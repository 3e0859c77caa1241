// The notes and evidence links of an import's planned rows (PlannedRow.texts), written after the
// rows' values in the import's own transaction. A text the file leaves empty keeps the stored one,
// as an empty value cell does; a value row that doesn't exist yet (a note for a missing value in a
// returned evaluation) is made without a value.
import 'server-only';
import type { Db } from '@/db';
import type { IndicatorDef } from '@/core/domain/evaluation-values';
import type { PlannedRow } from './plan';

/** `evaluationIds[i]` is the evaluation written for `planned[i]` (what runImport's writeRows returns). */
export function writeImportTexts(db: Db, defs: readonly IndicatorDef[], planned: readonly PlannedRow[], evaluationIds: readonly number[]): number {
  const upsert = db.$client.prepare(
    `insert into evaluation_values (evaluation_id, indicator_id, value, note, evidence_url) values (?, ?, null, ?, ?)
     on conflict (evaluation_id, indicator_id) do update set note = coalesce(excluded.note, note), evidence_url = coalesce(excluded.evidence_url, evidence_url)`,
  );
  let written = 0;
  planned.forEach((p, i) => {
    for (const t of p.texts ?? []) {
      upsert.run(evaluationIds[i]!, defs[t.indicator]!.id, t.note, t.evidenceUrl);
      written++;
    }
  });
  return written;
}
