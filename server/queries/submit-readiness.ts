// Whether evaluations could be submitted as they are stored: their values checked with the submit
// rules (complete, in range, evidence where required). Batches read the values once per chunk and
// build each version's definitions and schema once, so a page or a bulk submit costs its rows.
import 'server-only';
import { inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { evaluations } from '@/db/schema';
import { evaluationValuesSchema, type EvaluationValues, type IndicatorDef, type ValuesMode } from '@/core/domain/evaluation-values';
import { fieldErrorsOf } from '@/core/schemas/field-errors';
import { indicatorDefs } from './evaluations';
import { loadKpiSetVersion } from './kpi-documents';

/** Bound parameters per `in (…)` list: well below SQLite's limit. */
const CHUNK = 500;

/** The indicator definitions of each version, loaded once per batch. */
export function defsCache(db: DbOrTx): (versionId: number) => IndicatorDef[] {
  const cache = new Map<number, IndicatorDef[]>();
  return (versionId) => {
    let defs = cache.get(versionId);
    if (!defs) cache.set(versionId, (defs = indicatorDefs(db, loadKpiSetVersion(db, versionId))));
    return defs;
  };
}

/** The stored values of the evaluations, by evaluation id and indicator code (one prepared read per chunk). */
export function storedValuesOf(db: Db, ids: readonly number[]): Map<number, EvaluationValues> {
  const out = new Map<number, EvaluationValues>();
  const read = db.$client
    .prepare<[string], [number, string, number | null, string | null, string | null]>(
      `select v.evaluation_id, i.code, v.value, v.note, v.evidence_url from evaluation_values v join indicators i on i.id = v.indicator_id
       where v.evaluation_id in (select value from json_each(?))`,
    )
    .raw();
  for (let i = 0; i < ids.length; i += 10 * CHUNK) {
    for (const [e, code, value, note, evidenceUrl] of read.all(JSON.stringify(ids.slice(i, i + 10 * CHUNK)))) {
      let values = out.get(e);
      if (!values) out.set(e, (values = {}));
      values[code] = { value, note, evidenceUrl };
    }
  }
  return out;
}

/** The values schema of each definition list and mode, built once (building one costs more than a check). */
const schemas = new WeakMap<readonly IndicatorDef[], Map<ValuesMode, ReturnType<typeof evaluationValuesSchema>>>();
export function schemaFor(defs: readonly IndicatorDef[], mode: ValuesMode) {
  let byMode = schemas.get(defs);
  if (!byMode) schemas.set(defs, (byMode = new Map()));
  let schema = byMode.get(mode);
  if (!schema) byMode.set(mode, (schema = evaluationValuesSchema(defs, mode)));
  return schema;
}

/** How many fields of each evaluation need attention before it can be submitted (0: it can be). */
export function submitReadiness(db: Db, ids: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  if (ids.length === 0) return out;
  const defsOf = defsCache(db);
  const stored = storedValuesOf(db, ids);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = db.select({ id: evaluations.id, versionId: evaluations.kpiSetVersionId }).from(evaluations).where(inArray(evaluations.id, ids.slice(i, i + CHUNK))).all();
    for (const r of rows) {
      const parsed = schemaFor(defsOf(r.versionId), 'submit').safeParse(stored.get(r.id) ?? {});
      out.set(r.id, parsed.success ? 0 : Object.keys(fieldErrorsOf(parsed.error.issues)).length);
    }
  }
  return out;
}
