// Runs one queued job on a connection: marks it running, runs its handler as its starter, and
// writes the outcome. Called in a worker thread (its own connection) or, for an in-memory
// database that no other thread can open, in the calling thread.
import 'server-only';
import type { Db } from '@/db';
import { loadSessionUser } from '@/server/auth/session';
import { DomainError } from '@/server/errors';
import { getJobRow, markFailed, markProgress, markRunning, markSucceeded, type JobError } from '@/server/queries/jobs';
import type { ReportProgress } from '@/core/domain/jobs';
import { toJsonValue } from '@/core/schemas/json';
import { isHandledKind, JOB_HANDLERS, MissingAttachmentError, type JobContext } from './handlers';
import type { WriteAlone } from './lane-state';

/** A thrown error as the reader will see it: a domain error keeps its reason and message. */
export function jobErrorOf(e: unknown): JobError {
  // The reason's own parameters beside it, so its sentence reads whole in the reader's language.
  if (e instanceof DomainError) return { code: 'rejected', params: { ...e.params, reason: e.reason, message: e.message } };
  if (e instanceof MissingAttachmentError) return { code: 'noFile', params: {} };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'failed', params: { message } };
}

export async function executeJob(db: Db, jobId: number, opts: { attachment: Uint8Array | null; onProgress: ReportProgress; writeAlone?: WriteAlone | undefined }): Promise<void> {
  const job = getJobRow(db, jobId);
  let after: ((db: Db, result: unknown) => void) | null = null;
  try {
    if (job.status !== 'queued') return; // recovered as failed before a worker got to it
    markRunning(db, jobId);
    if (!isHandledKind(job.kind)) throw new Error(`No handler for jobs of kind ${job.kind}.`);
    const actor = job.startedBy ? loadSessionUser(db, job.startedBy) : null;
    if (!actor) throw new Error('The user who started this job no longer exists or is disabled.');
    const handler = JOB_HANDLERS[job.kind];
    const progress: ReportProgress = (fraction, step) => {
      opts.onProgress(fraction, step);
      // Inside the job's write transaction the row could only change with it: leave it to `live`.
      if (!db.$client.inTransaction) markProgress(db, jobId, fraction, step);
    };
    const input = handler.input.parse(job.input);
    const result = await (handler.run as (db: Db, input: unknown, ctx: JobContext) => unknown)(db, input, { actor, attachment: opts.attachment, progress, writeAlone: opts.writeAlone ?? ((write) => write()) });
    markSucceeded(db, jobId, toJsonValue(result));
    after = 'after' in handler ? (handler.after as (db: Db, result: unknown) => void) : null;
    if (after) after(db, result);
  } catch (e) {
    // A failure after success (work a reader redoes anyway) leaves the job succeeded.
    if (!after) markFailed(db, jobId, jobErrorOf(e));
    else console.error(`job ${jobId}: the work after its success failed`, e);
  }
}
