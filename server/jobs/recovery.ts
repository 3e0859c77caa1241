// Jobs a dead process left queued or running can never end: the first time this process touches a
// database's jobs (reading one or starting one), they are marked failed, to be started again.
import 'server-only';
import path from 'node:path';
import type { Db } from '@/db';
import { failUnfinishedJobs } from '@/server/queries/jobs';

const globalForJobs = globalThis as unknown as { __scorecardRecovered?: Set<string> };

/**
 * Marks the jobs a dead process left unfinished as failed ("interrupted by a restart; start it
 * again"). Once per database file and process, before this process starts its first job, so it
 * never touches its own; an in-memory database has no other process.
 */
export function recoverInterruptedJobs(db: Db): number {
  if (db.$client.memory) return 0;
  const file = path.resolve(db.$client.name);
  const recovered = (globalForJobs.__scorecardRecovered ??= new Set());
  if (recovered.has(file)) return 0;
  recovered.add(file);
  return failUnfinishedJobs(db, { code: 'interrupted', params: {} });
}
