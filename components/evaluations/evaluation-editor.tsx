'use client';
// The evaluation form: generated from the KPI-set version's indicators, grouped by objective,
// with last period's value beside each field, autosaved drafts with optimistic concurrency
// (a stale save is a CONFLICT: the user's edits stay in the form and they choose), a live score
// preview, the review actions and the timeline.
import { useRouter } from 'next/navigation';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { ArrowDown, ArrowUp, CheckCircle2, Flag } from 'lucide-react';
import { useTRPC } from '@/lib/trpc/client';
import { errorCode, fieldErrorsOf } from '@/lib/trpc/errors';
import type { AppRouter } from '@/server/trpc/root';
import { evaluationValuesSchema, parseValueText, valueProblem, type IndicatorDef, type ValuesMode } from '@/core/domain/evaluation-values';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { StatusBadge } from './status-badge';
import { translateKeyed } from './messages';
import { ScorePreview } from './score-preview';
import { Timeline } from './timeline';

export type EvaluationView = inferRouterOutputs<AppRouter>['evaluations']['get'];
type Entry = { value: string; note: string; evidenceUrl: string };
type Entries = Record<string, Entry>;
type Field = 'value' | 'note' | 'evidenceUrl';

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
  const out: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) out[issue.path.map(String).join('.')] ??= issue.message;
  return out;
}

type SaveState = 'idle' | 'saving' | 'saved' | 'invalid' | 'error' | 'conflict';

export function EvaluationEditor({ initial }: { initial: EvaluationView }) {
  const t = useTranslations('evaluations.editor');
  const tAll = useTranslations();
  const locale = useLocale();
  const format = useFormatter();
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
  const [conflict, setConflict] = useState<{ message: string; theirs: EvaluationView | null } | null>(null);
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
  const approve = useMutation(trpc.evaluations.approve.mutationOptions());
  const sendBack = useMutation(trpc.evaluations.return.mutationOptions());
  const reopen = useMutation(trpc.evaluations.reopen.mutationOptions());

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

  const setField = (code: string, field: Field, value: string) => {
    edits.current++;
    setEntries((prev) => ({ ...prev, [code]: { ...prev[code]!, [field]: value } }));
    setDirty(true);
    setFormError(null);
    const key = `${code}.${field}`;
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  async function onSubmit() {
    setFormError(null);
    const submitErrors = validate(defs, entries, 'submit');
    setErrors(submitErrors);
    const first = Object.keys(submitErrors)[0];
    if (first) {
      setFormError(t('fixBeforeSubmit', { n: Object.keys(submitErrors).length }));
      document.getElementById(`f-${first.replace('.', '-')}`)?.focus();
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

  const shown = canEdit ? entries : toEntries(defs, data.values);
  const deferred = useDeferredValue(shown);
  const previewValues = useMemo(() => {
    const out: Record<string, number | null> = {};
    for (const d of defs) {
      const n = parseValueText(deferred[d.code]?.value ?? '');
      out[d.code] = n === null || Number.isNaN(n) || valueProblem(d, n) ? null : n;
    }
    return out;
  }, [defs, deferred]);

  const name = (d: { nameEn: string; nameZh: string }) => (locale === 'en' ? d.nameEn : d.nameZh);
  const num = (n: number) => format.number(n, { maximumFractionDigits: 4 });
  const msg = (m: string | undefined) => translateKeyed(tAll, m);
  const e = data.evaluation;
  const theirs = conflict?.theirs ?? null;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_320px]">
      <div className="grid min-w-0 gap-6">
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <StatusBadge status={e.status} />
          <span className="text-muted-foreground">
            {t('meta', { period: data.period.code, kpiSet: locale === 'en' ? data.kpiSet.nameEn : data.kpiSet.nameZh, version: data.kpiSet.version })}
          </span>
          {canEdit ? (
            <span className="ml-auto text-xs text-muted-foreground" role="status" aria-live="polite" data-testid="save-state">
              {saveState === 'saving'
                ? t('saving')
                : saveState === 'saved' && !dirty && savedAt
                  ? t('savedAt', { time: format.dateTime(savedAt, { timeStyle: 'medium' }) })
                  : saveState === 'invalid'
                    ? t('notSavedInvalid')
                    : dirty
                      ? t('unsaved')
                      : ''}
            </span>
          ) : null}
        </div>

        {(e.status === 'returned' || (e.status === 'draft' && e.returnReason)) && e.returnReason ? (
          <Alert variant="warning" title={t('returnedTitle')}>
            <span data-testid="return-reason">{e.returnReason}</span>
          </Alert>
        ) : null}
        {conflict ? (
          <Alert
            variant="error"
            title={t('conflictTitle')}
            action={
              <div className="flex flex-wrap gap-2">
                <Button size="sm" onClick={keepMine} disabled={!theirs?.actions.edit}>
                  {t('conflictKeepMine')}
                </Button>
                <Button size="sm" variant="outline" onClick={discardMine}>
                  {t('conflictDiscardMine')}
                </Button>
              </div>
            }
          >
            <p>
              {t('conflictBody', {
                name: conflict.theirs?.timeline.at(-1)?.actorName ?? t('someone'),
                theirs: conflict.theirs?.evaluation.revision ?? '?',
                mine: revision,
              })}
            </p>
            <p className="mt-1">{t('conflictHint')}</p>
          </Alert>
        ) : null}
        {formError ? (
          <Alert variant="error" title={t('problemTitle')}>
            {formError}
          </Alert>
        ) : null}
        {!canEdit && data.period.status !== 'open' ? <Alert variant="info">{t('periodClosed', { code: data.period.code })}</Alert> : null}

        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            void onSubmit();
          }}
          noValidate
          className="grid gap-6"
          aria-label={t('formLabel')}
        >
          {data.document.objectives.map((o) => (
            <fieldset key={o.code} className="min-w-0 rounded-lg border bg-surface">
              <legend className="sr-only">{o.name[locale === 'en' ? 'en' : 'zh-CN']}</legend>
              <div className="flex items-baseline justify-between gap-2 border-b px-4 py-3">
                <h2 className="text-base font-semibold" aria-hidden="true">
                  {o.name[locale === 'en' ? 'en' : 'zh-CN']}
                </h2>
                <span className="text-xs text-muted-foreground">{t('objectiveWeight', { weight: format.number(o.weight, { maximumFractionDigits: 3 }) })}</span>
              </div>
              <div className="divide-y">
                {defs
                  .filter((d) => d.objectiveCode === o.code)
                  .map((d) => {
                    const entry = shown[d.code] ?? { value: '', note: '', evidenceUrl: '' };
                    const prev = data.previous?.values[d.code]?.value;
                    const parsed = parseValueText(entry.value);
                    const redFlag = d.redFlagAbove !== null && parsed !== null && !Number.isNaN(parsed) && parsed > d.redFlagAbove;
                    const their = theirs?.values[d.code];
                    const theirDiffers = their !== undefined && String(their.value ?? '') !== entry.value;
                    const range =
                      d.min !== null && d.max !== null
                        ? t('range', { min: num(d.min), max: num(d.max), unit: d.unit })
                        : d.min !== null
                          ? t('rangeMin', { min: num(d.min), unit: d.unit })
                          : d.max !== null
                            ? t('rangeMax', { max: num(d.max), unit: d.unit })
                            : null;
                    return (
                      <div key={d.code} className="grid gap-3 px-4 py-4" data-testid={`indicator-${d.code}`}>
                        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted-foreground">
                          <span className="inline-flex items-center gap-1">
                            {d.direction === 'higher' ? <ArrowUp aria-hidden="true" className="size-3.5" /> : <ArrowDown aria-hidden="true" className="size-3.5" />}
                            {d.direction === 'higher' ? t('higherBetter') : t('lowerBetter')}
                          </span>
                          {range ? <span>{range}</span> : null}
                          <span>
                            {data.previous
                              ? t('previous', { period: data.previous.periodCode, value: prev === null || prev === undefined ? '—' : `${num(prev)} ${d.unit}` })
                              : t('noPrevious')}
                          </span>
                          {d.peerDependent ? <Badge variant="info">{t('peerDependent')}</Badge> : null}
                        </div>
                        <div className="grid gap-3 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
                          <FormField
                            id={`f-${d.code}-value`}
                            label={name(d)}
                            description={d.unit ? t('unit', { unit: d.unit }) : undefined}
                            error={msg(errors[`${d.code}.value`])}
                          >
                            <Input
                              inputMode="decimal"
                              value={entry.value}
                              onChange={(ev) => setField(d.code, 'value', ev.target.value)}
                              readOnly={!canEdit}
                              className="tabular-nums"
                              autoComplete="off"
                            />
                          </FormField>
                          <div className="grid gap-3">
                            <FormField id={`f-${d.code}-evidenceUrl`} label={t('evidence')} required={d.evidenceRequired} error={msg(errors[`${d.code}.evidenceUrl`])}>
                              <Input
                                type="url"
                                value={entry.evidenceUrl}
                                onChange={(ev) => setField(d.code, 'evidenceUrl', ev.target.value)}
                                readOnly={!canEdit}
                                placeholder="https://"
                                autoComplete="off"
                              />
                            </FormField>
                            <FormField id={`f-${d.code}-note`} label={t('note')} error={msg(errors[`${d.code}.note`])}>
                              <Input value={entry.note} onChange={(ev) => setField(d.code, 'note', ev.target.value)} readOnly={!canEdit} autoComplete="off" />
                            </FormField>
                          </div>
                        </div>
                        {redFlag ? (
                          <p className="flex items-center gap-1.5 text-sm font-medium text-danger">
                            <Flag aria-hidden="true" className="size-4" />
                            {t('redFlag', { limit: num(d.redFlagAbove!) })}
                          </p>
                        ) : null}
                        {theirDiffers ? (
                          <p className="text-sm text-warning-foreground">
                            {t('theirValue', { value: their?.value === null || their?.value === undefined ? '—' : num(their.value) })}
                          </p>
                        ) : null}
                      </div>
                    );
                  })}
              </div>
            </fieldset>
          ))}

          {canEdit ? (
            <div className="flex flex-wrap items-center gap-3">
              {/* Not while a draft save is in flight: both would name the same revision. */}
              <Button type="submit" loading={submit.isPending} disabled={save.isPending}>
                {t('submit')}
              </Button>
              <Button type="button" variant="outline" onClick={() => void doSave(revision)} disabled={!dirty || Boolean(conflict)} loading={save.isPending}>
                {t('saveNow')}
              </Button>
              <span className="text-sm text-muted-foreground">{t('submitHint')}</span>
            </div>
          ) : null}
        </form>

        <ReviewActions data={data} revision={revision} onDone={refresh} approve={approve} sendBack={sendBack} reopen={reopen} />

        <Timeline entries={data.timeline} />
      </div>

      <aside className="order-first lg:order-last" aria-label={t('previewLabel')}>
        <div className="lg:sticky lg:top-4">
          <ScorePreview document={data.document} indicators={defs} peers={data.peers} self={data.stakeholder.code} values={previewValues} />
        </div>
      </aside>
    </div>
  );
}

type MutationLike<I> = { mutateAsync: (input: I) => Promise<unknown>; isPending: boolean };

function ReviewActions({
  data,
  revision,
  onDone,
  approve,
  sendBack,
  reopen,
}: {
  data: EvaluationView;
  revision: number;
  onDone: () => Promise<void>;
  approve: MutationLike<{ id: number; revision: number }>;
  sendBack: MutationLike<{ id: number; revision: number; reason: string }>;
  reopen: MutationLike<{ id: number; revision: number; reason: string }>;
}) {
  const t = useTranslations('evaluations.review');
  const tc = useTranslations('common');
  const tAll = useTranslations();
  const format = useFormatter();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const e = data.evaluation;
  const { actions } = data;
  if (!actions.review && !actions.reviewBlockedAsSubmitter && !actions.reopen && e.status !== 'approved') return null;

  const withReason = (fn: (reason: string) => Promise<unknown>) => async () => {
    const r = reason.trim();
    if (r.length < 5) {
      setReasonError(t('reasonTooShort', { min: 5 }));
      throw new Error('reason');
    }
    try {
      await fn(r);
      setReason('');
      await onDone();
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setReasonError(translateKeyed(tAll, fe.reason));
      setError(err instanceof Error ? err.message : String(err));
      throw err;
    }
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">{t('title')}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        {e.status === 'submitted' ? (
          <p className="text-sm">{t('submittedBy', { name: e.submittedByName ?? '—', time: e.submittedAt ? format.dateTime(e.submittedAt, { dateStyle: 'medium', timeStyle: 'short' }) : '—' })}</p>
        ) : null}
        {e.status === 'approved' ? (
          <p className="flex items-center gap-2 text-sm">
            <CheckCircle2 aria-hidden="true" className="size-4 text-success" />
            {t('approvedBy', { name: e.approvedByName ?? '—', time: e.approvedAt ? format.dateTime(e.approvedAt, { dateStyle: 'medium', timeStyle: 'short' }) : '—' })}
          </p>
        ) : null}
        {actions.reviewBlockedAsSubmitter ? <Alert variant="info">{t('ownSubmission')}</Alert> : null}
        {error ? <Alert variant="error">{error}</Alert> : null}
        <div className="flex flex-wrap gap-3">
          {actions.review ? (
            <>
              <ConfirmDialog
                trigger={<Button>{t('approve')}</Button>}
                title={t('approveTitle')}
                description={t('approveDescription')}
                confirmLabel={t('approve')}
                cancelLabel={tc('cancel')}
                onConfirm={async () => {
                  setError(null);
                  try {
                    await approve.mutateAsync({ id: e.id, revision });
                    await onDone();
                  } catch (err) {
                    setError(err instanceof Error ? err.message : String(err));
                    throw err;
                  }
                }}
              />
              <ConfirmDialog
                trigger={<Button variant="outline">{t('return')}</Button>}
                title={t('returnTitle')}
                description={t('returnDescription')}
                confirmLabel={t('return')}
                cancelLabel={tc('cancel')}
                onConfirm={withReason((r) => sendBack.mutateAsync({ id: e.id, revision, reason: r }))}
              >
                <FormField id="return-reason" label={t('reason')} required error={reasonError}>
                  <Textarea value={reason} onChange={(ev) => { setReason(ev.target.value); setReasonError(undefined); }} rows={4} />
                </FormField>
              </ConfirmDialog>
            </>
          ) : null}
          {actions.reopen ? (
            <ConfirmDialog
              trigger={<Button variant="outline">{t('reopen')}</Button>}
              title={t('reopenTitle')}
              description={t('reopenDescription')}
              confirmLabel={t('reopen')}
              cancelLabel={tc('cancel')}
              destructive
              onConfirm={withReason((r) => reopen.mutateAsync({ id: e.id, revision, reason: r }))}
            >
              <FormField id="reopen-reason" label={t('reason')} required error={reasonError}>
                <Textarea value={reason} onChange={(ev) => { setReason(ev.target.value); setReasonError(undefined); }} rows={4} />
              </FormField>
            </ConfirmDialog>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
