// Requests for a period's provisional scores, coalesced: at most one queued and one running
// `scores.provisional` job per period × KPI-set version. A request while one is queued joins it
// (it has not read the approvals yet); a request while one runs queues a single follow-up that
// starts when the running one ends, since that one may have read before the new approval.
import 'server-only';
import path from 'node:path';
import type { Db } from '@/db';
import { insertJob, unfinishedJobsMatching } from '@/server/queries/jobs';
import type { ProvisionalKey } from '@/server/services/evaluations/provisional';
import { launchJob } from './runner';
import { recoverInterruptedJobs } from './recovery';

const globalForProvisional = globalThis as unknown as {
  __scorecardProvisional?: { running: Map<string, Promise<void>>; followUps: Map<string, number> };
};
const state = (globalForProvisional.__scorecardProvisional ??= { running: new Map(), followUps: new Map() });

const keyOf = (db: Db, k: ProvisionalKey) => `${db.$client.memory ? `memory:${db.$client.name}` : path.resolve(db.$client.name)}#${k.periodId}:${k.versionId}`;

/**
 * Asks for the provisional scores of each period × version to be recomputed, after the caller's
 * own transaction has committed. Answers the job that will do it for each key.
 */
export function requestProvisionalScores(db: Db, keys: readonly ProvisionalKey[], startedBy: string): number[] {
  recoverInterruptedJobs(db);
  const seen = new Set<string>();
  const jobIds: number[] = [];
  for (const key of keys) {
    const k = keyOf(db, key);
    if (seen.has(k)) continue;
    seen.add(k);
    jobIds.push(request(db, key, k, startedBy));
  }
  return jobIds;
}

function request(db: Db, key: ProvisionalKey, k: string, startedBy: string): number {
  // Immediate: a deferred transaction that reads, then writes after a worker's commit fails at once
  // (SQLITE_BUSY, the busy timeout never applies); taking the write lock first waits for it instead.
  const decided = db.transaction((tx) => {
    const open = unfinishedJobsMatching(tx, 'scores.provisional', { periodId: key.periodId, versionId: key.versionId });
    const queued = open.find((j) => j.status === 'queued');
    if (queued) return { jobId: queued.id, start: 'none' as const };
    const row = insertJob(tx, { kind: 'scores.provisional', input: { periodId: key.periodId, versionId: key.versionId }, startedBy });
    return { jobId: row.id, start: open.length > 0 ? ('after' as const) : ('now' as const) };
  }, { behavior: 'immediate' });
  if (decided.start === 'now') run(db, k, decided.jobId);
  else if (decided.start === 'after') {
    const current = state.running.get(k);
    // Running in another process (or already ended here): start it now rather than never.
    if (current) state.followUps.set(k, decided.jobId);
    else run(db, k, decided.jobId);
  }
  return decided.jobId;
}

function run(db: Db, k: string, jobId: number): void {
  const finished = launchJob(db, jobId).then(() => {
    if (state.running.get(k) === finished) state.running.delete(k);
    const next = state.followUps.get(k);
    if (next === undefined) return;
    state.followUps.delete(k);
    run(db, k, next);
  });
  state.running.set(k, finished);
}
