'use client';
// Publishing a draft KPI-set version: the form (effective-from period, change note) and, since a
// published version can never be changed or deleted, a confirmation that restates what happens
// (like a period's publish dialog). The change note starts from the draft's own note, where an
// inconsistent AHP weighting left its reason.
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '@/lib/trpc/client';
import { publishVersionSchema } from '@/core/schemas/method';
import { useZodForm } from '@/components/forms/use-zod-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { NativeSelect } from '@/components/ui/native-select';
import { Textarea } from '@/components/ui/textarea';
import { labelOf, pickName } from '@/core/i18n/label';
import type { PeriodRow, VersionData } from './method-kit';

type PublishInput = { versionId: number; effectiveFromPeriodId: number; changeNote: string };

export function PublishVersion({ data, periods, unscored }: { data: VersionData; periods: PeriodRow[]; unscored: { count: number; period: string } | null }) {
  const t = useTranslations('method.impact');
  const tp = useTranslations('methodCoverage.publish');
  const tc = useTranslations('common');
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const publish = useMutation(trpc.kpiSets.publish.mutationOptions());
  const [confirming, setConfirming] = useState<PublishInput | null>(null);
  const [error, setError] = useState<string | undefined>();
  const candidates = periods.filter((p) => p.status !== 'published');
  const form = useZodForm({
    initial: { effectiveFromPeriodId: String(candidates.at(-1)?.id ?? ''), changeNote: data.version.changeNote ?? '' },
    schema: publishVersionSchema,
    toInput: (v) => ({ versionId: data.version.id, effectiveFromPeriodId: Number(v.effectiveFromPeriodId), changeNote: v.changeNote }),
    // A valid form only opens the confirmation; publishing happens there.
    submit: async (input) => {
      setError(undefined);
      setConfirming(input);
    },
  });
  const { values, set, error: msg, formError } = form;
  const periodCode = (id: number) => periods.find((p) => p.id === id)?.code ?? '—';
  return (
    <Card>
      <CardHeader><CardTitle as="h2">{t('publishHeading')}</CardTitle></CardHeader>
      <CardContent>
        <form onSubmit={form.onSubmit} noValidate className="grid gap-4 md:grid-cols-[16rem_1fr]">
          {formError ? <Alert className="md:col-span-2" variant="error" title={t('publishFailed')}>{formError}</Alert> : null}
          <FormField label={t('effectiveFrom')} required error={msg('effectiveFromPeriodId')} description={t('effectiveFromHint')}>
            <NativeSelect value={values.effectiveFromPeriodId} onChange={(e) => set('effectiveFromPeriodId', e.target.value)} placeholder={t('choosePeriod')}>
              {candidates.map((p) => <option key={p.id} value={p.id}>{p.code}</option>)}
            </NativeSelect>
          </FormField>
          <FormField label={t('changeNote')} required error={msg('changeNote')} description={t('changeNoteHint')}>
            <Textarea rows={3} value={values.changeNote} onChange={(e) => set('changeNote', e.target.value)} />
          </FormField>
          <div className="md:col-span-2">
            <Button type="submit" disabled={!values.effectiveFromPeriodId}>{t('publish')}</Button>
          </div>
        </form>
      </CardContent>
      {confirming ? (
        <ConfirmDialog
          open
          onOpenChange={(o) => (o ? undefined : setConfirming(null))}
          title={tp('title', { version: data.version.version, set: pickName(labelOf(data.kpiSet), locale) })}
          description={tp('body', { period: periodCode(confirming.effectiveFromPeriodId) })}
          confirmLabel={tp('confirm')}
          cancelLabel={tc('cancel')}
          error={error}
          onConfirm={async () => {
            setError(undefined);
            try {
              await publish.mutateAsync(confirming);
              await qc.invalidateQueries({ queryKey: trpc.kpiSets.pathKey() });
              router.refresh();
            } catch (e) {
              setError(e instanceof Error ? e.message : String(e));
              throw e;
            }
          }}
        >
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-muted-foreground">{tp('effectiveFrom')}</dt>
            <dd className="font-medium">{periodCode(confirming.effectiveFromPeriodId)}</dd>
            <dt className="text-muted-foreground">{tp('changeNote')}</dt>
            <dd className="whitespace-pre-line break-words">{confirming.changeNote}</dd>
          </dl>
          {unscored && unscored.count > 0 ? <Alert variant="warning" title={tp('unscoredWarning', { count: unscored.count, period: unscored.period })} /> : null}
        </ConfirmDialog>
      ) : null}
    </Card>
  );
}
