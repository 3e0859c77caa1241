'use client';
// Registering stakeholders from a file: download the template, choose a CSV/XLSX file, read the
// dry run (every problem by row and column) and register all rows at once when it is clean.
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useQueryClient } from '@tanstack/react-query';
import { Download, FileUp } from 'lucide-react';
import { useTRPC } from '@/lib/trpc/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Progress } from '@/components/ui/progress';
import { buttonClassName } from '@/components/ui/styles';
import { JobProgress } from '@/components/jobs/job-progress';
import { FilePicker } from '@/components/imports/file-picker';
import { useFileImport } from '@/components/imports/use-file-import';
import { RegistryImportReport } from './registry-import-report';

export function RegistryImport({ listHref }: { listHref: string }) {
  const t = useTranslations('stakeholders.registry');
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { file, choose, fileInput, phase, report, done, error, job, busy, send } = useFileImport({
    url: '/api/stakeholders/import',
    kind: 'stakeholders.import',
    failedText: t('failed'),
    networkErrorText: t('networkError'),
    onImported: () => queryClient.invalidateQueries({ queryKey: trpc.stakeholders.pathKey() }),
  });

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
          <FilePicker id="registry-file-label" label={t('file')} chooseLabel={t('chooseFile')} noFileLabel={t('noFile')} file={file} inputRef={fileInput} onChoose={choose} />
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
