'use client';
// A period's appeal window and decision days, set by an administrator within the bounds of the
// shared schema (checked here as the server checks them, so the message is at the field at once).
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { fieldErrorsOf, translateMessage } from '@/lib/trpc/errors';
import { periodAppealDaysSchema } from '@/core/schemas/appeals';
import { ConfirmDialog } from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';

type Period = { id: number; code: string; appealWindowDays: number; appealDecisionDays: number };

export function PeriodAppealDaysDialog({ period, onDone, onCancel }: { period: Period; onDone: () => Promise<void>; onCancel: () => void }) {
  const t = useTranslations('appeals.periods');
  const tAll = useTranslations();
  const trpc = useTRPC();
  const save = useMutation(trpc.periods.setAppealDays.mutationOptions());
  const [windowDays, setWindowDays] = useState(String(period.appealWindowDays));
  const [decisionDays, setDecisionDays] = useState(String(period.appealDecisionDays));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();

  async function submit() {
    setFields({});
    setError(undefined);
    const input = { id: period.id, appealWindowDays: Number(windowDays.trim() || Number.NaN), appealDecisionDays: Number(decisionDays.trim() || Number.NaN) };
    const parsed = periodAppealDaysSchema.safeParse(input);
    if (!parsed.success) {
      setFields(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), translateMessage(tAll, i.message)])));
      throw new Error('invalid');
    }
    try {
      await save.mutateAsync(parsed.data);
      await onDone();
    } catch (e) {
      const fe = fieldErrorsOf(e);
      if (Object.keys(fe).length) setFields(Object.fromEntries(Object.entries(fe).map(([k, v]) => [k, translateMessage(tAll, v)])));
      else setError(t('failed', { message: e instanceof Error ? e.message : String(e) }));
      throw e;
    }
  }

  return (
    <ConfirmDialog
      open
      onOpenChange={(o) => (o ? undefined : onCancel())}
      title={t('title', { period: period.code })}
      description={t('description')}
      confirmLabel={t('save')}
      cancelLabel={t('cancel')}
      error={error}
      onConfirm={submit}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="appeal-window-days" label={t('window')} required error={fields.appealWindowDays}>
          <Input type="number" inputMode="numeric" min={0} max={365} step={1} value={windowDays} onChange={(e) => setWindowDays(e.target.value)} />
        </FormField>
        <FormField id="appeal-decision-days" label={t('decisionDays')} required error={fields.appealDecisionDays}>
          <Input type="number" inputMode="numeric" min={1} max={365} step={1} value={decisionDays} onChange={(e) => setDecisionDays(e.target.value)} />
        </FormField>
      </div>
    </ConfirmDialog>
  );
}
