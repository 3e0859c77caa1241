'use client';
// The due date of a period's entry: set or cleared by an administrator, on or after the period's
// start (checked here as the server checks it, so the message is at the field at once).
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { fieldErrorsOf, translateMessage } from '@/lib/trpc/errors';
import { vmsg } from '@/core/domain/messages';
import { periodDueDateSchema } from '@/core/schemas/work-queue';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';

type Period = { id: number; code: string; startsOn: string; dueOn: string | null };

export function PeriodDueDialog({ period, onDone, onCancel }: { period: Period; onDone: () => Promise<void>; onCancel: () => void }) {
  const t = useTranslations('workQueue.periods');
  const tc = useTranslations('common');
  const tAll = useTranslations();
  const trpc = useTRPC();
  const save = useMutation(trpc.periods.setDueDate.mutationOptions());
  const [dueOn, setDueOn] = useState(period.dueOn ?? '');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();

  async function submit(value: string | null) {
    setFieldError(undefined);
    setError(undefined);
    const parsed = periodDueDateSchema.safeParse({ id: period.id, dueOn: value });
    const problem = !parsed.success ? parsed.error.issues[0]!.message : value !== null && value < period.startsOn ? vmsg('validation.dueBeforeStart', { start: period.startsOn }) : null;
    if (problem) {
      setFieldError(translateMessage(tAll, problem));
      throw new Error(problem);
    }
    try {
      await save.mutateAsync({ id: period.id, dueOn: value });
      await onDone();
    } catch (e) {
      const fields = fieldErrorsOf(e);
      if (fields.dueOn) setFieldError(translateMessage(tAll, fields.dueOn));
      else setError(e instanceof Error ? e.message : String(e));
      throw e;
    }
  }

  return (
    <ConfirmDialog
      open
      onOpenChange={(o) => (o ? undefined : onCancel())}
      title={t('dueTitle', { code: period.code })}
      description={t('dueBody', { start: period.startsOn })}
      confirmLabel={t('save')}
      cancelLabel={tc('cancel')}
      confirmDisabled={dueOn === ''}
      error={error}
      onConfirm={() => submit(dueOn)}
    >
      <div className="grid gap-3">
        <FormField label={t('dueField')} error={fieldError}>
          <Input type="date" min={period.startsOn} value={dueOn} onChange={(e) => setDueOn(e.target.value)} data-testid="period-due-input" />
        </FormField>
        {period.dueOn ? (
          <Button type="button" size="sm" variant="ghost" className="justify-self-start" onClick={() => submit(null).catch(() => undefined)}>
            {t('clear')}
          </Button>
        ) : null}
      </div>
    </ConfirmDialog>
  );
}
