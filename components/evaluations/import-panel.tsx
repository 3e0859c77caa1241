'use client';
// Bulk import: choose the KPI set, download its template, upload a CSV/XLSX file (with upload
// progress), read the dry-run report — every problem by row and column — and import when clean.
import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, FileUp } from 'lucide-react';
import { useTRPC } from '@/lib/trpc/client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { NativeSelect } from '@/components/ui/native-select';
import { Progress } from '@/components/ui/progress';
import { buttonClassName } from '@/components/ui/styles';
import { pickName } from '@/core/i18n/label';
import { localParams } from '@/core/i18n/units';
import type { ImportMode, ImportProblem } from '@/core/domain/imports';
import { DEFAULT_LOCALE, isLocale } from '@/i18n/config';
import { JobProgress } from '@/components/jobs/job-progress';
import { FilePicker } from '@/components/imports/file-picker';
import { ImportProblems } from '@/components/imports/problem-table';
import { useFileImport } from '@/components/imports/use-file-import';

export function ImportPanel() {
  const t = useTranslations('evaluations.import');
  const tc = useTranslations('common');
  const current = useLocale();
  const locale = isLocale(current) ? current : DEFAULT_LOCALE;
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.imports.options.queryOptions());
  const [kpiSet, setKpiSet] = useState('');
  const [mode, setMode] = useState<ImportMode>('draft');
  const { file, choose, fileInput, phase, report, setReport, done, error, job, busy, send: upload } = useFileImport({
    url: '/api/imports',
    kind: 'evaluations.import',
    failedText: t('failed'),
    networkErrorText: t('networkError'),
    onImported: () => queryClient.invalidateQueries({ queryKey: trpc.evaluations.pathKey() }),
  });
  const sets = options.data?.kpiSets ?? [];
  const chosen = kpiSet || sets[0]?.code || '';
  const send = (dryRun: boolean) => (chosen ? upload(dryRun, { kpiSet: chosen, mode }) : Promise.resolve());

  const problemText = (p: ImportProblem) => t(`problems.${p.code}`, localParams({ ...p.params }, locale));

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle as="h2">{t('stepFile')}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          {options.data && !options.data.period ? <Alert variant="warning">{t('noOpenPeriod')}</Alert> : null}
          {options.data?.period ? <p className="text-sm text-muted-foreground">{t('intoPeriod', { code: options.data.period.code })}</p> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <label className="grid gap-1 text-sm font-medium">
              {t('kpiSet')}
              <NativeSelect value={chosen} onChange={(e) => { setKpiSet(e.target.value); setReport(null); }}>
                {sets.map((s) => (
                  <option key={s.code} value={s.code}>
                    {pickName(s.name, locale)} ({s.code})
                  </option>
                ))}
              </NativeSelect>
            </label>
            <div className="grid content-end">
              <a
                href={`/api/imports/template?kpiSet=${encodeURIComponent(chosen)}&lang=${locale}`}
                className={buttonClassName({ variant: 'outline' })}
                download
              >
                <Download aria-hidden="true" />
                {t('template')}
              </a>
            </div>
          </div>
          <p className="text-sm text-muted-foreground">{t('templateHint')}</p>
          <p className="text-sm text-muted-foreground">{t('layoutHint')}</p>
          <FilePicker id="import-file-label" label={t('file')} chooseLabel={t('chooseFile')} noFileLabel={t('noFile')} file={file} inputRef={fileInput} onChoose={choose} />
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">{t('mode')}</legend>
            {(['draft', 'submitted'] as const).map((m) => (
              <label key={m} className="flex items-start gap-2 text-sm">
                <input type="radio" name="import-mode" value={m} checked={mode === m} onChange={() => { setMode(m); setReport(null); }} className="mt-0.5 size-4 accent-primary" />
                <span>
                  <span className="font-medium">{t(`modes.${m}`)}</span>
                  <span className="block text-muted-foreground">{t(`modeHints.${m}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="flex flex-wrap gap-3">
            <Button onClick={() => void send(true)} disabled={!file || !chosen || busy} loading={phase.kind !== 'idle' && phase.dryRun}>
              <FileUp aria-hidden="true" />
              {t('check')}
            </Button>
          </div>
          {phase.kind === 'uploading' ? (
            <Progress value={phase.percent} label={t('uploading')} valueLabel={format.number(phase.percent / 100, { style: 'percent' })} />
          ) : phase.kind === 'processing' ? (
            <Progress value={null} label={phase.dryRun ? t('checking') : t('importing')} valueLabel="" />
          ) : null}
          {job.job && (job.running || job.job.status === 'failed') ? <JobProgress kind="evaluations.import" job={job.job} /> : null}
        </CardContent>
      </Card>

      {error ? <Alert variant="error" title={t('failed')}>{error}</Alert> : null}
      {done !== null ? (
        <Alert variant="success" title={t('doneTitle')} action={<Link href="/evaluations" className={buttonClassName({ variant: 'outline', size: 'sm' })}>{t('toWorkList')}</Link>}>
          <span data-testid="import-done">{t('done', { n: done })}</span>
        </Alert>
      ) : null}

      {report && done === null ? (
        <Card>
          <CardHeader>
            <CardTitle as="h2">{t('reportTitle')}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <p className="text-sm" data-testid="import-summary">
              {t('summary', { rows: report.rows, creates: report.creates, updates: report.updates, format: (report.format ?? '—').toUpperCase(), encoding: report.encoding ?? '—' })}
            </p>
            {report.warnings.map((w) => (
              <Alert key={`${w.code}:${w.column ?? ''}`} variant="info">{problemText(w)}</Alert>
            ))}
            {report.ok ? (
              <Alert
                variant="success"
                title={t('cleanTitle')}
                action={
                  <Button onClick={() => void send(false)} loading={job.running || (phase.kind !== 'idle' && !phase.dryRun)} disabled={busy}>
                    {t('run', { n: report.creates + report.updates })}
                  </Button>
                }
              >
                {t('cleanBody', { mode: t(`modes.${report.mode}`) })}
              </Alert>
            ) : (
              <ImportProblems
                namespace="evaluations.import"
                testId="import-problems"
                problems={report.problems}
                moreProblems={report.moreProblems}
                problemText={problemText}
              />
            )}
          </CardContent>
        </Card>
      ) : null}
      {options.isError ? <Alert variant="error" title={tc('loadError')}>{options.error.message}</Alert> : null}
    </div>
  );
}
