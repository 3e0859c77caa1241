// A long write (a province's import, publish or eligibility run) touches hundreds of megabytes of
// table and index pages in one transaction. With SQLite's default 2 MB page cache those pages are
// re-read and spilled to the WAL again and again; a larger cache for the write's duration keeps
// them, and is given back after (SQLite frees the pages above a lowered limit).
import 'server-only';
import type { Db } from '@/db';

/** The page cache a long write gets, in KiB. */
const WRITE_CACHE_KB = 256 * 1024;

/** Runs `write` with a large page cache on the connection; nested calls keep the outer one's. */
export function withWriteCache<T>(db: Db, write: () => T): T {
  const client = db.$client;
  const previous = client.pragma('cache_size', { simple: true }) as number;
  // Negative sizes are KiB, positive ones pages: compare as KiB (pages of 4 KiB).
  const previousKb = previous < 0 ? -previous : previous * 4;
  if (previousKb >= WRITE_CACHE_KB) return write();
  client.pragma(`cache_size = -${WRITE_CACHE_KB}`);
  try {
    return write();
  } finally {
    client.pragma(`cache_size = ${previous}`);
  }
}

/**
 * Runs `write` (one transaction) without this connection checkpointing as it commits: copying a
 * province's write from the WAL into the database file (a second on a busy disk) then happens at
 * the connection's next commit, or, on a job worker's connection (which never checkpoints as it
 * commits), once no other job waits (server/jobs/worker.ts).
 */
export function withCheckpointLater<T>(db: Db, write: () => T): T {
  const client = db.$client;
  const previous = client.pragma('wal_autocheckpoint', { simple: true }) as number;
  if (previous <= 0) return write();
  client.pragma('wal_autocheckpoint = 0');
  try {
    return write();
  } finally {
    client.pragma(`wal_autocheckpoint = ${previous}`);
  }
}
