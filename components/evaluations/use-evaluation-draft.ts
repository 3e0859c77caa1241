'use client';
// The state behind the evaluation form. Each field remembers the stored value it was typed over (its
// base); a moment after the last keystroke the changed, valid fields are saved and merged field by
// field on the server, so other people's edits to other fields survive and only a field both
// changed is a conflict (keep mine / take theirs, per field). An invalid field stays marked and
// unsaved without holding back the others. Unsaved input is kept in the browser (draft-store) and
// sent with a keepalive request when the form is left (use-leave-guard).
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useTRPC } from '@/lib/trpc/client';
import { errorCode, fieldErrorsOf } from '@/lib/trpc/errors';
import { fieldErrorsOf as issuesByField } from '@/core/schemas/field-errors';
import type { AppRouter } from '@/server/trpc/root';
import { ENTRY_FIELDS, sameField, type EntryField, type FieldChange, type FieldConflict, type FieldText } from '@/core/domain/evaluation-merge';
import type { IndicatorDef, ValuesMode } from '@/core/domain/evaluation-values';
import { readDraft, writeDraft, type StoredDraft } from './draft-store';
import { useLeaveGuard } from './use-leave-guard';

export type EvaluationView = inferRouterOutputs<AppRouter>['evaluations']['get'];
export type Entry = { value: string; note: string; evidenceUrl: string };
type Entries = Record<string, Entry>;
export type { EntryField };
type SaveState = 'idle' | 'saving' | 'saved' | 'invalid' | 'error' | 'conflict';
/** A field both people changed: the version saved meanwhile (theirs) and by whom; mine is in the form. */
export type Conflict = { code: string; field: EntryField; theirs: string; by: string | null };

const AUTOSAVE_MS = 1200;
const text = (v: FieldText | undefined) => (v === null || v === undefined ? '' : String(v));
const keyOf = (c: { code: string; field: EntryField }) => `${c.code}.${c.field}`;

function toEntries(defs: readonly IndicatorDef[], values: EvaluationView['values']): Entries {
  return Object.fromEntries(defs.map((d) => [d.code, { value: text(values[d.code]?.value), note: text(values[d.code]?.note), evidenceUrl: text(values[d.code]?.evidenceUrl) }]));
}

function toInput(entries: Entries) {
  return Object.fromEntries(
    Object.entries(entries).map(([code, e]) => [code, { value: e.value, note: e.note || null, evidenceUrl: e.evidenceUrl || null }]),
  );
}

// The values' schema (the server's own) and the schema library behind it load with the first
// edit or save, not with the page: a form only looked at never needs them.
type ValuesSchemaOf = typeof import('@/core/domain/evaluation-values').evaluationValuesSchema;
let valuesSchemaOf: ValuesSchemaOf | null = null;
let valuesSchemaLoad: Promise<unknown> | null = null;
function loadValidation(): Promise<unknown> {
  // A failed load (offline) is tried again next time; meanwhile the server's check stands alone.
  return (valuesSchemaLoad ??= import('@/core/domain/evaluation-values')
    .then((m) => (valuesSchemaOf = m.evaluationValuesSchema))
    .catch(() => (valuesSchemaLoad = null)));
}

/** The fields' problems; none before the schema has loaded (the server checks every save too). */
function validate(defs: readonly IndicatorDef[], entries: Entries, mode: ValuesMode): Record<string, string> {
  if (!valuesSchemaOf) return {};
  const parsed = valuesSchemaOf(defs, mode).safeParse(toInput(entries));
  if (parsed.success) return {};
  return Object.fromEntries(Object.entries(issuesByField(parsed.error.issues)).map(([key, messages]) => [key, messages[0]!]));
}

/** The fields typed differently from their base, as changes to send. */
function changesOf(entries: Entries, base: Entries): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [code, e] of Object.entries(entries)) {
    for (const field of ENTRY_FIELDS) {
      const b = base[code]?.[field] ?? '';
      if (!sameField(field, e[field], b)) out.push({ code, field, base: b, value: e[field] });
    }
  }
  return out;
}

function withField(entries: Entries, code: string, field: EntryField, value: string): Entries {
  return { ...entries, [code]: { ...entries[code]!, [field]: value } };
}

/** The id of the control of a field's error key (`<code>.<field>` → `f-<code>-<field>`). */
export function fieldId(key: string): string {
  return `f-${key.replace('.', '-')}`;
}

export function useEvaluationDraft(initial: EvaluationView, userId: string) {
  const t = useTranslations('evaluations.editor');
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = initial.evaluation.id;
  const query = useQuery({ ...trpc.evaluations.get.queryOptions({ id }), initialData: initial, refetchOnWindowFocus: false });
  const data = query.data;
  const defs = data.indicators;
  const canEdit = data.actions.edit;

  // Rendered from state; the async save and the leave handlers read the same values from refs,
  // which every change below updates first.
  const [entries, setEntries] = useState<Entries>(() => toEntries(defs, initial.values));
  const [base, setBase] = useState<Entries>(() => toEntries(defs, initial.values));
  const [revision, setRevision] = useState(initial.evaluation.revision);
  const [conflicts, setConflicts] = useState<Conflict[]>([]);
  const [offer, setOffer] = useState<StoredDraft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const ref = useRef({ entries, base, revision, conflicts, offer, status: initial.evaluation.status });
  const queue = useRef<Promise<void>>(Promise.resolve());

  const commit = useCallback((next: { entries?: Entries; base?: Entries; revision?: number; conflicts?: Conflict[]; offer?: StoredDraft | null }) => {
    Object.assign(ref.current, next);
    if (next.entries) setEntries(next.entries);
    if (next.base) setBase(next.base);
    if (next.revision !== undefined) setRevision(next.revision);
    if (next.conflicts) setConflicts(next.conflicts);
    if (next.offer !== undefined) setOffer(next.offer);
  }, []);

  /** Keeps every unsaved change in the browser (and an unanswered restore offer), or forgets them. */
  const persist = useCallback(() => {
    const r = ref.current;
    const pending = changesOf(r.entries, r.base);
    const taken = new Set(pending.map(keyOf));
    writeDraft(userId, id, r.revision, [...(r.offer?.changes.filter((c) => !taken.has(keyOf(c))) ?? []), ...pending]);
  }, [userId, id]);

  /** Changes the server can take now: valid, and not waiting for the user's choice in a conflict. */
  const sendable = useCallback(() => {
    const r = ref.current;
    const errs = validate(defs, r.entries, 'draft');
    const blocked = new Set(r.conflicts.map(keyOf));
    const send = changesOf(r.entries, r.base).filter((c) => !errs[keyOf(c)] && !blocked.has(keyOf(c)));
    return { errs, send };
  }, [defs]);

  /** Takes in a stored copy: a sent or equal field moves its base; an untouched field shows the stored value. */
  const adopt = useCallback(
    (values: EvaluationView['values'], rev: number, sent: readonly FieldChange[], found: readonly (FieldConflict & { by: string | null })[]) => {
      const server = toEntries(defs, values);
      const sentKeys = new Set(sent.map(keyOf));
      const clash = new Set(found.map(keyOf));
      const entriesNow = structuredClone(ref.current.entries);
      const baseNow = structuredClone(ref.current.base);
      for (const d of defs) {
        for (const field of ENTRY_FIELDS) {
          const key = keyOf({ code: d.code, field });
          const s = server[d.code]![field];
          if (clash.has(key)) continue;
          if (sentKeys.has(key) || sameField(field, entriesNow[d.code]![field], s)) baseNow[d.code]![field] = s;
          else if (sameField(field, entriesNow[d.code]![field], baseNow[d.code]![field])) {
            entriesNow[d.code]![field] = s;
            baseNow[d.code]![field] = s;
          }
        }
      }
      const kept = ref.current.conflicts.filter((c) => !clash.has(keyOf(c)) && !sameField(c.field, entriesNow[c.code]![c.field], server[c.code]![c.field]));
      const added = found.map((c) => ({ code: c.code, field: c.field, theirs: text(c.theirs), by: c.by }));
      commit({ entries: entriesNow, base: baseNow, revision: rev, conflicts: [...kept, ...added] });
    },
    [defs, commit],
  );

  const refresh = useCallback(async () => {
    const fresh = await queryClient.fetchQuery({ ...trpc.evaluations.get.queryOptions({ id }), staleTime: 0 }).catch(() => null);
    if (fresh) {
      ref.current.status = fresh.evaluation.status;
      adopt(fresh.values, fresh.evaluation.revision, [], []);
    }
    await queryClient.invalidateQueries({ queryKey: trpc.evaluations.pathKey() });
    router.refresh();
  }, [queryClient, trpc, id, adopt, router]);

  const saveMutation = useMutation(trpc.evaluations.save.mutationOptions());
  const submitMutation = useMutation(trpc.evaluations.submit.mutationOptions());
  const mutateSave = saveMutation.mutateAsync;

  const runSave = useCallback(async () => {
    await loadValidation();
    const { errs, send } = sendable();
    setErrors(errs);
    const settled = () => (Object.keys(sendable().errs).length ? 'invalid' : ref.current.conflicts.length ? 'conflict' : 'saved');
    if (send.length === 0) {
      setSaveState((s) => (s === 'error' ? s : settled()));
      return;
    }
    setSaveState('saving');
    try {
      const r = await mutateSave({ id, revision: ref.current.revision, changes: send });
      adopt(r.values, r.revision, send, r.conflicts);
      setSavedAt(new Date());
      setFormError(null);
      setSaveState(settled());
      persist();
      if (r.status !== ref.current.status) {
        ref.current.status = r.status;
        await refresh();
      }
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setErrors((prev) => ({ ...prev, ...fe }));
      setSaveState('error');
      if (Object.keys(fe).length === 0) setFormError(err instanceof Error ? err.message : String(err));
    }
  }, [sendable, mutateSave, id, adopt, persist, refresh]);

  /** Saves now, after any save already under way (saves never overlap). */
  const flush = useCallback(() => (queue.current = queue.current.then(runSave)), [runSave]);

  // Autosave: a moment after the last edit.
  useEffect(() => {
    if (tick === 0 || !canEdit) return;
    const timer = setTimeout(() => void flush(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [tick, canEdit, flush]);

  // A draft kept by an earlier visit (closed tab, crash) is offered back if it still differs.
  useEffect(() => {
    if (!canEdit) return;
    let live = true;
    void Promise.resolve().then(() => {
      const kept = readDraft(userId, id);
      if (!live || !kept) return;
      const r = ref.current;
      const changes = kept.changes.filter((c) => r.entries[c.code] && !sameField(c.field, r.entries[c.code]![c.field], c.value));
      commit({ offer: changes.length ? { ...kept, changes } : null });
      if (!changes.length) persist();
    });
    return () => {
      live = false;
    };
  }, [canEdit, userId, id, commit, persist]);

  useLeaveGuard({
    active: canEdit,
    hasUnsaved: () => changesOf(ref.current.entries, ref.current.base).length > 0,
    pending: () => ({ id, revision: ref.current.revision, changes: sendable().send }),
  });

  const edited = () => {
    void loadValidation();
    persist();
    setTick((n) => n + 1);
  };

  const setField = (code: string, field: EntryField, value: string) => {
    commit({ entries: withField(ref.current.entries, code, field, value) });
    setFormError(null);
    const key = `${code}.${field}`;
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
    edited();
  };

  /** Keeps my version of a conflicting field: it is now based on theirs, so the next save writes it. */
  const keepMine = (c: Conflict) => {
    commit({ base: withField(ref.current.base, c.code, c.field, c.theirs), conflicts: ref.current.conflicts.filter((x) => keyOf(x) !== keyOf(c)) });
    edited();
  };

  const takeTheirs = (c: Conflict) => {
    commit({
      entries: withField(ref.current.entries, c.code, c.field, c.theirs),
      base: withField(ref.current.base, c.code, c.field, c.theirs),
      conflicts: ref.current.conflicts.filter((x) => keyOf(x) !== keyOf(c)),
    });
    setErrors(({ [keyOf(c)]: _, ...rest }) => rest);
    edited();
  };

  /** Puts the kept input back in the form, each field on the base it was typed over (a save then merges it). */
  const restore = () => {
    const kept = ref.current.offer;
    if (!kept) return;
    let e = ref.current.entries;
    let b = ref.current.base;
    for (const c of kept.changes) {
      e = withField(e, c.code, c.field, text(c.value));
      b = withField(b, c.code, c.field, text(c.base));
    }
    commit({ entries: e, base: b, offer: null });
    edited();
  };

  const discardKept = () => {
    commit({ offer: null });
    persist();
  };

  async function submitNow() {
    setFormError(null);
    await loadValidation();
    const submitErrors = validate(defs, ref.current.entries, 'submit');
    setErrors(submitErrors);
    const first = Object.keys(submitErrors)[0];
    if (first) {
      setFormError(t('fixBeforeSubmit', { n: Object.keys(submitErrors).length }));
      document.getElementById(fieldId(first))?.focus();
      return;
    }
    if (ref.current.conflicts.length) {
      setFormError(t('resolveBeforeSubmit'));
      return;
    }
    // Pending edits are saved (merged) first; the submission then names the revision that holds them.
    await flush();
    if (changesOf(ref.current.entries, ref.current.base).length || ref.current.conflicts.length) return;
    try {
      const r = await submitMutation.mutateAsync({ id, revision: ref.current.revision });
      commit({ revision: r.revision });
      setSaveState('idle');
      await refresh();
    } catch (err) {
      if (errorCode(err) === 'CONFLICT') await refresh();
      setErrors(fieldErrorsOf(err));
      setFormError(err instanceof Error ? err.message : String(err));
    }
  }

  const dirty = useMemo(() => changesOf(entries, base).length > 0, [entries, base]);

  return {
    data,
    canEdit,
    /** What the fields show: the typed values while editable, the stored ones otherwise. */
    shown: canEdit ? entries : toEntries(defs, data.values),
    revision,
    dirty,
    errors,
    saveState,
    savedAt,
    formError,
    conflicts,
    offer,
    setField,
    saveNow: () => void flush(),
    saving: saveMutation.isPending,
    submitNow,
    submitting: submitMutation.isPending,
    keepMine,
    takeTheirs,
    restore,
    discardKept,
    refresh,
  };
}
