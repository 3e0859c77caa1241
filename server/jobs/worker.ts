// The worker thread's side: one connection per database file (WAL lets it write while the server
// reads), the job run on it, progress posted back on the job's own message port.
import 'server-only';
import os from 'node:os';
import { workerData, type MessagePort } from 'node:worker_threads';
import { openDb, type Db } from '@/db/client';
import type { JobStep } from '@/core/domain/jobs';
import { executeJob } from './execute';
import { awaitBackgroundWrite, writeWhenMainIdle, type LaneState } from './lane-state';

/** What the pool gives each of its threads (runner.ts): the lane it serves. */
export type WorkerData = { lane: 'main' | 'background' };

// On Linux a nice value belongs to a thread, and `pid` 0 names the calling one: the background
// lane's thread drops to the lowest priority, the server's and the main lane's threads keep theirs.
// Lowering needs no privilege; where it is refused, the lane still never delays the main one.
const lane = (workerData as WorkerData | null)?.lane ?? 'main';
if (lane === 'background') {
  try {
    os.setPriority(0, os.constants.priority.PRIORITY_LOW);
  } catch {
    // not permitted here: runs at normal priority
  }
}

/** `pendingJobs[0]`: jobs the server has handed to the pool and not seen end, this one included. */
export type WorkerTask = { jobId: number; dbFile: string; port: MessagePort; attachment: Uint8Array | null; pendingJobs: Int32Array; laneState: LaneState };
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
  const background = lane === 'background';
  if (!background) awaitBackgroundWrite(task.laneState);
  try {
    await executeJob(db, task.jobId, {
      attachment: task.attachment,
      onProgress: (progress, step) => task.port.postMessage({ progress, step } satisfies ProgressMessage),
      writeAlone: background ? (write) => writeWhenMainIdle(task.laneState, write) : undefined,
    });
  } finally {
    task.port.close();
    // The job's outcome is committed and visible. The last job of a burst checkpoints for all of
    // them (PASSIVE: never waits for readers; what they still hold is copied by a later one).
    if (Atomics.load(task.pendingJobs, 0) <= 1) db.$client.pragma('wal_checkpoint(PASSIVE)');
  }
}
