// Scorecards through the router on a small scored world (tests/integration/factory.ts): own
// scorecard only, published periods only, the path to the next band checked against the engine,
// and the county scorecard's scope. Goalposts 0…100: a composite is the mean of its two values.
import { beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { scoreRuns, scores } from '@/db/schema';
import { couplingCoordination, gradeFor, scoreKpiSet, type ValuesRow } from '@/core/scoring';
import { computeScoreRun, publishScoreRun } from '@/server/queries/score-runs';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { indicatorsOf, publishedWorld } from './factory';

let w: Awaited<ReturnType<typeof publishedWorld>>;

async function codeOf(p: Promise<unknown>) {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

beforeAll(async () => {
  w = await publishedWorld();
}, 60_000);

describe('my scorecard', () => {
  it('shows the latest published period, its stored score, and no other stakeholder', async () => {
    const card = await w.caller(w.users.firm).scorecards.get();
    expect(card.period).toBe('2026Q2');
    expect(card.periods.map((p) => p.code)).toEqual(['2026Q2', '2026Q1', '2025Q4']);
    // 2026Q2: income 60, growth 70 → 65, grade C.
    expect(card.card!.composite).toBeCloseTo(65, 9);
    expect(card.card!.grade?.code).toBe('C');
    expect(card.card!.objectives.map((o) => [o.code, o.weight, o.score])).toEqual([
      ['income', 0.5, 60],
      ['growth', 0.5, 70],
    ]);
    // 屏边's market peers: firm 65, firm2 85 → rank 2 of 2; the province adds firmB (40) → rank 2 of 3.
    expect(card.card!.peers.county).toMatchObject({ rank: 2, percentile: 0, peers: 2, stored: { rank: 2, percentile: 0 } });
    expect(card.card!.peers.province).toMatchObject({ rank: 2, percentile: 50, peers: 3 });
    expect(card.trend.map((t) => [t.period, t.composite, t.grade])).toEqual([
      ['2025Q4', 50, 'D'],
      ['2026Q1', 60, 'C'],
      ['2026Q2', 65, 'C'],
    ]);
    // Contributions add up to the composite (the engine's invariant, carried through storage).
    const contributions = card.card!.indicators.map((i) => [i.code, i.raw, i.contribution]);
    expect(contributions).toEqual([
      [indicatorsOf('market').income, 60, 30],
      [indicatorsOf('market').growth, 70, 35],
    ]);
    // Nothing in the answer names another stakeholder.
    const text = JSON.stringify(card);
    const others = Object.values(w.who).filter((s) => s.code !== card.stakeholder.code);
    expect(others).toHaveLength(5);
    for (const o of others) {
      expect(text.includes(o.name)).toBe(false);
      expect(text.includes(`"${o.code}"`)).toBe(false);
    }
  });

  it('refuses another stakeholder’s scorecard and path through every procedure', async () => {
    const firm = w.caller(w.users.firm);
    const coopId = w.who.coop.id;
    // Answered as for a stakeholder that doesn't exist: another's id can't be probed.
    expect(await codeOf(firm.scorecards.get({ stakeholderId: coopId }))).toBe('NOT_FOUND');
    expect(await codeOf(firm.scorecards.nextBand({ stakeholderId: coopId }))).toBe('NOT_FOUND');
    expect(await codeOf(firm.scorecards.get({ stakeholderId: coopId, period: '2025Q4' }))).toBe('NOT_FOUND');
    expect(await codeOf(firm.scorecards.county())).toBe('FORBIDDEN');
    expect(await codeOf(firm.stakeholders.get({ id: coopId }))).toBe('NOT_FOUND');
  });

  it('never shows an unpublished period, even when a run of it was published', async () => {
    const firm = w.caller(w.users.firm);
    expect(await codeOf(firm.scorecards.get({ period: '2026Q3' }))).toBe('NOT_FOUND');
    expect(await codeOf(firm.scorecards.nextBand({ period: '2026Q3' }))).toBe('NOT_FOUND');
    // Publish an official run of the still-open period: the period's status still hides it.
    const versionIds = new Set(w.db.select({ v: scoreRuns.kpiSetVersionId }).from(scoreRuns).where(eq(scoreRuns.periodId, w.periodIds['2026Q3'])).all().map((r) => r.v));
    // Approving firm's evaluation refreshed the provisional run of the market set only.
    expect(versionIds.size).toBe(1);
    for (const v of versionIds) {
      const { run, count } = computeScoreRun(w.db, { periodId: w.periodIds['2026Q3'], versionId: v, kind: 'official', actorId: null, statuses: ['draft', 'submitted', 'approved', 'returned'] });
      expect(count).toBe(2); // firm (approved) and firm2 (submitted)
      publishScoreRun(w.db, run.id, null);
    }
    const card = await firm.scorecards.get();
    expect(card.period).toBe('2026Q2');
    expect(card.periods.map((p) => p.code)).toEqual(['2026Q2', '2026Q1', '2025Q4']);
    expect(card.trend.map((t) => t.period)).toEqual(['2025Q4', '2026Q1', '2026Q2']);
    expect(await codeOf(firm.scorecards.get({ period: '2026Q3' }))).toBe('NOT_FOUND');
    const county = await w.caller(w.users.assessorA).scorecards.county();
    expect(county.periods).toEqual(['2026Q2', '2026Q1', '2025Q4']);
  });

  it('lets assessors read scorecards in their county only', async () => {
    const firmId = w.who.firm.id;
    expect((await w.caller(w.users.assessorA).scorecards.get({ stakeholderId: firmId })).stakeholder.id).toBe(firmId);
    // Outside an assessor's county: answered as for an id that doesn't exist.
    expect(await codeOf(w.caller(w.users.assessorB).scorecards.get({ stakeholderId: firmId }))).toBe('NOT_FOUND');
    expect(await codeOf(w.caller(w.users.assessorB).scorecards.nextBand({ stakeholderId: firmId }))).toBe('NOT_FOUND');
    expect(await codeOf(w.caller(w.users.assessorA).scorecards.get())).toBe('BAD_REQUEST');
  });
});

describe('path to the next band', () => {
  it('suggests values that reach the next band under the engine, for each stakeholder user', async () => {
    // firm 65 (C → B at 70), coop 75 (B → A at 85), town 85 (A: no band above).
    const expected = { firm: { next: 'B', required: [70, 80] }, coop: { next: 'A', required: [90, 100] }, town: null };
    for (const [name, want] of Object.entries(expected)) {
      const user = w.users[name as keyof typeof expected];
      const path = await w.caller(user).scorecards.nextBand();
      expect(path, name).not.toBeNull();
      expect(path!.period).toBe('2026Q2');
      if (want === null) {
        expect(path!.status, name).not.toBe('ok');
        continue;
      }
      expect(path!.status, name).toBe('ok');
      if (path!.status !== 'ok') continue;
      expect(path!.nextGrade!.code).toBe(want.next);
      // One indicator alone: income or growth must rise by twice the gap (each weighs half).
      expect(path!.routes.map((r) => [r.reachable, r.required])).toEqual([
        [true, want.required[0]],
        [true, want.required[1]],
      ]);
      // Checked against the engine: the suggested value reaches the band.
      const card = await w.caller(user).scorecards.get();
      const run = w.db
        .select({ versionId: scoreRuns.kpiSetVersionId })
        .from(scores)
        .innerJoin(scoreRuns, eq(scoreRuns.id, scores.runId))
        .where(and(eq(scoreRuns.periodId, w.periodIds['2026Q2']), eq(scoreRuns.status, 'published'), eq(scores.stakeholderId, card.stakeholder.id)))
        .get()!;
      const doc = loadKpiSetVersion(w.db, run.versionId).document;
      const own: ValuesRow = { stakeholder: card.stakeholder.code, values: Object.fromEntries(card.card!.indicators.map((i) => [i.code, i.raw])) };
      for (const route of path!.routes) {
        const changed = { ...own, values: { ...own.values, [route.indicator]: route.required } };
        const result = scoreKpiSet(doc, [changed]).results[0]!;
        expect(gradeFor(result.composite, doc.grades)!.code, `${name} ${route.indicator}`).toBe(want.next);
      }
    }
  });
});

describe('county scorecard', () => {
  it('aggregates the assessor’s county by type, with coordination and a township ranking', async () => {
    const county = await w.caller(w.users.assessorA).scorecards.county();
    expect(county.county?.name['zh-CN']).toBe('屏边县');
    expect(county.period).toBe('2026Q2');
    const summary = county.summary!;
    // 屏边 in 2026Q2: firm 65, town 85, coop 75 in 玉屏镇; firm2 85 in 新现镇.
    expect(summary.stakeholders.map((s) => [s.code, s.composite])).toEqual([
      ['CT-0001', 85],
      ['MK-0001', 65],
      ['MK-0003', 85],
      ['RU-0001', 75],
    ]);
    expect(summary.byType.map((t) => [t.type, t.count, t.meanComposite])).toEqual([
      ['county_town', 1, 85],
      ['rural', 1, 75],
      ['market', 2, 75],
    ]);
    // Coordination of the county's mean objective scores: income (80+60+80+70)/4, growth (90+70+90+80)/4.
    const means = [72.5, 82.5];
    expect(summary.coordination!.means).toEqual({ income: 72.5, growth: 82.5 });
    expect(summary.coordination!.D).toBeCloseTo(couplingCoordination(means, [1, 1], 100).D, 12);
    expect(summary.townships.map((t) => [t.name['zh-CN'], t.count, t.meanComposite, t.rank])).toEqual([
      ['新现镇', 1, 85, 1],
      ['玉屏镇', 3, 75, 2],
    ]);
    expect(county.counties.map((c) => c.id)).toEqual([w.w.countyA.id]);
    expect(await codeOf(w.caller(w.users.assessorA).scorecards.county({ countyId: w.w.countyB.id }))).toBe('FORBIDDEN');
    const admin = await w.api.scorecards.county({ countyId: w.w.countyB.id, period: '2025Q4' });
    expect(admin.period).toBe('2025Q4');
    expect(admin.county?.id).toBe(w.w.countyB.id);
    expect(admin.summary!.stakeholders.map((s) => [s.code, s.composite])).toEqual([
      ['MK-0002', 30],
      ['RU-0002', 60],
    ]);
  });
});
