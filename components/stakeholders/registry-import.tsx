'use client';
// Registering stakeholders from a file: download the template, choose a CSV/XLSX file, read the
// dry run (every problem by row and column) and register all rows at once when it is clean.
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Download, FileUp } from 'lucide-react';
import { useTRPC } from '@/lib/trpc/client';
import { uploadWithProgress } from '@/lib/upload';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Progress } from '@/components/ui/progress';
import { buttonClassName } from '@/components/ui/styles';
import type { RegistryReport } from '@/core/schemas/stakeholder-registry';
import { JobFailed, JobProgress, useJobRunner } from '@/components/jobs/job-progress';
import { RegistryImportReport } from './registry-import-report';

type Phase = { kind: 'idle' } | { kind: 'uploading'; percent: number; dryRun: boolean } | { kind: 'processing'; dryRun: boolean };
type Answer = { report?: RegistryReport; jobId?: number; error?: { message: string } };

export function RegistryImport({ listHref }: { listHref: string }) {
  const t = useTranslations('stakeholders.registry');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [report, setReport] = useState<RegistryReport | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJobRunner<'stakeholders.import'>();
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = phase.kind !== 'idle' || job.running;

  async function send(dryRun: boolean) {
    if (!file) return;
    setError(null);
    setDone(null);
    if (dryRun) setReport(null);
    const form = new FormData();
    form.set('file', file);
    form.set('dryRun', dryRun ? '1' : '0');
    setPhase({ kind: 'uploading', percent: 0, dryRun });
    try {
      const { status, body } = await uploadWithProgress<Answer>(
        '/api/stakeholders/import',
        form,
        (percent) => setPhase({ kind: 'uploading', percent, dryRun }),
        () => setPhase({ kind: 'processing', dryRun }),
      );
      if (status >= 400 || body.error) setError(body.error?.message ?? t('failed'));
      if (body.report) setReport(body.report);
      const jobId = body.jobId;
      if (dryRun || jobId === undefined) return;
      const result = await job.run(async () => {
        setPhase({ kind: 'idle' }); // the upload is done: the job's own progress takes over
        return { jobId, kind: 'stakeholders.import' as const };
      });
      setReport(result.report);
      if (result.imported) {
        setDone(result.count);
        setFile(null);
        if (fileInput.current) fileInput.current.value = '';
        await queryClient.invalidateQueries({ queryKey: trpc.stakeholders.pathKey() });
      }
    } catch (e) {
      // A failed job shows its own error under its progress.
      if (!(e instanceof JobFailed)) setError(t('networkError'));
    } finally {
      setPhase({ kind: 'idle' });
    }
  }

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle as="h2">{t('stepFile')}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          <p className="text-sm text-muted-foreground">{t('layoutHint')}</p>
          <div>
            <a href="/api/stakeholders/import/template" className={buttonClassName({ variant: 'outline' })} download>
              <Download aria-hidden="true" />
              {t('template')}
            </a>
          </div>
          <div className="grid gap-1.5">
            <span id="registry-file-label" className="text-sm font-medium">
              {t('file')}
            </span>
            <div className="flex flex-wrap items-center gap-3">
              {/* The native picker's button text follows the browser's language; this one follows ours. */}
              <label className={buttonClassName({ variant: 'outline', className: 'focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-ring' })}>
                <FileUp aria-hidden="true" />
                {t('chooseFile')}
                <input
                  ref={fileInput}
                  type="file"
                  aria-labelledby="registry-file-label"
                  accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  onChange={(e) => {
                    setFile(e.target.files?.[0] ?? null);
                    setReport(null);
                    setDone(null);
                    setError(null);
                  }}
                  className="sr-only"
                />
              </label>
              <span className="min-w-0 text-sm text-muted-foreground [overflow-wrap:anywhere]">{file ? file.name : t('noFile')}</span>
            </div>
          </div>
          <div className="flex flex-wrap gap-3">
            <Button onClick={() => void send(true)} disabled={!file || busy} loading={phase.kind !== 'idle' && phase.dryRun}>
              <FileUp aria-hidden="true" />
              {t('check')}
            </Button>
          </div>
          <div aria-live="polite">
            {phase.kind === 'uploading' ? (
              <Progress value={phase.percent} label={t('uploading')} valueLabel={format.number(phase.percent / 100, { style: 'percent' })} />
            ) : phase.kind === 'processing' ? (
              <Progress value={null} label={phase.dryRun ? t('checking') : t('importing')} valueLabel="" />
            ) : job.running || job.job?.status === 'failed' ? (
              <JobProgress kind="stakeholders.import" job={job.job} />
            ) : null}
          </div>
        </CardContent>
      </Card>

      {error ? <Alert variant="error" title={t('failed')}>{error}</Alert> : null}
      {done !== null ? (
        <Alert variant="success" title={t('doneTitle')} action={<Link href={listHref} className={buttonClassName({ variant: 'outline', size: 'sm' })}>{t('toList')}</Link>}>
          <span data-testid="registry-done">{t('done', { n: done })}</span>
        </Alert>
      ) : null}

      {report && done === null ? (
        <Card>
          <CardHeader>
            <CardTitle as="h2">{t('reportTitle')}</CardTitle>
          </CardHeader>
          <CardContent>
            <RegistryImportReport
              report={report}
              runAction={
                <Button onClick={() => void send(false)} loading={job.running || (phase.kind !== 'idle' && !phase.dryRun)} disabled={busy}>
                  {t('run', { n: report.creates })}
                </Button>
              }
            />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
