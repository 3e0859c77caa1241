'use client';
// Periods: create a quarter or a year (one overlapping its own kind is refused by the server; one
// over the other kind is warned about here); close, reopen (with a reason), publish (excluding
// unapproved evaluations with a reason when there are any). The row actions stay in view.
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { periodCreateSchema } from '@/core/schemas/period-create';
import { PERIOD_KINDS } from '@/core/domain/enums';
import { periodOverlaps, periodSpan, type PeriodSpan } from '@/core/domain/period-overlap';
import { formatList } from '@/core/i18n/format';
import { useZodForm } from '@/components/forms/use-zod-form';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { buttonClassName } from '@/components/ui/styles';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ChoiceSelect } from '@/components/ui/choice-select';
import { ConfirmDialog } from '@/components/ui/dialog';
import { JobFailed, JobProgress, useJobRunner } from '@/components/jobs/job-progress';
import { EmptyState } from '@/components/ui/empty-state';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { ListEditorLayout } from '@/components/ui/list-editor-layout';
import { NativeSelect } from '@/components/ui/native-select';
import { Skeleton } from '@/components/ui/skeleton';
import { NamedTable, TD, TH, TR } from '@/components/ui/table';
import { ReasonField } from '@/components/forms/reason-field';
import { reasonProblem } from '@/core/schemas/reason';
import { LangText } from '@/components/ui/lang-text';

// Opened from a row's button only: its code loads then, not with the page.
const PeriodDueDialog = dynamic(() => import('./period-due-dialog').then((m) => m.PeriodDueDialog));
const PeriodAppealDaysDialog = dynamic(() => import('@/components/appeals/period-appeal-days-dialog').then((m) => m.PeriodAppealDaysDialog));

const STATUS_BADGE = { open: 'info', closed: 'warning', published: 'success' } as const;

export function PeriodManager() {
  const t = useTranslations('method.periods');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.periods.list.queryOptions());
  const close = useMutation(trpc.periods.close.mutationOptions());
  // Kept as a message key so it follows a change of language.
  const [notice, setNotice] = useState<{ key: string; params: Record<string, string | number>; ns?: 'adminTools.periods' } | null>(null);
  const ta = useTranslations('adminTools.periods');
  const locale = useLocale();
  const [reopening, setReopening] = useState<{ id: number; code: string } | null>(null);
  const [publishing, setPublishing] = useState<{ id: number; code: string } | null>(null);
  const [dating, setDating] = useState<{ id: number; code: string; startsOn: string; dueOn: string | null } | null>(null);
  const tq = useTranslations('workQueue.periods');
  const tr = useTranslations('revisions');
  const [dueSaved, setDueSaved] = useState<string | null>(null);
  const [appealDays, setAppealDays] = useState<{ id: number; code: string; appealWindowDays: number; appealDecisionDays: number } | null>(null);
  const tap = useTranslations('appeals.periods');
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.periods.pathKey() });

  return (
    <ListEditorLayout
      width="narrow"
      editor={
        <CreatePeriod
          periods={list.data ?? []}
          onCreated={async (code, overlaps) => {
            setNotice(overlaps.length ? { key: 'createdWithOverlap', params: { code, codes: formatList(overlaps, locale) }, ns: 'adminTools.periods' } : { key: 'createdNotice', params: { code } });
            await refresh();
          }}
        />
      }
    >
      <section aria-labelledby="periods-heading" className="grid min-w-0 content-start gap-4">
        <h2 id="periods-heading" className="text-lg font-semibold">{t('listHeading')}</h2>
        {notice ? <Alert variant={notice.ns ? 'warning' : 'success'} title={notice.ns ? ta(notice.key, notice.params) : t(notice.key, notice.params)} /> : null}
        {dueSaved && !notice ? <Alert variant="success" title={tq('saved', { code: dueSaved })} /> : null}
        {list.isError ? (
          <Alert variant="error" title={tc('loadError')}>{list.error.message}</Alert>
        ) : list.isPending ? (
          <Skeleton className="h-64" />
        ) : list.data.length === 0 ? (
          <EmptyState title={t('empty')} description={t('emptyHint')} />
        ) : (
          <NamedTable
            name={t('listHeading')}
            actions={t('actions')}
            head={
              <>
                <TH>{t('code')}</TH>
                <TH>{t('dates')}</TH>
                <TH>{tq('due')}</TH>
                <TH>{t('status')}</TH>
                <TH numeric>{t('approved')}</TH>
                <TH numeric>{t('unapproved')}</TH>
              </>
            }
          >
            {list.data.map((p) => (
              <TR key={p.id}>
                <TD className="font-medium tabular-nums">{p.code}</TD>
                <TD className="whitespace-nowrap tabular-nums text-muted-foreground">{p.startsOn} – {p.endsOn}</TD>
                <TD className="whitespace-nowrap tabular-nums" data-testid={`period-due-${p.code}`}>{p.dueOn ?? tq('noDue')}</TD>
                <TD><Badge variant={STATUS_BADGE[p.status]}>{tc(`periodStatus.${p.status}`)}</Badge></TD>
                <TD numeric>{p.approved} / {p.evaluations}</TD>
                <TD numeric>{p.unapproved}{p.excluded ? ` (${t('excludedCount', { count: p.excluded })})` : ''}</TD>
                <TD>
                  <div className="flex justify-end gap-1 whitespace-nowrap">
                    {p.status !== 'published' ? (
                      <Button size="sm" variant="ghost" aria-label={tq('setDueFor', { code: p.code })} onClick={() => setDating({ id: p.id, code: p.code, startsOn: p.startsOn, dueOn: p.dueOn })}>{tq('setDue')}</Button>
                    ) : null}
                    <Button size="sm" variant="ghost" aria-label={tap('editLabel', { period: p.code })} title={tap('summary', { window: p.appealWindowDays, decision: p.appealDecisionDays })} onClick={() => setAppealDays({ id: p.id, code: p.code, appealWindowDays: p.appealWindowDays, appealDecisionDays: p.appealDecisionDays })}>{tap('edit')}</Button>
                    {p.status === 'open' ? (
                      <ConfirmDialog
                        trigger={<Button size="sm" variant="outline" aria-label={t('closeFor', { code: p.code })}>{t('close')}</Button>}
                        title={t('closeTitle', { code: p.code })}
                        description={t('closeBody')}
                        confirmLabel={t('close')}
                        cancelLabel={tc('cancel')}
                        onConfirm={async () => {
                          await close.mutateAsync({ id: p.id });
                          setNotice({ key: 'closedNotice', params: { code: p.code } });
                          await refresh();
                        }}
                      />
                    ) : null}
                    {p.status === 'published' ? (
                      <Link href={`/admin/periods/${p.id}/revisions`} aria-label={tr('manageFor', { code: p.code })} className={buttonClassName({ variant: 'ghost', size: 'sm' })}>{tr('manage')}</Link>
                    ) : null}
                    {p.status === 'closed' ? (
                      <>
                        <Button size="sm" variant="ghost" aria-label={t('reopenFor', { code: p.code })} onClick={() => setReopening({ id: p.id, code: p.code })}>{t('reopen')}</Button>
                        <Button size="sm" aria-label={t('publishFor', { code: p.code })} onClick={() => setPublishing({ id: p.id, code: p.code })}>{t('publish')}</Button>
                      </>
                    ) : null}
                  </div>
                </TD>
              </TR>
            ))}
          </NamedTable>
        )}
      </section>
      {reopening ? <ReopenDialog period={reopening} onDone={async () => { setNotice({ key: 'reopenedNotice', params: { code: reopening.code } }); setReopening(null); await refresh(); }} onCancel={() => setReopening(null)} /> : null}
      {appealDays ? <PeriodAppealDaysDialog period={appealDays} onDone={async () => { setAppealDays(null); await refresh(); }} onCancel={() => setAppealDays(null)} /> : null}
      {dating ? <PeriodDueDialog period={dating} onDone={async () => { setNotice(null); setDueSaved(dating.code); setDating(null); await refresh(); }} onCancel={() => setDating(null)} /> : null}
      {publishing ? <PublishDialog period={publishing} onDone={async (runs) => { setNotice({ key: 'publishedNotice', params: { code: publishing.code, runs } }); setPublishing(null); await refresh(); }} onCancel={() => setPublishing(null)} /> : null}
    </ListEditorLayout>
  );
}

function CreatePeriod({ periods, onCreated }: { periods: readonly PeriodSpan[]; onCreated: (code: string, overlaps: string[]) => Promise<void> }) {
  const t = useTranslations('method.periods');
  const ta = useTranslations('adminTools.periods');
  const locale = useLocale();
  const trpc = useTRPC();
  const create = useMutation(trpc.periods.create.mutationOptions());
  const form = useZodForm({
    initial: { kind: 'quarter' as 'quarter' | 'year', year: String(new Date().getFullYear()), quarter: '1' },
    schema: periodCreateSchema,
    toInput: (v) => ({ kind: v.kind, year: Number(v.year), quarter: v.kind === 'quarter' ? Number(v.quarter) : null }),
    rootField: 'year',
    submit: async (data) => {
      const row = await create.mutateAsync(data);
      await onCreated(row.code, row.overlaps);
    },
  });
  const { values, set, error: msg, formError } = form;
  // Said before sending: a year over quarters (or a quarter in a year) is allowed, but evaluates the same months twice.
  const parsed = periodCreateSchema.safeParse({ kind: values.kind, year: Number(values.year), quarter: values.kind === 'quarter' ? Number(values.quarter) : null });
  const candidate = parsed.success ? periodSpan(parsed.data) : null;
  const across = candidate ? periodOverlaps(candidate, periods).otherKind.map((p) => p.code) : [];

  return (
    <Card>
      <CardHeader><CardTitle>{t('createTitle')}</CardTitle></CardHeader>
      <CardContent>
        <form onSubmit={form.onSubmit} noValidate className="grid gap-4">
          {formError ? <Alert variant="error" title={t('createFailed')}>{formError}</Alert> : null}
          <FormField label={t('kind')} required>
            <ChoiceSelect value={values.kind} choices={PERIOD_KINDS} label={(k) => t(`kinds.${k}`)} onValueChange={(k) => set('kind', k)} />
          </FormField>
          <FormField label={t('year')} required error={msg('year')}>
            <Input inputMode="numeric" value={values.year} onChange={(e) => set('year', e.target.value)} />
          </FormField>
          {values.kind === 'quarter' ? (
            <FormField label={t('quarter')} required error={msg('quarter')}>
              <NativeSelect value={values.quarter} onChange={(e) => set('quarter', e.target.value)}>
                {[1, 2, 3, 4].map((q) => <option key={q} value={q}>{t('quarterOption', { q })}</option>)}
              </NativeSelect>
            </FormField>
          ) : null}
          {candidate && across.length > 0 ? (
            <Alert variant="warning" title={ta('overlapWarning', { code: candidate.code, codes: formatList(across, locale) })} />
          ) : null}
          <Button type="submit" loading={form.submitting}>{t('create')}</Button>
        </form>
      </CardContent>
    </Card>
  );
}

function ReopenDialog({ period, onDone, onCancel }: { period: { id: number; code: string }; onDone: () => Promise<void>; onCancel: () => void }) {
  const t = useTranslations('method.periods');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const reopen = useMutation(trpc.periods.reopen.mutationOptions());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <ConfirmDialog
      open
      onOpenChange={(o) => (o ? undefined : onCancel())}
      title={t('reopenTitle', { code: period.code })}
      description={t('reopenBody')}
      confirmLabel={t('reopen')}
      cancelLabel={tc('cancel')}
      destructive
      confirmDisabled={reasonProblem(reason) !== null}
      error={error}
      onConfirm={async () => {
        try {
          await reopen.mutateAsync({ id: period.id, reason });
          await onDone();
        } catch (e) {
          setError(e instanceof Error ? e.message : String(e));
          throw e;
        }
      }}
    >
      <ReasonField id="reopen-period-reason" label={t('reason')} value={reason} onChange={setReason} />
    </ConfirmDialog>
  );
}

function PublishDialog({ period, onDone, onCancel }: { period: { id: number; code: string }; onDone: (runs: number) => Promise<void>; onCancel: () => void }) {
  const t = useTranslations('method.periods');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const unapproved = useQuery(trpc.periods.unapproved.queryOptions({ id: period.id }));
  const publish = useMutation(trpc.periods.publish.mutationOptions());
  const job = useJobRunner<'period.publish'>();
  const [exclude, setExclude] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const blocking = unapproved.data ?? [];
  const needsExclusion = blocking.length > 0;
  return (
    <ConfirmDialog
      open
      onOpenChange={(o) => (o ? undefined : onCancel())}
      title={t('publishTitle', { code: period.code })}
      description={t('publishBody')}
      confirmLabel={t('publish')}
      cancelLabel={tc('cancel')}
      confirmDisabled={unapproved.isPending || (needsExclusion && (!exclude || reasonProblem(reason) !== null))}
      error={error}
      onConfirm={async () => {
        setError(undefined);
        try {
          // Publishing runs as a job on the server: the dialog stays up with its progress until it ends.
          const result = await job.run(() => publish.mutateAsync({ id: period.id, exclude: needsExclusion ? { evaluationIds: blocking.map((b) => b.id), reason } : null }));
          await onDone(result.runs.length);
        } catch (e) {
          if (!(e instanceof JobFailed)) setError(e instanceof Error ? e.message : String(e));
          throw e;
        }
      }}
    >
      {job.running || job.job ? <JobProgress kind="period.publish" job={job.job} /> : null}
      {unapproved.isPending ? (
        <Skeleton className="h-16" />
      ) : needsExclusion ? (
        <div className="grid gap-3">
          <Alert variant="warning" title={t('unapprovedTitle', { count: blocking.length })}>{t('unapprovedBody')}</Alert>
          <ul className="max-h-40 overflow-y-auto rounded-md border p-2 text-sm">
            {blocking.map((b) => (
              <li key={b.id} className="flex justify-between gap-2 py-0.5">
                <LangText>{b.stakeholderName}</LangText>
                <span className="text-muted-foreground">{t(`evaluationStatus.${b.status}`)}</span>
              </li>
            ))}
          </ul>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="size-4" checked={exclude} onChange={(e) => setExclude(e.target.checked)} />
            {t('excludeAll', { count: blocking.length })}
          </label>
          {exclude ? (
            <ReasonField id="exclude-reason" label={t('excludeReason')} value={reason} onChange={setReason} rows={2} />
          ) : null}
        </div>
      ) : (
        <Alert variant="success" title={t('allApproved')} />
      )}
    </ConfirmDialog>
  );
}
