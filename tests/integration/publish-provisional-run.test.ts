// A publish over the input its provisional run already scored makes that run the official one;
// either way the official run holds what scoring the period afresh gives, including when a
// stakeholder moved county after the provisional run (its county rank changes).
import { describe, expect, it } from 'vitest';
import { computeScoreRun } from '@/server/queries/score-runs';
import { settleJobs } from '@/server/jobs/runner';
import { indicatorsOf, makeFactory } from './factory';

const SCORE_COLUMNS = 'stakeholder_id, evaluation_id, composite, grade, rank, percentile, county_rank, county_percentile, completeness, coupling_d, objectives, indicators, warnings';

async function approvedQuarter() {
  const f = makeFactory();
  const p = await f.period(2026, 1);
  const codes = indicatorsOf('market');
  await f.kpiSet('market', [{ code: 'income', indicators: [{ code: codes.income }] }, { code: 'growth', indicators: [{ code: codes.growth }] }], { effectiveFromPeriodId: p.id });
  const more = [await f.stakeholder('market'), await f.stakeholder('market', f.w.townB.id)];
  const ids = [f.w.shA.id, f.w.shB.id, ...more.map((s) => s.id)];
  for (const [i, id] of ids.entries()) await f.evaluate(id, { [codes.income]: 20 + 20 * i, [codes.growth]: 90 - 15 * i });
  await settleJobs();
  return { f, periodId: p.id, more };
}

function runsOf(f: ReturnType<typeof makeFactory>, periodId: number) {
  const sqlite = f.db.$client;
  const run = (kind: string) => sqlite.prepare(`select id, kpi_set_version_id versionId from score_runs where period_id = ? and kind = ? order by id desc`).get(periodId, kind) as { id: number; versionId: number } | undefined;
  const rows = (runId: number) => sqlite.prepare(`select ${SCORE_COLUMNS} from scores where run_id = ? order by id`).all(runId);
  const figures = (runId: number) => sqlite.prepare('select region_id, n, composite_n, composite_sum, bins, grades, objectives from score_run_figures where run_id = ? order by region_id').all(runId);
  return { run, rows, figures };
}

/** The period scored afresh (a preview run, never published) to compare with. */
function afresh(f: ReturnType<typeof makeFactory>, periodId: number, versionId: number) {
  return computeScoreRun(f.db, { periodId, versionId, kind: 'preview', actorId: null }).run.id;
}

describe('publishing after a provisional run', () => {
  it('gives the official run the scores and figures of scoring afresh', async () => {
    const { f, periodId } = await approvedQuarter();
    const { run, rows, figures } = runsOf(f, periodId);
    const provisional = run('provisional')!;
    await f.publish(periodId);
    const official = run('official')!;
    // Taken over, not written again.
    expect(official.id).toBe(provisional.id);
    expect(run('provisional')).toBeUndefined();
    const fresh = afresh(f, periodId, official.versionId);
    expect(rows(official.id)).toHaveLength(4);
    expect(rows(official.id)).toEqual(rows(fresh));
    expect(figures(official.id)).toEqual(figures(fresh));
  });

  it('scores afresh when a stakeholder moved county since the provisional run', async () => {
    const { f, periodId, more } = await approvedQuarter();
    const moved = more[0]!;
    await f.api.stakeholders.update({ id: moved.id, data: { name: moved.name, type: 'market', regionId: f.w.townB.id } });
    await f.publish(periodId);
    const { run, rows, figures } = runsOf(f, periodId);
    const official = run('official')!;
    const fresh = afresh(f, periodId, official.versionId);
    expect(rows(official.id)).toEqual(rows(fresh));
    expect(figures(official.id)).toEqual(figures(fresh));
    // The provisional run ranked it in its old county: taking it over would have been wrong.
    expect(rows(official.id)).not.toEqual(rows(run('provisional')!.id));
  });
});
