// The peer counts a scorecard reads: kept in memory for published runs only (a provisional run is
// replaced on every approval and must never be answered from memory), and the figures of a run
// stored before runs kept them filled in from its scores on first read.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { evaluations, scoreRunFigures, scoreRuns } from '@/db/schema';
import { settleJobs } from '@/server/jobs/runner';
import { peersWithComposite } from '@/server/queries/published-run-counts';
import { compositeCountWithin } from '@/server/queries/run-figures';
import { publishedWorld } from './factory';

let w: Awaited<ReturnType<typeof publishedWorld>>;

beforeAll(async () => {
  w = await publishedWorld();
}, 60_000);

/** Scores with a composite of a run under a path, counted from the score rows. */
function recount(runId: number, pathPrefix: string): number {
  return w.db.get<{ n: number }>(sql`select count(*) as n from scores s join stakeholders st on st.id = s.stakeholder_id join regions r on r.id = st.region_id
    where s.run_id = ${runId} and s.composite is not null and r.path like ${`${pathPrefix}%`}`)!.n;
}

const marketRun = (periodId: number, kind: 'official' | 'provisional') =>
  w.db
    .select({ id: scoreRuns.id })
    .from(scoreRuns)
    .where(and(eq(scoreRuns.periodId, periodId), eq(scoreRuns.kind, kind), sql`${scoreRuns.kpiSetVersionId} in (select v.id from kpi_set_versions v join kpi_sets k on k.id = v.kpi_set_id where k.stakeholder_type = 'market')`))
    .get()!.id;

describe('peer counts of a run', () => {
  it('equal a recount for a published run, by county and for the province', () => {
    const runId = marketRun(w.periodIds['2026Q2'], 'official');
    const province = w.w.countyA.path.split('/').slice(0, 2).join('/') + '/';
    for (const prefix of [w.w.countyA.path, w.w.countyB.path, province]) {
      expect(peersWithComposite(w.db, runId, prefix)).toBe(recount(runId, prefix));
      // Read again (from memory this time): the same.
      expect(peersWithComposite(w.db, runId, prefix)).toBe(recount(runId, prefix));
    }
    expect(recount(runId, province)).toBe(3);
  });

  it('follow a provisional run: replaced on approval, and read afresh every time', async () => {
    const open = w.periodIds['2026Q3'];
    const before = marketRun(open, 'provisional');
    // Only firm is approved so far in 屏边; firm2 waits for review.
    expect(peersWithComposite(w.db, before, w.w.countyA.path)).toBe(1);
    const e = w.db.select({ revision: evaluations.revision }).from(evaluations).where(eq(evaluations.id, w.q3.firm2)).get()!;
    const reviewer = w.caller(w.user('admin', { username: 'second-reviewer' }));
    await reviewer.evaluations.approve({ id: w.q3.firm2, revision: e.revision });
    await settleJobs(); // the approval recomputes the provisional run as a job
    const after = marketRun(open, 'provisional');
    expect(recount(after, w.w.countyA.path)).toBe(2);
    expect(peersWithComposite(w.db, after, w.w.countyA.path)).toBe(2);
    // A run not published is not frozen: whatever its figures say now is the answer.
    w.db.update(scoreRunFigures).set({ compositeN: sql`${scoreRunFigures.compositeN} + 5` }).where(and(eq(scoreRunFigures.runId, after), eq(scoreRunFigures.regionId, w.townA2.id))).run();
    expect(peersWithComposite(w.db, after, w.w.countyA.path)).toBe(7);
  });

  it('are summed from the scores of a run stored before runs kept figures, once', () => {
    const runId = marketRun(w.periodIds['2025Q4'], 'official');
    const stored = w.db.select().from(scoreRunFigures).where(eq(scoreRunFigures.runId, runId)).all();
    w.db.delete(scoreRunFigures).where(eq(scoreRunFigures.runId, runId)).run();
    expect(compositeCountWithin(w.db, runId, w.w.countyA.path)).toBe(recount(runId, w.w.countyA.path));
    const refilled = w.db.select().from(scoreRunFigures).where(eq(scoreRunFigures.runId, runId)).all();
    expect(refilled).toEqual(stored);
  });
});
