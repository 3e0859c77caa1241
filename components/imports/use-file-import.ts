'use client';
// The upload flow both file imports share (evaluations and the stakeholder registry): a dry run
// answers its report; a real run uploads the file, then follows the job that imports it.
import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { MAX_IMPORT_BYTES } from '@/core/domain/imports';
import { uploadWithProgress } from '@/lib/upload';
import { JobFailed, useJobRunner } from '@/components/jobs/job-progress';
import type { JobResultOf } from '@/server/jobs/handlers';

type ImportKind = 'evaluations.import' | 'stakeholders.import';
type Report<K extends ImportKind> = JobResultOf<K>['report'];
type Phase = { kind: 'idle' } | { kind: 'uploading'; percent: number; dryRun: boolean } | { kind: 'processing'; dryRun: boolean };
type Answer<K extends ImportKind> = { report?: Report<K>; jobId?: number; error?: { message: string; reason?: string } };

export type FileImport = ReturnType<typeof useFileImport>;

export function useFileImport<K extends ImportKind>(options: {
  url: string;
  kind: K;
  failedText: string;
  networkErrorText: string;
  /** After rows were imported (e.g. invalidate the lists they show in). */
  onImported: () => Promise<void>;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [report, setReport] = useState<Report<K> | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJobRunner<K>();
  const problems = useTranslations('evaluations.import.problems');
  const tooLargeText = problems('too_large', { mb: MAX_IMPORT_BYTES / 1024 / 1024 });
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = phase.kind !== 'idle' || job.running;

  /** A new file invalidates whatever was said about the last one. */
  function choose(next: File | null) {
    setFile(next);
    setReport(null);
    setDone(null);
    setError(null);
  }

  async function send(dryRun: boolean, fields: Record<string, string> = {}) {
    if (!file) return;
    setError(null);
    setDone(null);
    if (dryRun) setReport(null);
    // Said at once rather than after uploading 20 MB for the server to refuse.
    if (file.size > MAX_IMPORT_BYTES) {
      setError(tooLargeText);
      return;
    }
    const form = new FormData();
    form.set('file', file);
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    form.set('dryRun', dryRun ? '1' : '0');
    setPhase({ kind: 'uploading', percent: 0, dryRun });
    try {
      const { status, body } = await uploadWithProgress<Answer<K>>(
        options.url,
        form,
        (percent) => setPhase({ kind: 'uploading', percent, dryRun }),
        () => setPhase({ kind: 'processing', dryRun }),
      );
      if (status === 413 || body.error?.reason === 'too_large') setError(tooLargeText);
      else if (status >= 400 || body.error) setError(body.error?.message ?? options.failedText);
      if (body.report) setReport(body.report);
      const jobId = body.jobId;
      if (dryRun || jobId === undefined) return;
      const result = await job.run(async () => {
        setPhase({ kind: 'idle' }); // the upload is done: the job's own progress takes over
        return { jobId, kind: options.kind };
      });
      setReport(result.report);
      if (result.imported) {
        setDone(result.count);
        setFile(null);
        if (fileInput.current) fileInput.current.value = '';
        await options.onImported();
      }
    } catch (e) {
      // A failed job shows its own error under its progress.
      if (!(e instanceof JobFailed)) setError(options.networkErrorText);
    } finally {
      setPhase({ kind: 'idle' });
    }
  }

  return { file, choose, fileInput, phase, report, setReport, done, error, job, busy, send };
}
