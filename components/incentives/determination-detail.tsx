'use client';
// One determination of a run: the verdict and its reasons, the rule explanation, the gap for one
// who failed, an earlier override, and the form to override it with a reason.
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import { useTRPC } from '@/lib/trpc/client';
import { fieldErrorsOf, translateMessage, type FieldErrorMap } from '@/lib/trpc/errors';
import type { RuleLabels } from '@/core/eligibility';
import { formatNumber } from '@/core/i18n/format';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { DialogDescription, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { Textarea } from '@/components/ui/textarea';
import { GapView, RuleExplanationView } from './explanation';

export type Determination = inferRouterOutputs<AppRouter>['eligibility']['determinations']['items'][number];

export function DeterminationDetail({ row, labels, money, onSaved }: { row: Determination; labels: RuleLabels; money: boolean; onSaved: () => void }) {
  const t = useTranslations('incentives.run');
  const tAll = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const override = useMutation(trpc.eligibility.override.mutationOptions());
  const [eligible, setEligible] = useState(row.eligible ? 'yes' : 'no');
  const [amount, setAmount] = useState(row.amount === null ? '' : String(row.amount));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrorMap>({});
  const [saved, setSaved] = useState(false);
  const msg = (m: string | undefined) => (m ? translateMessage(tAll, m) : undefined);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    const n = amount.trim() === '' ? null : Number(amount);
    try {
      await override.mutateAsync({ determinationId: row.id, eligible: eligible === 'yes', amount: n, reason });
      setSaved(true);
      onSaved();
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setErrors(Object.keys(fe).length ? fe : { _: err instanceof Error ? err.message : String(err) });
    }
  }

  return (
    <div className="grid gap-4" data-testid="determination-detail">
      <DialogHeader>
        <DialogTitle>{row.name}</DialogTitle>
        <DialogDescription>
          {row.stakeholder} · {t('composite')} {formatNumber(row.composite, locale, { digits: 2 })}
        </DialogDescription>
      </DialogHeader>
      <Alert variant={row.truth === 'pass' ? 'success' : row.truth === 'fail' ? 'info' : 'warning'} title={t(`verdict.${row.truth}`)} data-testid="verdict">
        {t(`reasonText.${row.reason}`)}
        {row.eligible && money && row.amount !== null ? ` ${t('amountLine', { amount: formatNumber(row.amount, locale), demand: formatNumber(row.demand, locale) })}` : null}
        {row.capped ? ` ${t('cappedLine')}` : null}
        {!row.eligible && row.truth === 'pass' && money && row.demand !== null ? ` ${t('demandLine', { demand: formatNumber(row.demand, locale) })}` : null}
      </Alert>
      <section className="grid gap-2">
        <h3 className="text-sm font-semibold">{t('whyTitle')}</h3>
        <RuleExplanationView explanation={row.explanation} labels={labels} />
      </section>
      {row.gap ? (
        <section className="grid gap-2">
          <h3 className="text-sm font-semibold">{t('gapTitle')}</h3>
          <GapView gap={row.gap} labels={labels} />
          <p className="text-xs text-muted-foreground">{t('gapNote')}</p>
        </section>
      ) : null}
      {row.override ? (
        <Alert variant="info" title={t('overriddenTitle')}>
          {t('overriddenBody', {
            eligible: row.override.eligible ? t('yes') : t('no'),
            amount: formatNumber(row.override.amount, locale),
            by: row.override.by ?? '—',
            reason: row.override.reason,
            computed: row.computed.eligible ? t('yes') : t('no'),
          })}
        </Alert>
      ) : null}
      <form onSubmit={onSubmit} noValidate className="grid gap-3 border-t border-border pt-4">
        <h3 className="text-sm font-semibold">{t('overrideTitle')}</h3>
        {saved ? <Alert variant="success">{t('overrideSaved')}</Alert> : null}
        {errors._ ? <Alert variant="error">{errors._}</Alert> : null}
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField label={t('overrideEligible')} id="override-eligible">
            <NativeSelect value={eligible} onChange={(e) => setEligible(e.target.value)}>
              <option value="yes">{t('yes')}</option>
              <option value="no">{t('no')}</option>
            </NativeSelect>
          </FormField>
          {money ? (
            <FormField label={t('amount')} id="override-amount" error={msg(errors.amount)}>
              <Input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
            </FormField>
          ) : null}
        </div>
        <FormField label={t('overrideReason')} id="override-reason" required error={msg(errors.reason)}>
          <Textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
        </FormField>
        <div>
          <Button type="submit" variant="secondary" loading={override.isPending}>
            {t('overrideSubmit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
