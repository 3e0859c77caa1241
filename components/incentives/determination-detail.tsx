'use client';
// One determination of a run: the verdict and its reasons, the rule explanation, the gap for one
// who failed, the override in effect (proposer and approver), one waiting for a second
// administrator, and the form to propose an override with a reason (and, when it takes the run
// over budget, an explicit confirmation).
import { useLocale, useTranslations } from 'next-intl';
import { useRef, useState, type FormEvent } from 'react';
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
import { Checkbox } from '@/components/ui/checkbox';
import { ReasonField } from '@/components/forms/reason-field';
import { reasonProblem } from '@/core/schemas/reason';
import { GapView, RuleExplanationView } from './explanation';
import { WithNames, nameIn } from '@/components/ui/lang-text';
import { DeterminationStability } from './robustness-section';

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
  // Shown once the server says the override takes the run over budget; ticking it confirms.
  const [askBudget, setAskBudget] = useState(false);
  const [confirmOverBudget, setConfirmOverBudget] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const msg = (m: string | undefined) => (m ? translateMessage(tAll, m) : undefined);
  const focusFirstError = () => requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    const n = amount.trim() === '' ? null : Number(amount.replace(/,/g, ''));
    const problem = reasonProblem(reason);
    if (problem || (n !== null && !Number.isFinite(n))) {
      setErrors({ ...(problem ? { reason: problem } : {}), ...(n !== null && !Number.isFinite(n) ? { amount: 'validation.incentives.number' } : {}) });
      focusFirstError();
      return;
    }
    try {
      await override.mutateAsync({ determinationId: row.id, eligible: eligible === 'yes', amount: n, reason, confirmOverBudget });
      setSaved(true);
      onSaved();
    } catch (err) {
      const fe = fieldErrorsOf(err);
      if (fe.confirmOverBudget) setAskBudget(true);
      setErrors(Object.keys(fe).length ? fe : { _: err instanceof Error ? err.message : String(err) });
      focusFirstError();
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
        {row.notScored ? ` ${t(`notScoredCause.${row.notScored.cause}`, { note: row.notScored.note ?? '' })}` : null}
        {row.eligible && money && row.amount !== null ? ` ${t('amountLine', { amount: formatNumber(row.amount, locale), demand: formatNumber(row.demand, locale) })}` : null}
        {row.capped ? ` ${t('cappedLine')}` : null}
        {!row.eligible && row.truth === 'pass' && money && row.demand !== null ? ` ${t('demandLine', { demand: formatNumber(row.demand, locale) })}` : null}
      </Alert>
      <section className="grid gap-2">
        <h3 className="text-sm font-semibold">{t('whyTitle')}</h3>
        <RuleExplanationView explanation={row.explanation} labels={labels} />
      </section>
      <DeterminationStability determinationId={row.id} />
      {row.gap ? (
        <section className="grid gap-2">
          <h3 className="text-sm font-semibold">{t('gapTitle')}</h3>
          <GapView gap={row.gap} labels={labels} />
          <p className="text-xs text-muted-foreground">{t('gapNote')}</p>
        </section>
      ) : null}
      {row.override ? (
        <Alert variant="info" title={t('overriddenTitle')} data-testid="override-in-effect">
          {t('overriddenBody', {
            eligible: row.override.eligible ? t('yes') : t('no'),
            amount: formatNumber(row.override.amount, locale),
            by: row.override.by ?? '—',
            reason: row.override.reason,
            computed: row.computed.eligible ? t('yes') : t('no'),
          })}{' '}
          <WithNames>{t('overrideApprovedBy', { name: nameIn(row.override.approvedBy ?? '—') })}</WithNames>
        </Alert>
      ) : null}
      {row.pending ? (
        <Alert variant="warning" title={t('pendingTitle')} data-testid="override-pending">
          {t('pendingBody', {
            eligible: row.pending.eligible ? t('yes') : t('no'),
            amount: formatNumber(row.pending.amount, locale),
            by: row.pending.by ?? '—',
            reason: row.pending.reason,
          })}
          {row.pending.overBudget ? ` ${t('pendingOverBudget')}` : null}
        </Alert>
      ) : saved ? (
        <Alert variant="success">{t('overrideProposed')}</Alert>
      ) : (
        <form ref={formRef} onSubmit={onSubmit} noValidate className="grid gap-3 border-t border-border pt-4">
          <h3 className="text-sm font-semibold">{t('overrideTitle')}</h3>
          <p className="text-sm text-muted-foreground">{t('overrideFourEyes')}</p>
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
          <ReasonField id="override-reason" label={t('overrideReason')} value={reason} onChange={setReason} rows={2} error={msg(errors.reason)} />
          {askBudget ? (
            <FormField layout="inline" id="override-confirm-budget" label={t('confirmOverBudget')} error={confirmOverBudget ? undefined : msg(errors.confirmOverBudget)}>
              <Checkbox checked={confirmOverBudget} onCheckedChange={(v) => setConfirmOverBudget(v === true)} />
            </FormField>
          ) : null}
          <div>
            <Button type="submit" variant="secondary" loading={override.isPending}>
              {t('overrideSubmit')}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
