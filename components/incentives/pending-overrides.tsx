'use client';
// Overrides of a run waiting for a second administrator: each with its proposer and reason; another
// administrator approves it (confirming when it takes the run over budget) or rejects it with a
// reason. The proposer sees their own as waiting, without the buttons.
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { fieldErrorsOf, translateMessage } from '@/lib/trpc/errors';
import { formatNumber } from '@/core/i18n/format';
import { reasonProblem } from '@/core/schemas/reason';
import { ReasonField } from '@/components/forms/reason-field';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { ConfirmDialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Table, TableCaption, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { LangText } from '@/components/ui/lang-text';

export function PendingOverrides({ runId, money, onDecided }: { runId: number; money: boolean; onDecided: () => void }) {
  const t = useTranslations('incentives.run');
  const locale = useLocale();
  const trpc = useTRPC();
  const pending = useQuery(trpc.eligibility.pendingOverrides.queryOptions({ runId }));
  const queryClient = useQueryClient();
  const rows = pending.data ?? [];
  if (rows.length === 0) return null;
  const decided = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.eligibility.pendingOverrides.queryKey({ runId }) });
    onDecided();
  };
  return (
    <Card data-testid="pending-overrides">
      <CardHeader>
        <CardTitle>{t('pendingListTitle', { count: rows.length })}</CardTitle>
      </CardHeader>
      <CardContent>
        <Table scrollLabel={t('pendingListTitle', { count: rows.length })} dense>
          <TableCaption className="sr-only">{t('pendingListTitle', { count: rows.length })}</TableCaption>
          <THead>
            <TR>
              <TH>{t('stakeholder')}</TH>
              <TH>{t('result')}</TH>
              {money ? <TH numeric>{t('amount')}</TH> : null}
              <TH>{t('overrideReason')}</TH>
              <TH>{t('proposedBy')}</TH>
              <TH>
                <span className="sr-only">{t('decision')}</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {rows.map((o) => (
              <TR key={o.id} data-testid="pending-override">
                <TD className="min-w-40">
                  <div className="font-medium"><LangText>{o.name}</LangText></div>
                  <div className="font-mono text-xs text-muted-foreground">{o.stakeholder}</div>
                </TD>
                <TD className="whitespace-nowrap">
                  {o.eligible ? t('yes') : t('no')}
                  {o.overBudget ? (
                    <Badge variant="warning" className="ml-2">
                      {t('overBudget')}
                    </Badge>
                  ) : null}
                </TD>
                {money ? <TD numeric>{formatNumber(o.amount, locale, { digits: 2 })}</TD> : null}
                <TD className="min-w-40">{o.reason}</TD>
                <TD>{o.by ?? '—'}</TD>
                <TD>{o.mine ? <span className="text-sm text-muted-foreground">{t('awaitingOther')}</span> : <Decide id={o.id} name={o.name} onDone={decided} />}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </CardContent>
    </Card>
  );
}

function Decide({ id, name, onDone }: { id: number; name: string; onDone: () => Promise<void> }) {
  const t = useTranslations('incentives.run');
  const tc = useTranslations('common');
  const tAll = useTranslations();
  const trpc = useTRPC();
  const approve = useMutation(trpc.eligibility.approveOverride.mutationOptions());
  const reject = useMutation(trpc.eligibility.rejectOverride.mutationOptions());
  const [confirmOverBudget, setConfirmOverBudget] = useState(false);
  const [budgetError, setBudgetError] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const fail = (err: unknown) => {
    const fe = fieldErrorsOf(err);
    if (fe.confirmOverBudget) setBudgetError(translateMessage(tAll, fe.confirmOverBudget));
    else setError(err instanceof Error ? err.message : String(err));
    throw err;
  };
  return (
    <span className="flex gap-2 whitespace-nowrap">
      <ConfirmDialog
        trigger={<Button size="sm">{t('approve')}</Button>}
        title={t('approveTitle', { name })}
        description={t('approveBody')}
        confirmLabel={t('approve')}
        cancelLabel={tc('cancel')}
        error={error}
        onConfirm={async () => {
          setError(undefined);
          await approve.mutateAsync({ overrideId: id, confirmOverBudget }).then(onDone, fail);
        }}
      >
        {budgetError ? (
          <FormField layout="inline" id={`approve-confirm-budget-${id}`} label={t('confirmOverBudget')} error={confirmOverBudget ? undefined : budgetError}>
            <Checkbox checked={confirmOverBudget} onCheckedChange={(v) => setConfirmOverBudget(v === true)} />
          </FormField>
        ) : null}
      </ConfirmDialog>
      <ConfirmDialog
        trigger={<Button size="sm" variant="outline">{t('reject')}</Button>}
        title={t('rejectTitle', { name })}
        description={t('rejectBody')}
        confirmLabel={t('reject')}
        cancelLabel={tc('cancel')}
        destructive
        confirmDisabled={reasonProblem(reason) !== null}
        error={error}
        onConfirm={async () => {
          setError(undefined);
          await reject.mutateAsync({ overrideId: id, reason }).then(onDone, fail);
        }}
      >
        <ReasonField id={`reject-reason-${id}`} label={t('rejectReason')} value={reason} onChange={setReason} rows={2} />
      </ConfirmDialog>
    </span>
  );
}
