// Starting an impact preview: one job per draft, period and data mark. A request while one with
// the same inputs is queued or running joins it (a second administrator, a reload, a second tab)
// instead of scoring the province again.
import 'server-only';
import type { Db } from '@/db';
import { insertJob, unfinishedJobsMatching } from '@/server/queries/jobs';
import type { PreviewKey } from '@/server/queries/impact-previews';
import { launchJob, type JobHandle } from './runner';
import { recoverInterruptedJobs } from './recovery';

export function requestImpactPreview(db: Db, key: PreviewKey, startedBy: string): JobHandle<'tuning.preview'> {
  recoverInterruptedJobs(db);
  const input = { versionId: key.versionId, periodId: key.periodId, dataMark: key.dataMark };
  // Joined by a read first: the write lock may be the worker's, storing a preview for seconds.
  const [running] = unfinishedJobsMatching(db, 'tuning.preview', input);
  if (running) return { jobId: running.id, kind: 'tuning.preview' };
  // Immediate: it reads, then writes; deferred, a worker's commit in between fails it at once.
  const decided = db.transaction((tx) => {
    const [open] = unfinishedJobsMatching(tx, 'tuning.preview', input);
    if (open) return { jobId: open.id, start: false };
    return { jobId: insertJob(tx, { kind: 'tuning.preview', input, startedBy }).id, start: true };
  }, { behavior: 'immediate' });
  if (decided.start) void launchJob(db, decided.jobId);
  return { jobId: decided.jobId, kind: 'tuning.preview' };
}
