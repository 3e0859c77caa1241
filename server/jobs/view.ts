// A job as its readers see it: the row without its input, live progress merged while it runs
// (a job inside its write transaction cannot update its own row), the step and error typed.
import 'server-only';
import { JOB_STEPS, type JobStep } from '@/core/domain/jobs';
import type { JobError, JobRow } from '@/server/queries/jobs';
import { liveProgress } from './live';

export type JobView = Omit<JobRow, 'input' | 'progressNote' | 'error'> & { step: JobStep | null; error: JobError | null };

const stepOf = (note: string | null): JobStep | null => JOB_STEPS.find((s) => s === note) ?? null;

export function jobView(row: JobRow): JobView {
  const { input: _input, progressNote, error, ...rest } = row;
  const live = row.status === 'queued' || row.status === 'running' ? liveProgress(row.id) : null;
  return {
    ...rest,
    progress: live ? Math.max(live.progress, row.progress) : row.progress,
    step: row.status === 'succeeded' ? 'done' : (live?.step ?? stepOf(progressNote)),
    error: (error as JobError | null) ?? null,
  };
}

