'use client';
// Bulk import: choose the KPI set, download its template, upload a CSV/XLSX file (with upload
// progress), read the dry-run report — every problem by row and column — and import when clean.
import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Download, FileUp } from 'lucide-react';
import { useTRPC } from '@/lib/trpc/client';
import { uploadWithProgress } from '@/lib/upload';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { NativeSelect } from '@/components/ui/native-select';
import { Progress } from '@/components/ui/progress';
import { buttonClassName } from '@/components/ui/styles';
import { pickName } from '@/core/i18n/label';
import type { ImportMode, ImportProblem, ImportReport } from '@/core/domain/imports';
import { DEFAULT_LOCALE, isLocale } from '@/i18n/config';
import { JobFailed, JobProgress, useJobRunner } from '@/components/jobs/job-progress';

type Phase = { kind: 'idle' } | { kind: 'uploading'; percent: number; dryRun: boolean } | { kind: 'processing'; dryRun: boolean };
/** A dry run answers its report; an import answers the job that runs it. */
type Response = { report?: ImportReport; jobId?: number; error?: { message: string } };

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
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJobRunner<'evaluations.import'>();
  const fileInput = useRef<HTMLInputElement>(null);
  const sets = options.data?.kpiSets ?? [];
  const chosen = kpiSet || sets[0]?.code || '';

  async function send(dryRun: boolean) {
    if (!file || !chosen) return;
    setError(null);
    setDone(null);
    if (dryRun) setReport(null);
    const form = new FormData();
    form.set('file', file);
    form.set('kpiSet', chosen);
    form.set('mode', mode);
    form.set('dryRun', dryRun ? '1' : '0');
    setPhase({ kind: 'uploading', percent: 0, dryRun });
    try {
      const { status, body } = await uploadWithProgress<Response>(
        '/api/imports',
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
        return { jobId, kind: 'evaluations.import' as const };
      });
      setReport(result.report);
      if (result.imported) {
        setDone(result.count);
        setFile(null);
        if (fileInput.current) fileInput.current.value = '';
        await queryClient.invalidateQueries({ queryKey: trpc.evaluations.pathKey() });
      }
    } catch (e) {
      // A failed job shows its own error under its progress.
      if (!(e instanceof JobFailed)) setError(t('networkError'));
    } finally {
      setPhase({ kind: 'idle' });
    }
  }

  const problemText = (p: ImportProblem) => t(`problems.${p.code}`, { ...p.params });
  const busy = phase.kind !== 'idle' || job.running;

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
          <p className="text-sm text-muted-foreground">{t('layoutHint')}</p>
          <div className="grid gap-1.5">
            <span id="import-file-label" className="text-sm font-medium">
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
                  aria-labelledby="import-file-label"
                  accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  onChange={(e) => { setFile(e.target.files?.[0] ?? null); setReport(null); setDone(null); setError(null); }}
                  className="sr-only"
                />
              </label>
              <span className="min-w-0 text-sm text-muted-foreground [overflow-wrap:anywhere]">{file ? file.name : t('noFile')}</span>
            </div>
          </div>
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
              <>
                <Alert variant="error" title={t('problemsTitle', { n: report.problems.length + report.moreProblems })}>
                  {t('problemsBody')}
                </Alert>
                <div className="overflow-x-auto rounded-lg border">
                  <table className="w-full text-sm" data-testid="import-problems">
                    <caption className="sr-only">{t('problemsCaption')}</caption>
                    <thead className="bg-muted text-left text-xs uppercase tracking-wide text-muted-foreground">
                      <tr>
                        <th scope="col" className="px-3 py-2">{t('row')}</th>
                        <th scope="col" className="px-3 py-2">{t('column')}</th>
                        <th scope="col" className="px-3 py-2">{t('problem')}</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y">
                      {report.problems.map((p, i) => (
                        <tr key={i}>
                          <td className="px-3 py-2 align-top tabular-nums">{p.row ?? '—'}</td>
                          <td className="px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">{p.column ?? '—'}</td>
                          <td className="px-3 py-2 [overflow-wrap:anywhere]">{problemText(p)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {report.moreProblems ? <p className="text-sm text-muted-foreground">{t('moreProblems', { n: report.moreProblems })}</p> : null}
              </>
            )}
          </CardContent>
        </Card>
      ) : null}
      {options.isError ? <Alert variant="error" title={tc('loadError')}>{options.error.message}</Alert> : null}
    </div>
  );
}
