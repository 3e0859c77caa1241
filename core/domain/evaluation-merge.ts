// Field-by-field merge of an evaluation's values: the form sends only the fields its user changed,
// each with the value it started from (its base). A field nobody else touched since that base takes
// the new value; a field someone else changed meanwhile is a conflict for that field alone, so two
// people editing different fields of one evaluation never overwrite each other. Runs in the save
// service (server) and decides what the form (client) counts as changed.
import type { EvaluationValues, ValueEntry } from './evaluation-values';
import { parseValueText } from './value-checks';

export const ENTRY_FIELDS = ['value', 'note', 'evidenceUrl'] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

/** A field as typed or stored: a number, a text (a value as typed), or nothing. */
export type FieldText = number | string | null;

/** One changed field: what it was when the user started (`base`) and what they want (`value`). */
export type FieldChange = { code: string; field: EntryField; base: FieldText; value: FieldText };

/** A field both sides changed since the user's base: the stored (`theirs`) and the sent (`mine`) one. */
export type FieldConflict = { code: string; field: EntryField; theirs: FieldText; mine: FieldText };

/** A field in the form it is stored in: values parsed (text that is no number kept as text), texts trimmed, empty → null. */
export function normalizeField(field: EntryField, v: FieldText | undefined): number | string | null {
  if (v === null || v === undefined) return null;
  if (field === 'value') {
    if (typeof v === 'number') return v;
    const n = parseValueText(v);
    return n === null ? null : Number.isNaN(n) ? v.trim() : n;
  }
  const s = String(v).trim();
  return s === '' ? null : s;
}

export function sameField(field: EntryField, a: FieldText | undefined, b: FieldText | undefined): boolean {
  return normalizeField(field, a) === normalizeField(field, b);
}

const EMPTY: ValueEntry = { value: null, note: null, evidenceUrl: null };

/**
 * Applies the changes to the stored values: `entries` holds the whole entry of every indicator a
 * change applies to (the stored entry with the changed fields replaced), to be checked and
 * written; `conflicts` the fields changed on both sides to different values. A change the stored
 * copy already holds is neither.
 */
export function mergeChanges(stored: EvaluationValues, changes: readonly FieldChange[]) {
  const entries: Record<string, { value: FieldText; note: string | null; evidenceUrl: string | null }> = {};
  const conflicts: FieldConflict[] = [];
  for (const c of changes) {
    const current = stored[c.code]?.[c.field] ?? null;
    if (sameField(c.field, current, c.value)) continue;
    if (!sameField(c.field, current, c.base)) {
      conflicts.push({ code: c.code, field: c.field, theirs: current, mine: c.value });
      continue;
    }
    const entry = (entries[c.code] ??= { ...(stored[c.code] ?? EMPTY) });
    if (c.field === 'value') entry.value = c.value;
    else entry[c.field] = c.value === null ? null : String(c.value);
  }
  return { entries, conflicts };
}
