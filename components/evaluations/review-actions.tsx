'use client';
// The review of an evaluation: who submitted or approved it, approve, return with a reason (and the
// comments per indicator written at the fields), and reopen an approved one with a reason.
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { CheckCircle2 } from 'lucide-react';
import { useTRPC } from '@/lib/trpc/client';
import { fieldErrorsOf, translateMessage } from '@/lib/trpc/errors';
import { reasonProblem } from '@/core/schemas/reason';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Textarea } from '@/components/ui/textarea';
import { translateKeyed } from './messages';
import type { EvaluationView } from './use-evaluation-draft';
import { WithNames, nameIn } from '@/components/ui/lang-text';

export function ReviewActions({
  data,
  revision,
  comments,
  onDone,
}: {
  data: EvaluationView;
  revision: number;
  /** Indicator code → the reviewer's comment (blank ones are not sent). */
  comments: Record<string, string>;
  onDone: () => Promise<void>;
}) {
  const t = useTranslations('evaluations.review');
  const tr = useTranslations('reviewerTools.comments');
  const tc = useTranslations('common');
  const tAll = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const approve = useMutation(trpc.evaluations.approve.mutationOptions());
  const sendBack = useMutation(trpc.evaluations.return.mutationOptions());
  const reopen = useMutation(trpc.evaluations.reopen.mutationOptions());
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const e = data.evaluation;
  const { actions } = data;
  if (!actions.review && !actions.reviewBlockedAsSubmitter && !actions.reopen && e.status !== 'approved') return null;

  const given = Object.fromEntries(Object.entries(comments).filter(([, c]) => c.trim() !== '').map(([code, c]) => [code, c.trim()]));
  const commentCount = Object.keys(given).length;

  const withReason = (fn: (reason: string) => Promise<unknown>) => async () => {
    const problem = reasonProblem(reason);
    if (problem) {
      setReasonError(translateMessage(tAll, problem));
      throw new Error('reason');
    }
    const r = reason.trim();
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
          <p className="text-sm"><WithNames>{t('submittedBy', { name: nameIn(e.submittedByName ?? '—'), time: e.submittedAt ? format.dateTime(e.submittedAt, { dateStyle: 'medium', timeStyle: 'short' }) : '—' })}</WithNames></p>
        ) : null}
        {e.status === 'approved' ? (
          <p className="flex items-center gap-2 text-sm">
            <CheckCircle2 aria-hidden="true" className="size-4 text-success" />
            <WithNames>{t('approvedBy', { name: nameIn(e.approvedByName ?? '—'), time: e.approvedAt ? format.dateTime(e.approvedAt, { dateStyle: 'medium', timeStyle: 'short' }) : '—' })}</WithNames>
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
                onConfirm={withReason((r) => sendBack.mutateAsync({ id: e.id, revision, reason: r, comments: given }))}
              >
                <p className="text-sm text-muted-foreground" data-testid="return-comment-count">
                  {tr('count', { n: commentCount })}
                </p>
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
