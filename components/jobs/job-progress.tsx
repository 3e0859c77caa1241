'use client';
// Long work (publishing, eligibility runs, imports) runs as a job on the server: `useJob` polls
// it until it ends (`useJobRunner`), `JobProgress` shows the bar, the step (announced politely) and the error.
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTRPCClient } from '@/lib/trpc/client';
import { Alert } from '@/components/ui/alert';
import { Progress } from '@/components/ui/progress';
import type { JobKind } from '@/core/domain/enums';
import type { HandledKind, JobResultOf } from '@/server/jobs/handlers';
import type { JobHandle } from '@/server/jobs/runner';
import type { JobView } from '@/server/jobs/view';

const POLL_MS = 500;

const KIND_KEY = {
  'period.publish': 'periodPublish',
  'eligibility.run': 'eligibilityRun',
  'scores.provisional': 'scoresProvisional',
  'evaluations.import': 'evaluationsImport',
  'stakeholders.import': 'stakeholdersImport',
  'scorecard.pdf': 'scorecardPdf',
  'tuning.preview': 'tuningPreview',
  'eligibility.robustness': 'eligibilityRobustness',
  'revision.preview': 'revisionPreview',
  'revision.publish': 'revisionPublish',
} as const satisfies Record<JobKind, string>;

/** Thrown by `run` when the job failed; the error is on the job, shown by `JobProgress`. */
export class JobFailed extends Error {
  constructor(readonly job: JobView) {
    super(`Job ${job.id} failed`);
  }
}

/**
 * Starts a job and follows it: `run(start)` calls the procedure that starts it, polls the job
 * until it ends and resolves with its result (typed by its kind) or rejects with `JobFailed`.
 * `job` is the latest state, for `JobProgress`.
 */
export function useJobRunner<K extends HandledKind>() {
  const client = useTRPCClient();
  const [job, setJob] = useState<JobView | null>(null);
  const [running, setRunning] = useState(false);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const run = useCallback(
    async (start: () => Promise<JobHandle<K>>): Promise<JobResultOf<K>> => {
      setJob(null);
      setRunning(true);
      try {
        const handle = await start();
        for (;;) {
          const j = await client.jobs.get.query({ id: handle.jobId });
          if (alive.current) setJob(j);
          if (j.status === 'succeeded') return j.result as JobResultOf<K>;
          if (j.status === 'failed') throw new JobFailed(j);
          if (!alive.current) throw new Error('The page was left; the job goes on on the server.');
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
      } finally {
        if (alive.current) setRunning(false);
      }
    },
    [client],
  );
  return { job, running, run };
}

export function JobProgress({ kind, job }: { kind: JobKind; job: JobView | null }) {
  const t = useTranslations('jobs');
  const tAll = useTranslations();
  // A refusal reads as its reason's sentence in the reader's language; its English message is for the logs.
  const reasonKey = `errors.reason.${String(job?.error?.params.reason ?? '')}`;
  const refusal = tAll.has(reasonKey as never) ? tAll(reasonKey as never, job?.error?.params as never) : String(job?.error?.params.message ?? '');
  const step = job?.step ?? 'queued';
  const failed = job?.status === 'failed';
  return (
    <div className="grid gap-2" data-job={job?.id ?? 'pending'} data-job-status={job?.status ?? 'queued'}>
      <Progress
        label={t('progressLabel', { what: t(`kinds.${KIND_KEY[kind]}`) })}
        value={Math.round((job?.progress ?? 0) * 100)}
        tone={failed ? 'danger' : job?.status === 'succeeded' ? 'success' : 'primary'}
      />
      <p aria-live="polite" className="text-sm text-muted-foreground">
        {failed ? null : t(`steps.${step}`)}
      </p>
      {failed && job.error ? (
        <Alert variant="error" title={t('errors.title')}>
          {job.error.code === 'interrupted' || job.error.code === 'noFile'
            ? t(`errors.${job.error.code}`)
            : job.error.code === 'outOfMemory'
              ? t('errors.outOfMemory', { limitMb: Number(job.error.params.limitMb) })
              : job.error.code === 'rejected'
                ? t('errors.rejected', { message: refusal })
                : t('errors.failed', { message: String(job.error.params.message ?? '') })}
        </Alert>
      ) : null}
    </div>
  );
}
