// Aggregates from stored run figures and SQL, checked against a recount from the raw score rows
// on a generated province of a few thousand stakeholders; the path to the next band from stored
// peer values, checked against the full peer matrix on a peer-relative KPI set.
import { beforeAll, describe, expect, it } from 'vitest';
import { seedProvince } from '@/seed/province';
import { scoreRunFigures, scoreRunPeerValues } from '@/db/schema';
import type { Db } from '@/db/client';
import { rankAndPercentile, type KpiSetV1Input, type ValuesRow } from '@/core/scoring';
import { pathToNextBand } from '@/core/scoring/next-band';
import { bandOf, bytesToColumn, peerColumns, regionFigures } from '@/core/scoring/run-figures';
import { quantile } from '@/core/scoring/stats';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { storeDashboardFigures } from '@/server/services/county-dashboard';
import { callerFor, freshDb, makeUser } from './helpers';
import { makeFactory } from './factory';

type Raw = {
  runId: number;
  stakeholderId: number;
  code: string;
  type: string;
  scale: number;
  regionId: number;
  path: string;
  composite: number | null;
  grade: string | null;
  couplingD: number | null;
  countyRank: number | null;
  objectives: Record<string, number | null>;
  indicators: Record<string, { raw: number | null }>;
};

/** Every score of the runs, straight from the tables (the recount's input). */
function rawScores(db: Db, runIds: readonly number[]): Raw[] {
  const rows = db.$client
    .prepare(
      `select s.run_id runId, s.stakeholder_id stakeholderId, st.code, ks.stakeholder_type type, v.scale, st.region_id regionId, r.path,
              s.composite, s.grade, s.coupling_d couplingD, s.county_rank countyRank, s.objectives, s.indicators
       from scores s join score_runs sr on sr.id = s.run_id join kpi_set_versions v on v.id = sr.kpi_set_version_id
       join kpi_sets ks on ks.id = v.kpi_set_id join stakeholders st on st.id = s.stakeholder_id join regions r on r.id = st.region_id
       where s.run_id in (${runIds.join(',')})`,
    )
    .all() as (Omit<Raw, 'objectives' | 'indicators'> & { objectives: string; indicators: string })[];
  return rows.map((r) => ({ ...r, objectives: JSON.parse(r.objectives), indicators: JSON.parse(r.indicators) }));
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const present = (xs: readonly (number | null | undefined)[]) => xs.filter((x): x is number => typeof x === 'number');

describe('aggregates on a generated province', () => {
  let db: Db;
  let periods: { id: number; code: string; status: string }[];
  let publishedRuns: (periodId: number) => number[];

  beforeAll(async () => {
    db = freshDb();
    await seedProvince(db, { stakeholders: 2000 });
    periods = db.$client.prepare('select id, code, status from periods order by starts_on').all() as typeof periods;
    publishedRuns = (periodId) =>
      (db.$client.prepare(`select id from score_runs where period_id = ? and status = 'published' and kind = 'official'`).all(periodId) as { id: number }[]).map((r) => r.id);
  }, 240_000);

  it('stores with every run the figures a fresh computation gives', () => {
    const runs = db.$client.prepare('select id, kpi_set_version_id versionId from score_runs').all() as { id: number; versionId: number }[];
    expect(runs.length).toBeGreaterThan(3);
    for (const run of runs) {
      const doc = loadKpiSetVersion(db, run.versionId).document;
      const raw = rawScores(db, [run.id]);
      const fresh = regionFigures(raw, doc.scale);
      const stored = db.select().from(scoreRunFigures).all().filter((f) => f.runId === run.id).sort((a, b) => a.regionId - b.regionId);
      // Counts exactly; sums (added in another order) to rounding.
      const counts = (f: Omit<(typeof fresh)[number], 'compositeSum' | 'couplingSum' | 'objectives'>) => ({ regionId: f.regionId, n: f.n, compositeN: f.compositeN, couplingN: f.couplingN, bins: f.bins, grades: f.grades });
      expect(stored.map(counts)).toEqual(fresh.map(counts));
      stored.forEach((f, i) => {
        expect(f.compositeSum).toBeCloseTo(fresh[i]!.compositeSum, 6);
        expect(f.couplingSum).toBeCloseTo(fresh[i]!.couplingSum, 6);
        for (const [code, o] of Object.entries(fresh[i]!.objectives)) {
          expect(f.objectives[code]!.n).toBe(o.n);
          expect(f.objectives[code]!.sum).toBeCloseTo(o.sum, 6);
        }
      });
      const columns = db.select().from(scoreRunPeerValues).all().filter((p) => p.runId === run.id);
      expect(new Map(columns.map((c) => [c.indicator, [...bytesToColumn(c.values)]]))).toEqual(new Map([...peerColumns(doc, raw)].map(([k, v]) => [k, [...v]])));
    }
  });

  it('gives the county dashboard figures equal to a recount, for an admin and in an assessor’s scope', async () => {
    const period = periods.filter((p) => p.status === 'published').at(-1)!;
    const county = db.$client.prepare(`select id, path from regions where level = 'county' and exists (select 1 from regions t join stakeholders s on s.region_id = t.id where t.path like regions.path || '%') order by code limit 1`).get() as { id: number; path: string };
    const admin = makeUser(db, 'admin', { username: 'agg-admin' });
    const assessor = makeUser(db, 'assessor', { username: 'agg-assessor', regionIds: [county.id] });
    for (const [user, inScope] of [
      [admin, () => true],
      [assessor, (r: Raw) => r.path.startsWith(county.path)],
    ] as const) {
      // The second read answers from the figures the first one stored (quantiles, warnings).
      const first = await callerFor(db, user).countyDashboard.get({ periodId: period.id });
      const d = await callerFor(db, user).countyDashboard.get({ periodId: period.id });
      expect(d).toEqual(first);
      const raw = rawScores(db, publishedRuns(period.id)).filter(inScope);
      expect(raw.length).toBeGreaterThan(0);
      const types = [...new Set(raw.map((r) => r.type))].sort();
      expect(d.distribution.map((x) => x.type)).toEqual(types);
      for (const x of d.distribution) {
        const xs = present(raw.filter((r) => r.type === x.type).map((r) => r.composite)).sort((a, b) => a - b);
        expect(x.n).toBe(xs.length);
        expect(x.mean).toBeCloseTo(mean(xs)!, 9);
        expect([x.min, x.q1, x.median, x.q3, x.max]).toEqual([xs[0], quantile(xs, 0.25), quantile(xs, 0.5), quantile(xs, 0.75), xs.at(-1)]);
        const bins = new Array(10).fill(0);
        for (const c of xs) bins[bandOf(c, 100)]++;
        expect(x.bins).toEqual(bins);
      }
      // Over several counties the heatmap has a row per county, and each county's townships come on demand.
      const byRegion = (level: number, rows: readonly Raw[]) => {
        const groups = new Map<number, Raw[]>();
        for (const r of rows) {
          const id = Number(r.path.split('/').filter(Boolean)[level]);
          if (id) (groups.get(id) ?? groups.set(id, []).get(id)!).push(r);
        }
        return groups;
      };
      const expectHeatmap = (heatmap: typeof d.heatmap, groups: Map<number, Raw[]>) => {
        expect(heatmap.map((h) => h.regionId).sort()).toEqual([...groups.keys()].sort());
        for (const h of heatmap) {
          const rows = groups.get(h.regionId)!;
          expect(h.n).toBe(rows.length);
          for (const [code, v] of Object.entries(h.scores)) {
            const m = mean(present(rows.map((r) => r.objectives[code])));
            if (m === null) expect(v).toBeNull();
            else expect(v).toBeCloseTo(m, 9);
          }
        }
      };
      const counties = byRegion(2, raw);
      if (user === admin) expect(counties.size).toBeGreaterThan(1);
      expect(d.heatmapLevel).toBe(counties.size > 1 ? 'county' : 'township');
      expectHeatmap(d.heatmap, d.heatmapLevel === 'county' ? counties : byRegion(3, raw));
      for (const countyId of counties.keys()) {
        const townships = await callerFor(db, user).countyDashboard.townships({ periodId: period.id, countyId });
        expectHeatmap(townships, byRegion(3, counties.get(countyId)!));
      }
      const trend = d.trends.find((t) => t.periodId === period.id)!;
      expect(trend.n).toBe(raw.length);
      expect(trend.poverty).toBeCloseTo(mean(present(raw.map((r) => r.objectives.poverty)))!, 9);
      // Warnings: the first of each kind, with totals equal to a recount of the low scores.
      const low = raw.filter((r) => typeof r.objectives.poverty === 'number' && r.objectives.poverty < 60).length;
      expect((d.warningTotals.poverty_low ?? 0) + (d.warningTotals.poverty_drop ?? 0)).toBeGreaterThanOrEqual(low);
      for (const kind of Object.keys(d.warningTotals)) expect(d.warnings.filter((w) => w.kind === kind).length).toBeLessThanOrEqual(50);
      expect(JSON.stringify(d).length).toBeLessThan(1_000_000);
    }
  });

  it('gives the county scorecard aggregates equal to a recount and pages its stakeholders', async () => {
    const period = periods.filter((p) => p.status === 'published').at(-1)!;
    const api = callerFor(db, makeUser(db, 'admin', { username: 'agg-admin-2' }));
    const first = await api.scorecards.county({ period: period.code });
    const county = db.$client.prepare('select path from regions where id = ?').get(first.county!.id) as { path: string };
    const raw = rawScores(db, publishedRuns(period.id)).filter((r) => r.path.startsWith(county.path));
    const summary = first.summary!;
    expect(summary.count).toBe(raw.length);
    for (const g of summary.byType) {
      const rows = raw.filter((r) => r.type === g.type);
      expect(g.count).toBe(rows.length);
      const m = mean(present(rows.map((r) => (r.composite === null ? null : (r.composite / r.scale) * 100))));
      if (m === null) expect(g.meanComposite).toBeNull();
      else expect(g.meanComposite).toBeCloseTo(m, 9);
      const grades: Record<string, number> = {};
      for (const r of rows) if (r.grade) grades[r.grade] = (grades[r.grade] ?? 0) + 1;
      expect(g.grades).toEqual(grades);
    }
    for (const t of summary.townships) {
      const tPath = (db.$client.prepare('select path from regions where id = ?').get(t.id) as { path: string }).path;
      expect(t.count).toBe(raw.filter((r) => r.path.startsWith(tPath)).length);
    }
    // Every page at most pageSize rows; together each stakeholder once, in code order.
    const pageSize = 20;
    const codes: string[] = [];
    for (let page = 1; ; page++) {
      const data = await api.scorecards.county({ countyId: first.county!.id, period: period.code, page, pageSize, sort: 'code' });
      const list = data.summary!.stakeholderList;
      expect(data.summary!.stakeholders.length).toBeLessThanOrEqual(pageSize);
      codes.push(...data.summary!.stakeholders.map((s) => s.code));
      expect(list.total).toBe(raw.length);
      if (page >= list.pageCount) break;
    }
    expect(codes).toEqual(raw.map((r) => r.code).sort());
    const market = await api.scorecards.county({ countyId: first.county!.id, period: period.code, type: 'market', sort: 'composite', dir: 'desc' });
    const marketComposites = market.summary!.stakeholders.map((s) => s.composite);
    expect(market.summary!.stakeholderList.total).toBe(raw.filter((r) => r.type === 'market').length);
    expect(marketComposites).toEqual(present(marketComposites).sort((a, b) => b - a).concat(marketComposites.filter((c) => c === null) as never[]));
  });

  it('gives a stakeholder scorecard the ranks and peer counts of a recount', async () => {
    const period = periods.filter((p) => p.status === 'published').at(-1)!;
    const api = callerFor(db, makeUser(db, 'admin', { username: 'agg-admin-3' }));
    const raw = rawScores(db, publishedRuns(period.id));
    const countyOf = (path: string) => path.split('/').filter(Boolean).slice(0, 3).join('/');
    for (const own of raw.filter((r) => r.composite !== null).slice(0, 400).filter((_, i) => i % 80 === 0)) {
      const card = (await api.scorecards.get({ stakeholderId: own.stakeholderId, period: period.code })).card!;
      const run = raw.filter((r) => r.runId === own.runId);
      const county = run.filter((r) => countyOf(r.path) === countyOf(own.path));
      const countyRank = rankAndPercentile(county.map((r) => r.composite))[county.indexOf(own)]!;
      expect(card.peers.county).toMatchObject({ rank: countyRank.rank, percentile: countyRank.percentile, peers: present(county.map((r) => r.composite)).length });
      const provinceRank = rankAndPercentile(run.map((r) => r.composite))[run.indexOf(own)]!;
      expect(card.peers.province).toMatchObject({ rank: provinceRank.rank, percentile: provinceRank.percentile, peers: present(run.map((r) => r.composite)).length });
    }
  });
  it('keeps stored counts equal to a recount, also after writes through the app and straight to the tables', async () => {
    const open = periods.find((p) => p.status === 'open')!;
    const county = db.$client.prepare(`select id, path from regions where level = 'county' and exists (select 1 from regions t join stakeholders s on s.region_id = t.id where t.path like regions.path || '%') order by code limit 1`).get() as { id: number; path: string };
    const admin = callerFor(db, makeUser(db, 'admin', { username: 'agg-admin-counts' }));
    const assessorUser = makeUser(db, 'assessor', { username: 'agg-assessor-counts', regionIds: [county.id] });
    const assessor = callerFor(db, assessorUser);
    const all = (q: string, ...a: unknown[]) => db.$client.prepare(q).all(...a) as Record<string, unknown>[];
    const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
    const check = async () => {
      expect(sorted(all('select period_id, region_id, stakeholder_type, active, status, excluded, n from evaluation_counts'))).toEqual(
        sorted(all(`select e.period_id, s.region_id, s.type stakeholder_type, s.active, e.status, e.excluded_reason is not null excluded, count(*) n
                    from evaluations e join stakeholders s on s.id = e.stakeholder_id group by 1, 2, 3, 4, 5, 6`)),
      );
      expect(sorted(all('select region_id, stakeholder_type, active, n from stakeholder_counts'))).toEqual(sorted(all('select region_id, type stakeholder_type, active, count(*) n from stakeholders group by 1, 2, 3')));
      expect(sorted(all('select entity, action, n from audit_counts'))).toEqual(sorted(all('select entity, action, count(*) n from audit_log group by 1, 2')));
      expect(sorted(all('select evaluation_id, indicator_id, value from red_flag_values'))).toEqual(
        sorted(all('select v.evaluation_id, v.indicator_id, v.value from evaluation_values v join indicators i on i.id = v.indicator_id where v.value > i.red_flag_above')),
      );
      // What the pages show, against a recount of the rows.
      const recount = (scope: string) =>
        all(`select coalesce(e.status, 'not_started') status, count(*) n from stakeholders s join regions r on r.id = s.region_id
             left join evaluations e on e.stakeholder_id = s.id and e.period_id = ? where (s.active = 1 or e.id is not null) and r.path like ? || '%' group by 1`, open.id, scope);
      for (const [api, scope] of [[admin, '/'], [assessor, county.path]] as const) {
        const list = await api.evaluations.workList({ periodId: open.id });
        const expected = Object.fromEntries(recount(scope).map((r) => [r.status, r.n]));
        const shown: Record<string, number> = {};
        for (const c of list.counties) for (const [s, n] of Object.entries(c.counts)) if (n) shown[s] = (shown[s] ?? 0) + n;
        expect(shown).toEqual(expected);
        expect(list.total).toBe(Object.values(expected).reduce<number>((a, b) => a + Number(b), 0));
        const drafts = await api.evaluations.workList({ periodId: open.id, status: 'draft', type: 'rural' });
        expect(drafts.total).toBe(Number(all(`select count(*) n from evaluations e join stakeholders s on s.id = e.stakeholder_id join regions r on r.id = s.region_id where e.period_id = ? and e.status = 'draft' and s.type = 'rural' and r.path like ? || '%'`, open.id, scope)[0]!.n));
        const listed = await api.stakeholders.list({ includeInactive: true, regionId: county.id });
        expect(listed.total).toBe(Number(all(`select count(*) n from stakeholders s join regions r on r.id = s.region_id where r.path like ? || '%'`, county.path)[0]!.n));
        const county0 = await api.countyDashboard.get({ periodId: open.id });
        const unfinished = all(`select count(*) n from stakeholders s join regions r on r.id = s.region_id left join evaluations e on e.stakeholder_id = s.id and e.period_id = ?
                                where s.active = 1 and (e.id is null or e.status in ('draft', 'returned')) and r.path like ? || '%'`, open.id, scope)[0]!.n;
        if (county0.warnings.some((w) => w.kind === 'missing')) expect(county0.warningTotals.missing).toBe(unfinished);
        const flagged = all(`select count(*) n from evaluation_values v join indicators i on i.id = v.indicator_id join evaluations e on e.id = v.evaluation_id
                             join stakeholders s on s.id = e.stakeholder_id join regions r on r.id = s.region_id
                             where e.period_id = ? and v.value > i.red_flag_above and r.path like ? || '%'`, open.id, scope)[0]!.n;
        expect(county0.warningTotals.red_flag ?? 0).toBe(flagged);
      }
      const periodsShown = await admin.periods.list();
      for (const p of periodsShown) {
        const [row] = all(`select count(*) evaluations, coalesce(sum(status = 'approved' and excluded_reason is null), 0) approved, coalesce(sum(excluded_reason is not null), 0) excluded from evaluations where period_id = ?`, p.id);
        expect({ evaluations: p.evaluations, approved: p.approved, excluded: p.excluded }).toEqual(row);
      }
      const home = await callerFor(db, assessorUser).dashboard.assessor();
      expect(Object.fromEntries(home.progress.map((p) => [p.status, p.n]))).toEqual(
        Object.fromEntries(all(`select e.status, count(*) n from evaluations e join stakeholders s on s.id = e.stakeholder_id join regions r on r.id = s.region_id where e.period_id = ? and r.path like ? || '%' group by 1`, open.id, county.path).map((r) => [r.status, r.n])),
      );
      const audit = await admin.audit.list({ entity: 'evaluation' });
      expect(audit.total).toBe(Number(all(`select count(*) n from audit_log where entity = 'evaluation'`)[0]!.n));
      expect(audit.actions).toEqual(all('select distinct action from audit_log order by 1').map((r) => r.action));
    };
    await check();
    // Through the app: a stakeholder with evaluations is deactivated, another moves county.
    const [withEvaluation] = all(`select s.id from stakeholders s join evaluations e on e.stakeholder_id = s.id and e.period_id = ? join regions r on r.id = s.region_id where r.path like ? || '%' limit 1`, open.id, county.path);
    await admin.stakeholders.setActive({ id: Number(withEvaluation!.id), active: false });
    const mover = await admin.stakeholders.get({ id: Number(all('select stakeholder_id id from evaluations where period_id = ? order by id desc limit 1', open.id)[0]!.id) });
    const target = all(`select id from regions where level = 'township' and path like ? || '%' limit 1`, county.path)[0]!;
    await admin.stakeholders.update({ id: mover.id, data: { name: mover.name, type: mover.type, regionId: Number(target.id), creditCode: mover.creditCode, contactName: mover.contactName, contactPhone: mover.contactPhone } });
    // Straight to the tables: a status change, an exclusion, a new evaluation and its removal.
    db.$client.prepare(`update evaluations set status = 'submitted' where id in (select id from evaluations where period_id = ? and status = 'draft' limit 5)`).run(open.id);
    db.$client.prepare(`update evaluations set excluded_reason = 'test' where id in (select id from evaluations where period_id = ? and status = 'returned' limit 2)`).run(open.id);
    const fresh = all(`select s.id, e.kpi_set_version_id v from stakeholders s join evaluations e on e.stakeholder_id = s.id where s.active = 1 and not exists (select 1 from evaluations x where x.stakeholder_id = s.id and x.period_id = ?) limit 2`, open.id);
    for (const s of fresh) db.$client.prepare(`insert into evaluations (stakeholder_id, period_id, kpi_set_version_id, status) values (?, ?, ?, 'draft')`).run(s.id, open.id, s.v);
    // Values: flags raised and cleared, values of a new evaluation, then a new threshold.
    const flag = all('select id, red_flag_above limit_ from indicators where red_flag_above is not null order by id limit 1')[0]!;
    const openValues = `select v.evaluation_id from evaluation_values v join evaluations e on e.id = v.evaluation_id where e.period_id = ${open.id} and v.indicator_id = ?`;
    db.$client.prepare(`update evaluation_values set value = ? + 3 where indicator_id = ? and evaluation_id in (${openValues} and v.value <= ? limit 5)`).run(flag.limit_, flag.id, flag.id, flag.limit_);
    db.$client.prepare(`update evaluation_values set value = ? where indicator_id = ? and evaluation_id in (${openValues} and v.value > ? limit 2)`).run(flag.limit_, flag.id, flag.id, flag.limit_);
    const freshEvaluation = (i: number) => Number(all('select id from evaluations where stakeholder_id = ? and period_id = ?', fresh[i]!.id, open.id)[0]!.id);
    for (const i of [0, 1]) db.$client.prepare('insert into evaluation_values (evaluation_id, indicator_id, value) values (?, ?, ?)').run(freshEvaluation(i), flag.id, Number(flag.limit_) + 1);
    db.$client.prepare('delete from evaluations where stakeholder_id = ? and period_id = ?').run(fresh[0]!.id, open.id);
    await check();
    db.$client.prepare('update indicators set red_flag_above = ? where id = ?').run(Number(flag.limit_) + 2, flag.id);
    await check();
  }, 60_000);

  it('lists the poverty warnings of a recount, for an admin and in an assessor’s scope', async () => {
    const [before, period] = periods.filter((p) => p.status === 'published').slice(-2);
    // As the publish job leaves them: stored before anyone reads the dashboard.
    db.$client.prepare('delete from poverty_warning_sets').run();
    db.$client.prepare('delete from score_run_quantiles').run();
    storeDashboardFigures(db, period!.id);
    expect(db.$client.prepare('select count(*) n from poverty_warning_sets where period_id = ?').get(period!.id)).toEqual({ n: 1 });
    const runs = publishedRuns(period!.id);
    expect(db.$client.prepare(`select count(*) n from score_run_quantiles where run_id in (${runs.join(',')})`).get()).toEqual({ n: runs.length * 5 });
    const county = db.$client.prepare(`select id, path from regions where level = 'county' order by code limit 1 offset 1`).get() as { id: number; path: string };
    const prev = new Map(rawScores(db, publishedRuns(before!.id)).map((r) => [r.stakeholderId, r.objectives.poverty]));
    for (const [user, scope] of [
      [makeUser(db, 'admin', { username: 'agg-admin-poverty' }), '/'],
      [makeUser(db, 'assessor', { username: 'agg-assessor-poverty', regionIds: [county.id] }), county.path],
    ] as const) {
      // Twice: worked out on the first read, stored for the second.
      for (const _ of [1, 2]) {
        const d = await callerFor(db, user).countyDashboard.get({ periodId: period!.id });
        const expected = { poverty_drop: [] as string[], poverty_low: [] as string[] };
        for (const r of rawScores(db, publishedRuns(period!.id)).filter((x) => x.path.startsWith(scope))) {
          const now = r.objectives.poverty;
          const was = prev.get(r.stakeholderId);
          if (typeof now !== 'number') continue;
          if (typeof was === 'number' && was - now >= 10 - 1e-9) expected.poverty_drop.push(r.code);
          else if (now < 60) expected.poverty_low.push(r.code);
        }
        if (scope === '/') expect(expected.poverty_low.length).toBeGreaterThan(50);
        for (const kind of ['poverty_drop', 'poverty_low'] as const) {
          expect(d.warningTotals[kind] ?? 0).toBe(expected[kind].length);
          expect(d.warnings.filter((w) => w.kind === kind).map((w) => w.code)).toEqual(expected[kind].sort().slice(0, 50));
        }
      }
    }
  }, 60_000);

});

describe('the path to the next band from stored peer values', () => {
  it('equals the engine on the whole peer matrix for every stakeholder of a peer-relative set', async () => {
    const f = makeFactory();
    const period = await f.period(2026, 1);
    const codes = ['mm', 'zs', 'pc', 'gp'];
    for (const code of codes) {
      await f.api.indicators.create({ code, nameZh: code, nameEn: code, unit: '', direction: code === 'zs' ? 'lower' : 'higher', valueType: 'number', minValue: 0, maxValue: 100, evidenceRequired: false, redFlagAbove: null });
    }
    const normalization = { mm: { method: 'minmax' }, zs: { method: 'zscore' }, pc: { method: 'percentile' }, gp: { method: 'goalposts', min: 0, max: 100 } } as const;
    const document: KpiSetV1Input = {
      format: 'kpi-set/v1',
      code: 'market',
      name: { en: 'Market', 'zh-CN': '市场' },
      stakeholderType: 'market',
      grades: [
        { code: 'A', min: 85, label: { en: 'A', 'zh-CN': '优' } },
        { code: 'B', min: 70, label: { en: 'B', 'zh-CN': '良' } },
        { code: 'C', min: 60, label: { en: 'C', 'zh-CN': '中' } },
        { code: 'D', min: 0, label: { en: 'D', 'zh-CN': '差' } },
      ],
      objectives: [
        { code: 'o1', name: { en: 'o1', 'zh-CN': 'o1' }, weight: 2, indicators: ['mm', 'zs'].map((c) => ({ code: c, name: { en: c, 'zh-CN': c }, unit: '', direction: c === 'zs' ? ('lower' as const) : ('higher' as const), weight: 1, normalization: normalization[c as 'mm' | 'zs'] })) },
        { code: 'o2', name: { en: 'o2', 'zh-CN': 'o2' }, weight: 1, indicators: ['pc', 'gp'].map((c) => ({ code: c, name: { en: c, 'zh-CN': c }, unit: '', direction: 'higher' as const, weight: 1, normalization: normalization[c as 'pc' | 'gp'] })) },
      ],
    };
    const set = f.db.$client.prepare(`insert into kpi_sets (code, stakeholder_type, name_en, name_zh) values ('market', 'market', 'Market', '市场') returning id`).get() as { id: number };
    const draft = await f.api.kpiSets.import({ kpiSetId: set.id, text: JSON.stringify(document) });
    await f.api.kpiSets.publish({ versionId: draft.id, effectiveFromPeriodId: period.id, changeNote: 'Peer-relative test set' });
    const ids = [f.w.shA.id, f.w.shB.id];
    for (let i = 0; i < 14; i++) ids.push((await f.stakeholder('market', i % 2 ? f.w.townA.id : f.w.townB.id)).id);
    // Spread values with ties and a missing one, so ranks, z-scores and clamps all take part.
    const value = (i: number, j: number) => (i === 3 && j === 1 ? null : ((i * 37 + j * 11) % 90) + (i % 4 === 0 ? 0 : 5));
    for (const [i, id] of ids.entries()) await f.evaluate(id, Object.fromEntries(codes.map((c, j) => [c, value(i, j)])));
    await f.publish(period.id);

    const doc = loadKpiSetVersion(f.db, draft.id).document;
    const stored = f.db.$client.prepare(`select s.stakeholder_id id, st.code, s.indicators from scores s join stakeholders st on st.id = s.stakeholder_id join score_runs sr on sr.id = s.run_id where sr.status = 'published'`).all() as { id: number; code: string; indicators: string }[];
    const rows: ValuesRow[] = stored.map((r) => ({ stakeholder: r.code, values: Object.fromEntries(Object.entries(JSON.parse(r.indicators) as Record<string, { raw: number | null }>).map(([c, v]) => [c, v.raw])) }));
    let reachable = 0;
    for (const r of stored) {
      const served = (await f.api.scorecards.nextBand({ stakeholderId: r.id }))!;
      const full = pathToNextBand(doc, rows, r.code, { limits: Object.fromEntries(codes.map((c) => [c, { min: 0, max: 100, decimals: 2 }])) });
      expect({ status: served.status, composite: served.composite, grade: served.grade, cheapest: served.cheapest }).toEqual({ status: full.status, composite: full.composite, grade: full.grade, cheapest: full.cheapest });
      // The served routes carry what the page shows beside the engine's answer (name, unit, range, method).
      expect(served.routes.map(({ name: _n, unit: _u, direction: _d, cheapest: _c, method: _m, min: _min, max: _max, valueType: _v, ...route }) => route)).toEqual(full.routes);
      reachable += full.routes.filter((route) => route.reachable).length;
    }
    expect(reachable).toBeGreaterThan(5);
  }, 60_000);
});
