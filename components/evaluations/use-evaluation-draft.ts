'use client';
// The state behind the evaluation form: the values as typed, autosaved as a draft a moment after
// the last keystroke with optimistic concurrency (a stale save is a CONFLICT: the user's edits
// stay and they choose to keep them or take the stored ones), and the submission.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useTRPC } from '@/lib/trpc/client';
import { errorCode, fieldErrorsOf } from '@/lib/trpc/errors';
import { fieldErrorsOf as issuesByField } from '@/core/schemas/field-errors';
import type { AppRouter } from '@/server/trpc/root';
import { evaluationValuesSchema, type IndicatorDef, type ValuesMode } from '@/core/domain/evaluation-values';

export type EvaluationView = inferRouterOutputs<AppRouter>['evaluations']['get'];
export type Entry = { value: string; note: string; evidenceUrl: string };
type Entries = Record<string, Entry>;
export type EntryField = keyof Entry;
type SaveState = 'idle' | 'saving' | 'saved' | 'invalid' | 'error' | 'conflict';
export type Conflict = { message: string; theirs: EvaluationView | null };

function toEntries(defs: readonly IndicatorDef[], values: EvaluationView['values']): Entries {
  return Object.fromEntries(
    defs.map((d) => {
      const v = values[d.code];
      return [d.code, { value: v?.value === null || v?.value === undefined ? '' : String(v.value), note: v?.note ?? '', evidenceUrl: v?.evidenceUrl ?? '' }];
    }),
  );
}

function toInput(entries: Entries) {
  return Object.fromEntries(
    Object.entries(entries).map(([code, e]) => [code, { value: e.value, note: e.note || null, evidenceUrl: e.evidenceUrl || null }]),
  );
}

function validate(defs: readonly IndicatorDef[], entries: Entries, mode: ValuesMode): Record<string, string> {
  const parsed = evaluationValuesSchema(defs, mode).safeParse(toInput(entries));
  if (parsed.success) return {};
  return Object.fromEntries(Object.entries(issuesByField(parsed.error.issues)).map(([key, messages]) => [key, messages[0]!]));
}

/** The id of the control of a field's error key (`<code>.<field>` → `f-<code>-<field>`). */
export function fieldId(key: string): string {
  return `f-${key.replace('.', '-')}`;
}

export function useEvaluationDraft(initial: EvaluationView) {
  const t = useTranslations('evaluations.editor');
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = initial.evaluation.id;
  const getOptions = trpc.evaluations.get.queryOptions({ id });
  const query = useQuery({ ...getOptions, initialData: initial, refetchOnWindowFocus: false });
  const data = query.data;
  const defs = data.indicators;
  const canEdit = data.actions.edit;

  const [entries, setEntries] = useState<Entries>(() => toEntries(defs, initial.values));
  const [revision, setRevision] = useState(initial.evaluation.revision);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const edits = useRef(0);

  // Adopt the stored values when the server's copy moves on and nothing local is unsaved
  // (state adjusted during render, React's pattern for deriving state from changed props).
  const [seenRevision, setSeenRevision] = useState(initial.evaluation.revision);
  if (data.evaluation.revision !== seenRevision && !dirty && !conflict) {
    setSeenRevision(data.evaluation.revision);
    setEntries(toEntries(data.indicators, data.values));
    setRevision(data.evaluation.revision);
  }

  const save = useMutation(trpc.evaluations.save.mutationOptions());
  const submit = useMutation(trpc.evaluations.submit.mutationOptions());

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.evaluations.pathKey() });
    router.refresh();
  }, [queryClient, trpc, router]);

  const onConflict = useCallback(
    async (err: unknown) => {
      setSaveState('conflict');
      const theirs = await queryClient.fetchQuery({ ...getOptions, staleTime: 0 }).catch(() => null);
      setConflict({ message: err instanceof Error ? err.message : String(err), theirs });
    },
    [queryClient, getOptions],
  );

  const doSave = useCallback(
    async (atRevision: number) => {
      const draftErrors = validate(defs, entries, 'draft');
      setErrors(draftErrors);
      if (Object.keys(draftErrors).length) {
        setSaveState('invalid');
        return;
      }
      const startedAt = edits.current;
      setSaveState('saving');
      try {
        const r = await save.mutateAsync({ id, revision: atRevision, values: toInput(entries) });
        setRevision(r.revision);
        if (edits.current === startedAt) setDirty(false);
        setSaveState('saved');
        setSavedAt(new Date());
        setConflict(null);
        if (r.status !== data.evaluation.status) await refresh();
      } catch (err) {
        if (errorCode(err) === 'CONFLICT') return onConflict(err);
        const fe = fieldErrorsOf(err);
        setErrors(fe);
        setSaveState('error');
        if (Object.keys(fe).length === 0) setFormError(err instanceof Error ? err.message : String(err));
      }
    },
    [defs, entries, id, save, data.evaluation.status, refresh, onConflict],
  );

  // Autosave: a moment after the last keystroke, unless a conflict waits for the user's choice.
  useEffect(() => {
    if (!dirty || !canEdit || conflict || save.isPending || submit.isPending) return;
    const timer = setTimeout(() => void doSave(revision), 1200);
    return () => clearTimeout(timer);
  }, [dirty, canEdit, conflict, save.isPending, submit.isPending, doSave, revision]);

  const setField = (code: string, field: EntryField, value: string) => {
    edits.current++;
    setEntries((prev) => ({ ...prev, [code]: { ...prev[code]!, [field]: value } }));
    setDirty(true);
    setFormError(null);
    const key = `${code}.${field}`;
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  async function submitNow() {
    setFormError(null);
    const submitErrors = validate(defs, entries, 'submit');
    setErrors(submitErrors);
    const first = Object.keys(submitErrors)[0];
    if (first) {
      setFormError(t('fixBeforeSubmit', { n: Object.keys(submitErrors).length }));
      document.getElementById(fieldId(first))?.focus();
      return;
    }
    try {
      const r = await submit.mutateAsync({ id, revision, values: toInput(entries) });
      setRevision(r.revision);
      setDirty(false);
      setSaveState('idle');
      await refresh();
    } catch (err) {
      if (errorCode(err) === 'CONFLICT') return onConflict(err);
      const fe = fieldErrorsOf(err);
      setErrors(fe);
      setFormError(err instanceof Error ? err.message : String(err));
    }
  }

  async function keepMine() {
    const theirs = conflict?.theirs;
    if (!theirs) return;
    setConflict(null);
    setRevision(theirs.evaluation.revision);
    await doSave(theirs.evaluation.revision);
    await refresh();
  }

  async function discardMine() {
    const theirs = conflict?.theirs;
    if (!theirs) return;
    setEntries(toEntries(theirs.indicators, theirs.values));
    setRevision(theirs.evaluation.revision);
    setDirty(false);
    setConflict(null);
    setSaveState('idle');
    setErrors({});
    await refresh();
  }

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
    conflict,
    setField,
    saveNow: () => doSave(revision),
    saving: save.isPending,
    submitNow,
    submitting: submit.isPending,
    keepMine,
    discardMine,
    refresh,
  };
}
