// Starting a PDF export: admitted only while the renders running and waiting fit the browser
// pool's limits (else QueueFullError, answered 503 with Retry-After), and run on the server
// thread, since the work is Chromium's and the page it prints is served by this process.
import 'server-only';
import type { Db } from '@/db';
import { insertJob } from '@/server/queries/jobs';
import { QueueFullError, sharedBrowserPool } from '@/server/pdf/browser-pool';
import type { PdfCookie, PdfRequest } from '@/server/services/scorecards/pdf';
import { launchJob, type JobHandle } from './runner';
import { recoverInterruptedJobs } from './recovery';

const globalForPdfJobs = globalThis as unknown as { __scorecardPdfJobs?: Set<number> };
const pending = (globalForPdfJobs.__scorecardPdfJobs ??= new Set());

export function startPdfJob(db: Db, startedBy: string, input: PdfRequest, cookies: readonly PdfCookie[]): JobHandle<'scorecard.pdf'> {
  const pool = sharedBrowserPool();
  if (pending.size >= pool.limits.concurrency + pool.limits.queue) throw new QueueFullError(pool.retryAfterSeconds());
  recoverInterruptedJobs(db);
  const row = insertJob(db, { kind: 'scorecard.pdf', input, startedBy });
  pending.add(row.id);
  const attachment = new TextEncoder().encode(JSON.stringify(cookies.map(({ name, value }) => ({ name, value }))));
  void launchJob(db, row.id, attachment, { serverThread: true }).finally(() => pending.delete(row.id));
  return { jobId: row.id, kind: 'scorecard.pdf' };
}
