// Progress of the jobs this process runs, as the workers report it. A job's data write is one
// SQLite transaction, and SQLite lets one writer at a time: progress reported inside that
// transaction cannot reach the jobs row until it commits, so readers get it from here.
import 'server-only';
import type { JobStep } from '@/core/domain/jobs';

export type LiveProgress = { progress: number; step: JobStep };

const globalForJobs = globalThis as unknown as { __scorecardLiveJobs?: Map<number, LiveProgress> };
const live = (globalForJobs.__scorecardLiveJobs ??= new Map());

export function setLiveProgress(jobId: number, p: LiveProgress): void {
  live.set(jobId, p);
}

export function clearLiveProgress(jobId: number): void {
  live.delete(jobId);
}

export function liveProgress(jobId: number): LiveProgress | null {
  return live.get(jobId) ?? null;
}
