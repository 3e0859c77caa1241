// The worker thread's side: one connection per database file (WAL lets it write while the server
// reads), the job run on it, progress posted back on the job's own message port.
import 'server-only';
import type { MessagePort } from 'node:worker_threads';
import { openDb, type Db } from '@/db/client';
import type { JobStep } from '@/core/domain/jobs';
import { executeJob } from './execute';

/** `pendingJobs[0]`: jobs the server has handed to the pool and not seen end, this one included. */
export type WorkerTask = { jobId: number; dbFile: string; port: MessagePort; attachment: Uint8Array | null; pendingJobs: Int32Array };
export type ProgressMessage = { progress: number; step: JobStep };

const connections = new Map<string, Db>();

function connection(dbFile: string): Db {
  let db = connections.get(dbFile);
  if (!db) {
    db = openDb(dbFile);
    // Copying a province's write from the WAL into the database file takes up to a second; done at
    // the commit it would hold up the next job of a burst (three imports, say). Done below instead.
    db.$client.pragma('wal_autocheckpoint = 0');
    connections.set(dbFile, db);
  }
  return db;
}

export default async function runJobInWorker(task: WorkerTask): Promise<void> {
  const db = connection(task.dbFile);
  try {
    await executeJob(db, task.jobId, { attachment: task.attachment, onProgress: (progress, step) => task.port.postMessage({ progress, step } satisfies ProgressMessage) });
  } finally {
    task.port.close();
    // The job's outcome is committed and visible. The last job of a burst checkpoints for all of
    // them (PASSIVE: never waits for readers; what they still hold is copied by a later one).
    if (Atomics.load(task.pendingJobs, 0) <= 1) db.$client.pragma('wal_checkpoint(PASSIVE)');
  }
}
