// The worker thread's side: one connection per database file (WAL lets it write while the server
// reads), the job run on it, progress posted back on the job's own message port.
import 'server-only';
import type { MessagePort } from 'node:worker_threads';
import { openDb, type Db } from '@/db/client';
import type { JobStep } from '@/core/domain/jobs';
import { executeJob } from './execute';

export type WorkerTask = { jobId: number; dbFile: string; port: MessagePort; attachment: Uint8Array | null };
export type ProgressMessage = { progress: number; step: JobStep };

const connections = new Map<string, Db>();

export default async function runJobInWorker(task: WorkerTask): Promise<void> {
  let db = connections.get(task.dbFile);
  if (!db) connections.set(task.dbFile, (db = openDb(task.dbFile)));
  try {
    await executeJob(db, task.jobId, { attachment: task.attachment, onProgress: (progress, step) => task.port.postMessage({ progress, step } satisfies ProgressMessage) });
  } finally {
    task.port.close();
  }
}
