// Reading jobs: the one who started a job, or an administrator, follows its progress and reads
// its result or error. Progress of a job still writing comes from this process's live reports.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { NotFoundError } from '@/server/errors';
import { getJobRow, listJobRows, type JobError, type JobRow } from '@/server/queries/jobs';
import { liveProgress } from '@/server/jobs/live';
import { recoverInterruptedJobs } from '@/server/jobs/recovery';
import { JOB_STEPS, type JobStep } from '@/core/domain/jobs';
import type { JobKind } from '@/core/domain/enums';

export type JobView = Omit<JobRow, 'input' | 'progressNote' | 'error'> & { step: JobStep | null; error: JobError | null };

const stepOf = (note: string | null): JobStep | null => JOB_STEPS.find((s) => s === note) ?? null;

function view(row: JobRow): JobView {
  const { input: _input, progressNote, error, ...rest } = row;
  const live = row.status === 'queued' || row.status === 'running' ? liveProgress(row.id) : null;
  return {
    ...rest,
    progress: live ? Math.max(live.progress, row.progress) : row.progress,
    step: row.status === 'succeeded' ? 'done' : (live?.step ?? stepOf(progressNote)),
    error: (error as JobError | null) ?? null,
  };
}

const mayRead = (me: SessionUser, row: JobRow) => me.role === 'admin' || row.startedBy === me.id;

export function getJob(db: Db, me: SessionUser, id: number): JobView {
  recoverInterruptedJobs(db);
  const row = getJobRow(db, id);
  // Someone else's job is answered as missing: its existence is not the caller's business.
  if (!mayRead(me, row)) throw new NotFoundError('Job', id);
  return view(row);
}

/** The newest jobs the caller may read (an administrator: everybody's). */
export function listJobs(db: Db, me: SessionUser, opts: { kind?: JobKind | undefined }): JobView[] {
  recoverInterruptedJobs(db);
  return listJobRows(db, { startedBy: me.role === 'admin' ? null : me.id, kind: opts.kind, limit: 20 }).map(view);
}
