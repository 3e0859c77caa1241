// Starting jobs: the row is inserted here (queued) and the work handed to a pool of worker
// threads (piscina), each with its own SQLite connection, so long writes never hold the thread
// that serves requests. Jobs cut off by a crash or restart are marked failed first (recovery.ts).
import 'server-only';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Db } from '@/db';
import { env } from '@/server/env';
import { ConflictError } from '@/server/errors';
import { insertJob, markFailed, unfinishedJobWith, type JobError } from '@/server/queries/jobs';
import type { JsonValue } from '@/core/schemas/json';
import { executeJob, jobErrorOf } from './execute';
import type { HandledKind, JobInputOf } from './handlers';
import { clearLiveProgress, setLiveProgress } from './live';
import { recoverInterruptedJobs } from './recovery';
import type { ProgressMessage, WorkerTask } from './worker';

/** What a procedure answers for work it started: the job to watch, and its kind (for its result's type). */
export type JobHandle<K extends HandledKind> = { jobId: number; kind: K };

const globalForJobs = globalThis as unknown as { __scorecardJobPool?: Piscina };

const WORKER_IDLE_MS = 60_000;

function pool(): Piscina {
  return (globalForJobs.__scorecardJobPool ??= new Piscina({
    // process.cwd() is the project root under next dev/start, vitest and the tsx scripts alike.
    filename: path.join(process.cwd(), 'server/jobs/worker-entry.mjs'),
    minThreads: 0,
    maxThreads: env.JOB_WORKERS,
    // A worker loads the services once (about a second): kept for the next job of a burst (the
    // provisional recompute after each approval), then ended, so the heap of a province's publish
    // is not held for long after it.
    idleTimeout: WORKER_IDLE_MS,
    // Without a ceiling V8 lets a busy worker's heap grow to several times what it keeps alive.
    resourceLimits: { maxOldGenerationSizeMb: env.JOB_WORKER_HEAP_MB },
    execArgv: ['--conditions=react-server'],
  }));
}

const isMemory = (db: Db) => db.$client.memory;
const fileOf = (db: Db) => path.resolve(db.$client.name);

/**
 * Queues a job and starts it. `exclusiveBy` names an input field: a second job of the same kind
 * with the same value is refused while the first has not ended (one publish of a period at a time).
 */
export function startJob<K extends HandledKind>(
  db: Db,
  job: { kind: K; input: JobInputOf<K>; startedBy: string; attachment?: Uint8Array; exclusiveBy?: keyof JobInputOf<K> & string },
): JobHandle<K> {
  recoverInterruptedJobs(db);
  const input = job.input as JsonValue;
  const row = db.transaction((tx) => {
    if (job.exclusiveBy) {
      const value = (job.input as Record<string, unknown>)[job.exclusiveBy];
      if ((typeof value === 'number' || typeof value === 'string') && unfinishedJobWith(tx, job.kind, job.exclusiveBy, value)) {
        throw new ConflictError('This is already running (started a moment ago); wait for it to end before starting it again.', 'job_running');
      }
    }
    return insertJob(tx, { kind: job.kind, input, startedBy: job.startedBy });
    // Immediate: it reads, then writes; deferred, a worker's commit in between fails it at once.
  }, { behavior: 'immediate' });
  launchJob(db, row.id, job.attachment ?? null);
  return { jobId: row.id, kind: job.kind };
}

const globalForInFlight = globalThis as unknown as { __scorecardJobsInFlight?: Set<Promise<void>> };
const inFlight = (globalForInFlight.__scorecardJobsInFlight ??= new Set());

/**
 * Runs a job already inserted as queued; the promise settles when it has ended (never rejects).
 * `serverThread`: work that mostly waits on another process (Chromium printing a page this server
 * serves) runs here instead of taking a worker from the pool.
 */
export function launchJob(db: Db, jobId: number, attachment: Uint8Array | null = null, opts: { serverThread?: boolean } = {}): Promise<void> {
  setLiveProgress(jobId, { progress: 0, step: 'queued' });
  const here = isMemory(db) || opts.serverThread === true;
  const finished = (here ? runHere(db, jobId, attachment) : runInWorker(db, jobId, attachment)).finally(() => {
    clearLiveProgress(jobId);
    inFlight.delete(finished);
  });
  inFlight.add(finished);
  return finished;
}

/** Waits until every job this process started (and those they started in turn) has ended: tests and scripts. */
export async function settleJobs(): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight]);
}

/** An evaluation import: the file goes to the worker with the job and is never stored. */
export function startImportJob(db: Db, startedBy: string, file: { kpiSetCode: string; mode: 'draft' | 'submitted'; fileName?: string; bytes: Uint8Array }): JobHandle<'evaluations.import'> {
  const { bytes, ...input } = file;
  return startJob(db, { kind: 'evaluations.import', input, startedBy, attachment: bytes });
}

/** On this connection (an in-memory database exists only here, or work that waits), after this request. */
function runHere(db: Db, jobId: number, attachment: Uint8Array | null): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve)).then(() =>
    executeJob(db, jobId, { attachment, onProgress: (progress, step) => setLiveProgress(jobId, { progress, step }) }),
  );
}

/** Jobs handed to the pool and not ended yet, shared with the workers (see worker.ts). */
const globalForPending = globalThis as unknown as { __scorecardPendingJobs?: Int32Array };
const pendingJobs = (globalForPending.__scorecardPendingJobs ??= new Int32Array(new SharedArrayBuffer(4)));

/**
 * Runs tasks at most `slots` at a time, the others waiting here in order. The job pool gets no more
 * tasks than it has threads: Piscina replaces a worker that died (out of heap) only up to
 * minThreads, 0 here, so tasks left waiting in its own queue would wait until someone started
 * another job. Handed over one at a time, each task finds a free thread and the pool starts a
 * worker for it.
 */
export function taskGate(slots: number): <T>(task: () => Promise<T>) => Promise<T> {
  let free = slots;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}

const globalForGate = globalThis as unknown as { __scorecardJobGate?: ReturnType<typeof taskGate> };
const gate = () => (globalForGate.__scorecardJobGate ??= taskGate(env.JOB_WORKERS));

async function runInWorker(db: Db, jobId: number, attachment: Uint8Array | null): Promise<void> {
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (m: ProgressMessage) => setLiveProgress(jobId, m));
  Atomics.add(pendingJobs, 0, 1);
  try {
    const task: WorkerTask = { jobId, dbFile: fileOf(db), port: port2, attachment, pendingJobs };
    await gate()(() => pool().run(task, { transferList: [port2] }));
  } catch (e) {
    // The worker died (out of memory, terminated): its transaction rolled back with it.
    markFailed(db, jobId, workerErrorOf(e));
  } finally {
    Atomics.sub(pendingJobs, 0, 1);
    port1.close();
  }
}

/** Why a worker ended without answering: its heap ceiling (the admin can raise it) or else as thrown. */
export function workerErrorOf(e: unknown): JobError {
  if (e instanceof Error && (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') return { code: 'outOfMemory', params: { limitMb: env.JOB_WORKER_HEAP_MB } };
  return jobErrorOf(e);
}

/** Stops the worker threads (tests and scripts that exit when done). */
export async function closeJobPool(): Promise<void> {
  const p = globalForJobs.__scorecardJobPool;
  globalForJobs.__scorecardJobPool = undefined;
  await p?.destroy();
}
