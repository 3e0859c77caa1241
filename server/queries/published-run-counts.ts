// How many peers with a composite a published run held under a region path, kept in memory: every
// scorecard asks it for its county and its province, a province's run keeps thousands of region
// rows to sum, and a published run never changes (triggers refuse it). So each count is summed once
// per run and shared by every stakeholder's request. Runs not published are never kept.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { scoreRuns } from '@/db/schema';
import { compositeCountWithin } from './run-figures';

/** The most recently read runs kept per connection; each holds one count per county read and the province's. */
export const KEPT_RUNS = 32;

// Per connection: a run id means one run only within its own database file.
const kept = new WeakMap<Db['$client'], Map<number, Map<string, number>>>();

/** The counts of a published run (most recently read kept last); null when the run is not published. */
function countsOf(db: Db, runId: number): Map<string, number> | null {
  let runs = kept.get(db.$client);
  if (!runs) kept.set(db.$client, (runs = new Map()));
  const hit = runs.get(runId);
  if (hit) {
    runs.delete(runId);
    runs.set(runId, hit);
    return hit;
  }
  const run = db.select({ status: scoreRuns.status }).from(scoreRuns).where(eq(scoreRuns.id, runId)).get();
  if (run?.status !== 'published') return null;
  const counts = new Map<string, number>();
  runs.set(runId, counts);
  if (runs.size > KEPT_RUNS) runs.delete(runs.keys().next().value!);
  return counts;
}

/** Scores of a run with a composite whose region lies under a path prefix ("/1/4/"), kept when the run is published. */
export function peersWithComposite(db: Db, runId: number, pathPrefix: string): number {
  const counts = countsOf(db, runId);
  if (!counts) return compositeCountWithin(db, runId, pathPrefix);
  let n = counts.get(pathPrefix);
  if (n === undefined) counts.set(pathPrefix, (n = compositeCountWithin(db, runId, pathPrefix)));
  return n;
}
