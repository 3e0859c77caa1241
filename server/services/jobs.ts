// Reading jobs: the one who started a job, or an administrator, follows its progress and reads
// its result or error. Progress of a job still writing comes from this process's live reports.
import 'server-only';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { NotFoundError } from '@/server/errors';
import { getJobRow, listJobRows, type JobRow } from '@/server/queries/jobs';
import { jobView, type JobView } from '@/server/jobs/view';
import { recoverInterruptedJobs } from '@/server/jobs/recovery';
import type { JobKind } from '@/core/domain/enums';

const mayRead = (me: SessionUser, row: JobRow) => me.role === 'admin' || row.startedBy === me.id;

export function getJob(db: Db, me: SessionUser, id: number): JobView {
  recoverInterruptedJobs(db);
  const row = getJobRow(db, id);
  // Someone else's job is answered as missing: its existence is not the caller's business.
  if (!mayRead(me, row)) throw new NotFoundError('Job', id);
  return jobView(row);
}

/** The newest jobs the caller may read (an administrator: everybody's). */
export function listJobs(db: Db, me: SessionUser, opts: { kind?: JobKind | undefined }): JobView[] {
  recoverInterruptedJobs(db);
  return listJobRows(db, { startedBy: me.role === 'admin' ? null : me.id, kind: opts.kind, limit: 20 }).map(jobView);
}
