'use client';
// Run a program on a published period, then open the run.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Play } from 'lucide-react';
import { useTRPC } from '@/lib/trpc/client';
import { JobProgress, useJobRunner } from '@/components/jobs/job-progress';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { NativeSelect } from '@/components/ui/native-select';

export function RunPanel({ programId, disabled }: { programId: number; disabled: boolean }) {
  const t = useTranslations('incentives.runPanel');
  const tc = useTranslations('common');
  const router = useRouter();
  const trpc = useTRPC();
  const periods = useQuery(trpc.eligibility.periods.queryOptions());
  const run = useMutation(trpc.eligibility.run.mutationOptions());
  const job = useJobRunner<'eligibility.run'>();
  const [periodId, setPeriodId] = useState('');
  const chosen = periodId || String(periods.data?.[0]?.id ?? '');

  async function onRun() {
    if (!chosen) return;
    // The run is a job on the server: follow it, then open the run it stored.
    const r = await job.run(() => run.mutateAsync({ programId, periodId: Number(chosen) })).catch(() => null);
    if (r) router.push(`/admin/programs/${programId}/runs/${r.runId}`);
  }

  return (
    <div className="grid gap-3">
      <p className="text-sm text-muted-foreground">{t('hint')}</p>
      {disabled ? <Alert variant="warning">{t('archived')}</Alert> : null}
      <div className="flex flex-wrap items-end gap-3">
        <FormField label={t('period')} id="run-period" className="w-full sm:w-56">
          <NativeSelect value={chosen} onChange={(e) => setPeriodId(e.target.value)} disabled={periods.isPending}>
            {periods.isPending ? <option value="">{tc('loading')}</option> : null}
            {(periods.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.code}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <Button onClick={onRun} loading={job.running} disabled={disabled || !chosen}>
          <Play aria-hidden="true" className="size-4" />
          {t('run')}
        </Button>
      </div>
      {periods.data && periods.data.length === 0 ? <Alert variant="info">{t('noPeriods')}</Alert> : null}
      {job.job ? <JobProgress kind="eligibility.run" job={job.job} /> : null}
      {run.error ? (
        <Alert variant="error" title={t('failed')}>
          {run.error.message}
        </Alert>
      ) : null}
    </div>
  );
}
