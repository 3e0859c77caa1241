'use client';
// The steps a reader may take on an appeal: an assessor proposes (accept with corrected values, or
// reject with a reason); a second assessor or an administrator confirms or sends it back (the
// proposer sees the confirm button disabled, with why); who filed it withdraws it while submitted.
// The server decides what is allowed; `can` only chooses what to show.
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import type { Locale } from '@/i18n/config';
import { useTRPC } from '@/lib/trpc/client';
import { fieldErrorsOf } from '@/lib/trpc/errors';
import { parseValueText } from '@/core/domain/value-checks';
import { reasonProblem } from '@/core/schemas/reason';
import { translateKeyed } from '@/components/evaluations/messages';
import { ReasonField } from '@/components/forms/reason-field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';

type Appeal = inferRouterOutputs<AppRouter>['appeals']['get'];

export function AppealActions({ appeal }: { appeal: Appeal }) {
  const t = useTranslations('appeals');
  const tAll = useTranslations();
  const locale = useLocale() as Locale;
  const router = useRouter();
  const trpc = useTRPC();
  const propose = useMutation(trpc.appeals.propose.mutationOptions());
  const confirm = useMutation(trpc.appeals.confirm.mutationOptions());
  const sendBack = useMutation(trpc.appeals.sendBack.mutationOptions());
  const withdraw = useMutation(trpc.appeals.withdraw.mutationOptions());
  const [decision, setDecision] = useState<'accept' | 'reject'>('accept');
  const [corrected, setCorrected] = useState<Record<number, string>>(() => Object.fromEntries(appeal.items.map((i) => [i.id, i.claimedValue === null ? '' : String(i.claimedValue)])));
  const [reason, setReason] = useState('');
  const [backReason, setBackReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const say = (message: string | undefined) => translateKeyed(tAll, message, locale);
  const { can } = appeal;
  const reviewer = appeal.status === 'proposed' && (can.confirm || can.confirmBlocked !== null);
  if (!can.propose && !reviewer && !can.withdraw) return null;

  const run = async (action: () => Promise<unknown>) => {
    setErrors({});
    setError(null);
    try {
      await action();
      router.refresh();
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const submitProposal = (event: FormEvent) => {
    event.preventDefault();
    void run(() =>
      decision === 'accept'
        ? propose.mutateAsync({
            appealId: appeal.id,
            decision: 'accept',
            corrections: appeal.items.map((i) => {
              const v = parseValueText(corrected[i.id] ?? '');
              return { itemId: i.id, correctedValue: v === null ? null : v };
            }),
            reason: reason.trim() || null,
          })
        : propose.mutateAsync({ appealId: appeal.id, decision: 'reject', reason }),
    );
  };

  return (
    <section aria-labelledby="appeal-actions" className="grid gap-4 rounded-lg border border-border p-4">
      <h2 id="appeal-actions" className="text-base font-semibold">
        {t('actions.title')}
      </h2>
      {error ? (
        <Alert variant="error" title={t('actions.failed')}>
          {error}
        </Alert>
      ) : null}

      {can.propose ? (
        <form onSubmit={submitProposal} noValidate className="grid gap-4">
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">{t('actions.decision')}</legend>
            {(['accept', 'reject'] as const).map((d) => (
              <label key={d} className="flex min-h-11 items-center gap-2">
                <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} className="size-4 accent-primary" />
                {t(`decision.${d}`)}
              </label>
            ))}
          </fieldset>
          {decision === 'accept' ? (
            <>
              <p className="text-sm text-muted-foreground">{t('actions.correctHint')}</p>
              {appeal.items.map((item, index) => (
                <FormField
                  key={item.id}
                  id={`corrected-${item.id}`}
                  label={t('actions.corrected', { name: item.name[locale] })}
                  description={t('actions.claimedWas', { value: item.claimedValue ?? '—', published: item.publishedValue ?? '—' })}
                  error={say(errors[`corrections.${index}.correctedValue`])}
                >
                  <Input inputMode="decimal" value={corrected[item.id] ?? ''} onChange={(e) => setCorrected((c) => ({ ...c, [item.id]: e.target.value }))} />
                </FormField>
              ))}
              {errors.corrections ? <p className="text-sm font-medium text-danger">{say(errors.corrections)}</p> : null}
              <FormField id="accept-reason" label={t('actions.note')} error={say(errors.reason)}>
                <Textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
              </FormField>
            </>
          ) : (
            <ReasonField id="reject-reason" label={t('actions.rejectReason')} value={reason} onChange={setReason} error={say(errors.reason)} />
          )}
          <div>
            <Button type="submit" disabled={propose.isPending || (decision === 'reject' && reasonProblem(reason) !== null)}>
              {t('actions.propose')}
            </Button>
          </div>
        </form>
      ) : null}

      {reviewer ? (
        <div className="grid gap-4">
          <p className="text-sm">{t('actions.proposalWaiting', { decision: appeal.proposal ?? 'reject', by: appeal.proposedBy ?? '' })}</p>
          <div className="flex flex-wrap items-center gap-3">
            <Button type="button" onClick={() => void run(() => confirm.mutateAsync({ appealId: appeal.id }))} disabled={!can.confirm || confirm.isPending} aria-describedby={can.confirmBlocked ? 'confirm-blocked' : undefined}>
              {t('actions.confirm')}
            </Button>
            {can.confirmBlocked ? (
              <p id="confirm-blocked" className="text-sm text-muted-foreground">
                {t(`actions.blocked.${can.confirmBlocked}`)}
              </p>
            ) : null}
          </div>
          {can.sendBack ? (
            <form
              noValidate
              className="grid gap-3"
              onSubmit={(e) => {
                e.preventDefault();
                void run(() => sendBack.mutateAsync({ appealId: appeal.id, reason: backReason }));
              }}
            >
              <ReasonField id="send-back-reason" label={t('actions.sendBackReason')} value={backReason} onChange={setBackReason} error={say(errors.reason)} />
              <div>
                <Button type="submit" variant="outline" disabled={sendBack.isPending || reasonProblem(backReason) !== null}>
                  {t('actions.sendBack')}
                </Button>
              </div>
            </form>
          ) : null}
        </div>
      ) : null}

      {can.withdraw ? (
        <div>
          <Button type="button" variant="outline" onClick={() => void run(() => withdraw.mutateAsync({ appealId: appeal.id }))} disabled={withdraw.isPending}>
            {t('actions.withdraw')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
