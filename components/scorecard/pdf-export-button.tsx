'use client';
// The PDF export: a job on the server (one shared Chromium renders the print page), followed with
// its progress (queued → rendering → done); then the file downloads, and a link stays for another
// try. A full queue answers 503 with a message in the reader's language, shown here.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { FileText } from 'lucide-react';
import { JobProgress, useJobRunner } from '@/components/jobs/job-progress';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { JobHandle } from '@/server/jobs/runner';

class StartRefused extends Error {}

async function startPdf(url: string): Promise<JobHandle<'scorecard.pdf'>> {
  const res = await fetch(url, { method: 'POST', headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => null)) as (JobHandle<'scorecard.pdf'> & { error?: { message?: string } }) | null;
  if (!res.ok || !body) throw new StartRefused(body?.error?.message ?? res.statusText);
  return body;
}

export function PdfExportButton({ startUrl, label }: { startUrl: string; label: string }) {
  const t = useTranslations('jobs.pdf');
  const job = useJobRunner<'scorecard.pdf'>();
  const [refused, setRefused] = useState<string | null>(null);
  const [href, setHref] = useState<string | null>(null);

  async function onExport() {
    setRefused(null);
    setHref(null);
    let jobId: number | null = null;
    const result = await job
      .run(async () => {
        const handle = await startPdf(startUrl);
        jobId = handle.jobId;
        return handle;
      })
      .catch((e: unknown) => {
        if (e instanceof StartRefused) setRefused(e.message);
        return null;
      });
    if (!result || jobId === null) return;
    const file = `/api/jobs/${jobId}/file`;
    setHref(file);
    // The answer is an attachment: the browser saves it and the page stays.
    const link = document.createElement('a');
    link.href = file;
    link.click();
  }

  return (
    <div className="grid gap-2" data-export="pdf">
      <Button variant="outline" size="sm" onClick={onExport} loading={job.running}>
        <FileText aria-hidden="true" className="size-4" />
        {label}
      </Button>
      {job.running || job.job ? <JobProgress kind="scorecard.pdf" job={job.job} /> : null}
      {href ? (
        <p className="text-sm" role="status">
          {t('ready')}{' '}
          <a href={href} className="font-medium text-primary underline" data-pdf-download>
            {t('download')}
          </a>
        </p>
      ) : null}
      {refused ? <Alert variant="error">{refused}</Alert> : null}
    </div>
  );
}
