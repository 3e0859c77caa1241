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
import { getJobRow, insertJob, markFailed, unfinishedJobWith, type JobError } from '@/server/queries/jobs';
import type { JsonValue } from '@/core/schemas/json';
import { automaticChecksDue } from '@/server/services/robustness';
import { executeJob, jobErrorOf } from './execute';
import type { HandledKind, JobInputOf } from './handlers';
import { clearLiveProgress, setLiveProgress } from './live';
import { mainJobEnded, mainJobHandedOver, newLaneState, type LaneState } from './lane-state';
import { recoverInterruptedJobs } from './recovery';
import type { ProgressMessage, WorkerData, WorkerTask } from './worker';

/** What a procedure answers for work it started: the job to watch, and its kind (for its result's type). */
export type JobHandle<K extends HandledKind> = { jobId: number; kind: K };

/**
 * Which pool a job runs on. `main`: the work others wait behind (publishes, runs, imports), on
 * JOB_WORKERS threads. `background`: long reading work that must never hold those up (robustness
 * checks: minutes at a province's size, started by themselves after every run), on one thread of
 * its own at the lowest CPU priority, so it never queues ahead of the main lane and takes only the
 * CPU the server and the main lane leave idle.
 */
export type JobLane = 'main' | 'background';

const laneOf = (kind: HandledKind): JobLane => (kind === 'eligibility.robustness' ? 'background' : 'main');

const globalForJobs = globalThis as unknown as { __scorecardJobPools?: Partial<Record<JobLane, Piscina>> };

const WORKER_IDLE_MS = 60_000;

function pool(lane: JobLane): Piscina {
  const pools = (globalForJobs.__scorecardJobPools ??= {});
  return (pools[lane] ??= new Piscina({
    // process.cwd() is the project root under next dev/start, vitest and the tsx scripts alike.
    filename: path.join(process.cwd(), 'server/jobs/worker-entry.mjs'),
    minThreads: 0,
    maxThreads: lane === 'main' ? env.JOB_WORKERS : 1,
    workerData: { lane } satisfies WorkerData,
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
  launchJob(db, row.id, job.attachment ?? null, { lane: laneOf(job.kind) });
  return { jobId: row.id, kind: job.kind };
}

const globalForInFlight = globalThis as unknown as { __scorecardJobsInFlight?: Set<Promise<void>> };
const inFlight = (globalForInFlight.__scorecardJobsInFlight ??= new Set());

/**
 * Runs a job already inserted as queued; the promise settles when it has ended (never rejects).
 * `serverThread`: work that mostly waits on another process (Chromium printing a page this server
 * serves) runs here instead of taking a worker from the pool.
 */
export function launchJob(db: Db, jobId: number, attachment: Uint8Array | null = null, opts: { serverThread?: boolean; lane?: JobLane } = {}): Promise<void> {
  setLiveProgress(jobId, { progress: 0, step: 'queued' });
  const here = isMemory(db) || opts.serverThread === true;
  const finished = (here ? runHere(db, jobId, attachment) : runInWorker(db, jobId, attachment, opts.lane ?? 'main'))
    .then(() => followUp(db, jobId))
    .finally(() => {
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

/** Jobs handed to the pool and not ended yet, shared with the workers (see worker.ts); how the lanes share the writer (lane-state.ts). */
const globalForPending = globalThis as unknown as { __scorecardPendingJobs?: Int32Array; __scorecardLaneState?: LaneState };
const pendingJobs = (globalForPending.__scorecardPendingJobs ??= new Int32Array(new SharedArrayBuffer(4)));
const laneState = (globalForPending.__scorecardLaneState ??= newLaneState());

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

const globalForGate = globalThis as unknown as { __scorecardJobGates?: Partial<Record<JobLane, ReturnType<typeof taskGate>>> };
const gate = (lane: JobLane) => ((globalForGate.__scorecardJobGates ??= {})[lane] ??= taskGate(lane === 'main' ? env.JOB_WORKERS : 1));

async function runInWorker(db: Db, jobId: number, attachment: Uint8Array | null, lane: JobLane): Promise<void> {
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (m: ProgressMessage) => setLiveProgress(jobId, m));
  Atomics.add(pendingJobs, 0, 1);
  if (lane === 'main') mainJobHandedOver(laneState);
  try {
    const task: WorkerTask = { jobId, dbFile: fileOf(db), port: port2, attachment, pendingJobs, laneState };
    await gate(lane)(() => pool(lane).run(task, { transferList: [port2] }));
  } catch (e) {
    // The worker died (out of memory, terminated): its transaction rolled back with it.
    markFailed(db, jobId, workerErrorOf(e));
  } finally {
    Atomics.sub(pendingJobs, 0, 1);
    if (lane === 'main') mainJobEnded(laneState);
    port1.close();
  }
}

/** Why a worker ended without answering: its heap ceiling (the admin can raise it) or else as thrown. */
export function workerErrorOf(e: unknown): JobError {
  if (e instanceof Error && (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') return { code: 'outOfMemory', params: { limitMb: env.JOB_WORKER_HEAP_MB } };
  return jobErrorOf(e);
}

/**
 * What a finished job starts in turn, on the thread that started it (which owns the pools): after
 * a job that writes eligibility runs, their automatic robustness checks. Never throws: the job has
 * ended either way.
 */
function followUp(db: Db, jobId: number): void {
  try {
    const job = getJobRow(db, jobId);
    if (job.status === 'succeeded' && WRITES_ELIGIBILITY_RUNS.has(job.kind)) startAutomaticChecks(db);
  } catch (e) {
    console.error(`job ${jobId}: could not start what follows it`, e);
  }
}

const WRITES_ELIGIBILITY_RUNS = new Set<string>(['eligibility.run', 'revision.publish'] satisfies HandledKind[]);

/**
 * Queues the automatic robustness check of every eligibility run still owed one (services/
 * robustness.ts says which; on the background lane, as every check): after the jobs that write
 * runs, and once when the server starts (runs written by the seed, or checks a restart cut off).
 * Returns how many it queued.
 */
export function startAutomaticChecks(db: Db): number {
  recoverInterruptedJobs(db);
  const due = automaticChecksDue(db);
  for (const check of due) startJob(db, { kind: 'eligibility.robustness', input: check.input, startedBy: check.startedBy });
  return due.length;
}

/** Stops the worker threads (tests and scripts that exit when done). */
export async function closeJobPool(): Promise<void> {
  const pools = Object.values(globalForJobs.__scorecardJobPools ?? {});
  globalForJobs.__scorecardJobPools = undefined;
  await Promise.all(pools.map((p) => p.destroy()));
}
