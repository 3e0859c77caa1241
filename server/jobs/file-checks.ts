// The dry run of an uploaded file, off the thread that serves requests: parsing a 20 MB CSV or a
// workbook that unpacks to 50 MB takes seconds, which would stall every other user. Checks have a
// pool of their own (one thread, so one check at a time) rather than the job pool, where they
// would wait behind a province's publish; an idle thread ends soon, freeing the file's heap.
import 'server-only';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Db } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { env } from '@/server/env';
import { BusyError, DomainError, ValidationError, type ErrorCode } from '@/server/errors';
import { FILE_CHECKS, type FileCheckInputOf, type FileCheckKind, type FileCheckReportOf } from './file-check-kinds';
import type { CheckAnswer, CheckTask } from './check-worker';

const globalForChecks = globalThis as unknown as { __scorecardCheckPool?: Piscina };

const CHECK_IDLE_MS = 10_000;
/** Checks waiting for the thread, each holding its file (up to 20 MB): beyond this, "try again". */
const MAX_WAITING = 8;

function pool(): Piscina {
  return (globalForChecks.__scorecardCheckPool ??= new Piscina({
    filename: path.join(process.cwd(), 'server/jobs/check-worker-entry.mjs'),
    minThreads: 0,
    maxThreads: 1,
    maxQueue: MAX_WAITING,
    idleTimeout: CHECK_IDLE_MS,
    resourceLimits: { maxOldGenerationSizeMb: env.JOB_WORKER_HEAP_MB },
    execArgv: ['--conditions=react-server'],
  }));
}

/** A refusal thrown in the check thread, thrown again here with its code, reason and message. */
class RelayedError extends DomainError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    reason: string,
  ) {
    super(message, reason);
  }
}

export type CheckedFile<K extends FileCheckKind> = { report: FileCheckReportOf<K>; /** The thread that ran it. */ threadId: number };

/**
 * Checks a file as the import `kind` would, writing nothing. An in-memory database exists only on
 * this connection, so its check runs here (tests), as its jobs do.
 */
export async function checkFile<K extends FileCheckKind>(db: Db, me: SessionUser, kind: K, input: FileCheckInputOf<K>): Promise<CheckedFile<K>> {
  const check = FILE_CHECKS[kind] as (db: Db, me: SessionUser, input: FileCheckInputOf<K>) => Promise<FileCheckReportOf<K>>;
  if (db.$client.memory) return { report: await check(db, me, input), threadId };
  const task: CheckTask = { kind, dbFile: path.resolve(db.$client.name), me, input };
  let answer: CheckAnswer;
  try {
    answer = (await pool().run(task)) as CheckAnswer;
  } catch (e) {
    throw checkErrorOf(e);
  }
  if ('refused' in answer) throw new RelayedError(answer.refused.code, answer.refused.message, answer.refused.reason);
  return { report: answer.report as FileCheckReportOf<K>, threadId: answer.threadId };
}

/** Why the check thread did not answer, in words the uploader can act on. */
function checkErrorOf(e: unknown): unknown {
  if (!(e instanceof Error)) return e;
  if (e.message === 'Task queue is at limit') return new BusyError('Many files are being checked right now; try again in a minute.', 60);
  if ((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new ValidationError(`Checking this file needs more than the ${env.JOB_WORKER_HEAP_MB} MB of memory a check may use; split it into smaller files.`, {}, 'check_out_of_memory');
  }
  return e;
}

/** Stops the check thread (tests and scripts that exit when done). */
export async function closeCheckPool(): Promise<void> {
  const p = globalForChecks.__scorecardCheckPool;
  globalForChecks.__scorecardCheckPool = undefined;
  await p?.destroy();
}
