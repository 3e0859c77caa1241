// The dashboard figures a publish leaves (poverty warnings, quantiles) are worked out once its job
// has been marked succeeded: the publisher does not wait for them, yet they are stored before
// anyone reads, and a failure there leaves the publish succeeded.
import { describe, expect, it, vi } from 'vitest';
import { settleJobs } from '@/server/jobs/runner';
import { getJobRow } from '@/server/queries/jobs';
import { indicatorsOf, makeFactory } from './factory';

async function publishedQuarter() {
  const f = makeFactory();
  const p = await f.period(2026, 1);
  const codes = indicatorsOf('market');
  await f.kpiSet('market', [{ code: 'income', indicators: [{ code: codes.income }] }, { code: 'growth', indicators: [{ code: codes.growth }] }], { effectiveFromPeriodId: p.id });
  const other = await f.stakeholder('market');
  for (const [id, v] of [[f.w.shA.id, 40], [other.id, 80]] as const) await f.evaluate(id, { [codes.income]: v, [codes.growth]: v });
  await f.api.periods.close({ id: p.id });
  const handle = await f.api.periods.publish({ id: p.id });
  await settleJobs();
  return { f, periodId: p.id, jobId: handle.jobId };
}

describe('after a publish job', () => {
  it('stores the dashboard figures once the job has succeeded', async () => {
    const { f, periodId, jobId } = await publishedQuarter();
    const sqlite = f.db.$client;
    expect(getJobRow(f.db, jobId)).toMatchObject({ status: 'succeeded' });
    const runs = sqlite.prepare(`select id from score_runs where period_id = ? and status = 'published'`).pluck().all(periodId) as number[];
    expect(runs).toHaveLength(1);
    expect(sqlite.prepare('select count(*) from poverty_warning_sets where period_id = ?').pluck().get(periodId)).toBe(1);
    expect(sqlite.prepare('select q, value from score_run_quantiles where run_id = ? order by q').all(runs[0])).toEqual([
      { q: 0, value: expect.any(Number) },
      { q: 0.25, value: expect.any(Number) },
      { q: 0.5, value: expect.any(Number) },
      { q: 0.75, value: expect.any(Number) },
      { q: 1, value: expect.any(Number) },
    ]);
  });

  it('leaves the publish succeeded when that later work fails', async () => {
    const f = makeFactory();
    // The figures' table gone: storing them fails, the publish before it must not.
    f.db.$client.exec('drop table score_run_quantiles');
    const p = await f.period(2026, 1);
    const codes = indicatorsOf('market');
    await f.kpiSet('market', [{ code: 'income', indicators: [{ code: codes.income }] }], { effectiveFromPeriodId: p.id });
    await f.evaluate(f.w.shA.id, { [codes.income]: 50 });
    await f.api.periods.close({ id: p.id });
    // The failure is logged for the operator, not lost.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const handle = await f.api.periods.publish({ id: p.id });
    await settleJobs();
    expect(logged).toHaveBeenCalledWith(`job ${handle.jobId}: the work after its success failed`, expect.objectContaining({ message: expect.stringContaining('score_run_quantiles') }));
    logged.mockRestore();
    expect(getJobRow(f.db, handle.jobId)).toMatchObject({ status: 'succeeded', error: null });
    expect(f.db.$client.prepare(`select status from periods where id = ?`).pluck().get(p.id)).toBe('published');
  });
});
