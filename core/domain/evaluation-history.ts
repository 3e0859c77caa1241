// What each entry of an evaluation's history changed, read from its audit record: saves and
// submits store the changed entries before and after, imports and bulk submits the values they
// wrote (the earlier value is then unknown). An entry written before saves recorded their values
// says so ("details not recorded") instead of guessing.
import type { JsonValue } from '@/core/schemas/json';
import { ENTRY_FIELDS, type EntryField } from './evaluation-merge';

/** Actions whose audit record holds the values they wrote. */
const WRITES_VALUES = new Set(['evaluation.save', 'evaluation.submit', 'evaluation.import']);

export type Scalar = number | string | null;
/** One field of one indicator: `from` is undefined when the earlier value is not known. */
export type RecordedChange = { code: string; field: EntryField; from?: Scalar; to: Scalar };
/** null: the action writes no values; 'not_recorded': it did, but its record does not say which. */
export type EntryChanges = RecordedChange[] | 'not_recorded' | null;

type Fields = Partial<Record<EntryField, Scalar>>;

const isObject = (v: JsonValue | undefined): v is { [key: string]: JsonValue } => typeof v === 'object' && v !== null && !Array.isArray(v);
const scalar = (v: JsonValue | undefined): Scalar => (typeof v === 'number' || typeof v === 'string' ? v : null);

/** An entry as recorded: the whole entry, or (imports) the value alone. */
function fieldsOf(v: JsonValue | undefined): Fields | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) return { value: scalar(v) };
  const out: Fields = {};
  for (const f of ENTRY_FIELDS) if (f in v) out[f] = scalar(v[f]);
  return out;
}

/** The fields an audited write changed, in the record's order of indicators. */
export function entryChanges(action: string, before: JsonValue | null, after: JsonValue | null): EntryChanges {
  if (!WRITES_VALUES.has(action)) return null;
  const written = isObject(after) ? after.values : undefined;
  if (!isObject(written)) return 'not_recorded';
  const earlier = isObject(before) && isObject(before.values) ? before.values : null;
  const out: RecordedChange[] = [];
  for (const [code, raw] of Object.entries(written)) {
    const to = fieldsOf(raw)!;
    const from = earlier ? (fieldsOf(earlier[code]) ?? {}) : undefined;
    for (const field of ENTRY_FIELDS) {
      if (!(field in to)) continue;
      const next = to[field] ?? null;
      if (from === undefined) {
        // The earlier value is unknown: a write of nothing says nothing.
        if (next !== null) out.push({ code, field, to: next });
      } else if ((from[field] ?? null) !== next) out.push({ code, field, from: from[field] ?? null, to: next });
    }
  }
  return out;
}

/** Several consecutive entries' changes as one: each field from its first known state to its last. */
export function foldChanges(list: readonly EntryChanges[]): EntryChanges {
  const recorded = list.filter((c): c is RecordedChange[] => Array.isArray(c));
  if (recorded.length === 0) return list.includes('not_recorded') ? 'not_recorded' : null;
  const byKey = new Map<string, RecordedChange>();
  for (const c of recorded.flat()) {
    const key = `${c.code}\u0000${c.field}`;
    const seen = byKey.get(key);
    if (seen) byKey.set(key, { ...seen, to: c.to });
    else byKey.set(key, { ...c });
  }
  // A field typed and then typed back is no change.
  return [...byKey.values()].filter((c) => !('from' in c) || c.from !== c.to);
}

/** How a field changed, for its phrase: "120 → 135", "note added", "evidence link removed". */
export function changeKind(c: RecordedChange): 'set' | 'added' | 'changed' | 'removed' {
  if (c.field === 'value') return 'set';
  if (c.from === undefined || c.from === null) return 'added';
  return c.to === null ? 'removed' : 'changed';
}

type AuditEntry = { id: number; at: Date; action: string; actorName: string | null; reason: string | null; before: JsonValue | null; after: JsonValue | null };
type Comment = { revision: number; code: string; comment: string };

const revisionAfter = (after: JsonValue | null): number | null => (isObject(after) && typeof after.revision === 'number' ? after.revision : null);

/**
 * The history as the form shows it: each entry with what it changed and, for a return, the
 * reviewer's comments on single indicators; and the comments of the latest return, which the
 * assessor sees at their fields while the evaluation is back with them (`open`).
 */
export function historyView(entries: readonly AuditEntry[], comments: readonly Comment[], open: boolean) {
  const byRevision = new Map<number, { code: string; comment: string }[]>();
  for (const c of comments) byRevision.set(c.revision, [...(byRevision.get(c.revision) ?? []), { code: c.code, comment: c.comment }]);
  const commentsAt = (e: AuditEntry) => (e.action === 'evaluation.return' ? (byRevision.get(revisionAfter(e.after) ?? -1) ?? []) : []);
  const lastReturn = [...entries].reverse().find((e) => e.action === 'evaluation.return' || e.action === 'evaluation.reopen');
  return {
    timeline: entries.map((e) => ({ id: e.id, at: e.at, action: e.action, actorName: e.actorName, reason: e.reason, changes: entryChanges(e.action, e.before, e.after), comments: commentsAt(e) })),
    returnComments: open && lastReturn ? Object.fromEntries(commentsAt(lastReturn).map((c) => [c.code, c.comment])) : {},
  };
}
