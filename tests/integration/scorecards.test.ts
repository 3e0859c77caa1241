// Scorecards through the router on the seeded demo: own scorecard only, published periods only,
// the path to the next band checked against the engine, and the county scorecard's scope.
import { beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { seedIfEmpty } from '@/seed';
import { periods, regions, scoreRuns, scores, stakeholders, user } from '@/db/schema';
import { loadSessionUser } from '@/server/auth/session';
import { gradeFor, scoreKpiSet, type ValuesRow } from '@/core/scoring';
import { computeScoreRun, gatherValues, publishScoreRun } from '@/server/services/score-runs';
import { loadKpiSetVersion } from '@/server/services/kpi-documents';
import { callerFor, freshDb } from './helpers';

let db: Db;
const as = (username: string) => {
  const row = db.select({ id: user.id }).from(user).where(eq(user.username, username)).get();
  if (!row) throw new Error(`no demo user ${username}`);
  return callerFor(db, loadSessionUser(db, row.id));
};
const stakeholderIdOf = (username: string) => db.select({ id: user.stakeholderId }).from(user).where(eq(user.username, username)).get()!.id!;

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
  db = freshDb();
  await seedIfEmpty(db, { passwordHash: 'x' });
}, 60_000);

describe('my scorecard', () => {
  it('shows the latest published period, its stored score, and no other stakeholder', async () => {
    const firm = as('firm1');
    const card = await firm.scorecards.get();
    expect(card.period).toBe('2026Q2');
    expect(card.periods.map((p) => p.code)).toEqual(['2026Q2', '2026Q1', '2025Q4']);
    const stored = db
      .select({ composite: scores.composite, grade: scores.grade, countyPercentile: scores.countyPercentile })
      .from(scores)
      .innerJoin(scoreRuns, eq(scoreRuns.id, scores.runId))
      .innerJoin(periods, eq(periods.id, scoreRuns.periodId))
      .where(and(eq(scores.stakeholderId, stakeholderIdOf('firm1')), eq(periods.code, '2026Q2'), eq(scoreRuns.status, 'published')))
      .get()!;
    expect(card.card!.composite).toBe(stored.composite);
    expect(card.card!.grade?.code).toBe(stored.grade);
    expect(card.card!.peers.county.percentile).toBeCloseTo(stored.countyPercentile!, 9);
    expect(card.card!.peers.county.peers).toBeGreaterThan(1);
    expect(card.card!.peers.province.peers).toBeGreaterThanOrEqual(card.card!.peers.county.peers);
    expect(card.trend.map((t) => t.period)).toEqual(['2025Q4', '2026Q1', '2026Q2']);
    // Contributions add up to the composite (the engine's invariant, carried through storage).
    const sum = card.card!.indicators.reduce((acc, i) => acc + (i.contribution ?? 0), 0);
    expect(sum).toBeCloseTo(card.card!.composite!, 6);
    // Nothing in the answer names another stakeholder.
    const text = JSON.stringify(card);
    const others = db.select({ name: stakeholders.name, code: stakeholders.code }).from(stakeholders).all().filter((s) => s.code !== card.stakeholder.code);
    for (const o of others) {
      expect(text.includes(o.name)).toBe(false);
      expect(text.includes(`"${o.code}"`)).toBe(false);
    }
  });

  it('refuses another stakeholder’s scorecard and path through every procedure', async () => {
    const firm = as('firm1');
    const coopId = stakeholderIdOf('coop1');
    expect(await codeOf(firm.scorecards.get({ stakeholderId: coopId }))).toBe('FORBIDDEN');
    expect(await codeOf(firm.scorecards.nextBand({ stakeholderId: coopId }))).toBe('FORBIDDEN');
    expect(await codeOf(firm.scorecards.get({ stakeholderId: coopId, period: '2025Q4' }))).toBe('FORBIDDEN');
    expect(await codeOf(firm.scorecards.county())).toBe('FORBIDDEN');
    expect(await codeOf(firm.stakeholders.get({ id: coopId }))).toBe('FORBIDDEN');
  });

  it('never shows an unpublished period, even when a run of it was published', async () => {
    const firm = as('firm1');
    expect(await codeOf(firm.scorecards.get({ period: '2026Q3' }))).toBe('NOT_FOUND');
    expect(await codeOf(firm.scorecards.nextBand({ period: '2026Q3' }))).toBe('NOT_FOUND');
    // Publish an official run of the still-open period: the period's status still hides it.
    const open = db.select().from(periods).where(eq(periods.code, '2026Q3')).get()!;
    const versionId = db
      .select({ v: scoreRuns.kpiSetVersionId })
      .from(scoreRuns)
      .where(eq(scoreRuns.periodId, open.id))
      .all()
      .map((r) => r.v);
    expect(versionId.length).toBeGreaterThan(0);
    for (const v of new Set(versionId)) {
      const { run } = computeScoreRun(db, { periodId: open.id, versionId: v, kind: 'official', actorId: null, statuses: ['draft', 'submitted', 'approved', 'returned'] });
      publishScoreRun(db, run.id, null);
    }
    const card = await firm.scorecards.get();
    expect(card.period).toBe('2026Q2');
    expect(card.periods.map((p) => p.code)).not.toContain('2026Q3');
    expect(card.trend.map((t) => t.period)).not.toContain('2026Q3');
    expect(await codeOf(firm.scorecards.get({ period: '2026Q3' }))).toBe('NOT_FOUND');
    const county = await as('assessor1').scorecards.county();
    expect(county.periods).not.toContain('2026Q3');
  });

  it('lets assessors read scorecards in their county only', async () => {
    const firmId = stakeholderIdOf('firm1');
    expect((await as('assessor1').scorecards.get({ stakeholderId: firmId })).stakeholder.id).toBe(firmId);
    expect(await codeOf(as('assessor3').scorecards.get({ stakeholderId: firmId }))).toBe('FORBIDDEN');
    expect(await codeOf(as('assessor3').scorecards.nextBand({ stakeholderId: firmId }))).toBe('FORBIDDEN');
    expect(await codeOf(as('assessor1').scorecards.get())).toBe('BAD_REQUEST');
  });
});

describe('path to the next band', () => {
  it('suggests values that reach the next band under the engine, for each demo stakeholder user', async () => {
    let reachable = 0;
    for (const username of ['firm1', 'coop1', 'town1']) {
      const path = await as(username).scorecards.nextBand();
      expect(path).not.toBeNull();
      if (!path || path.status !== 'ok') continue;
      const period = db.select().from(periods).where(eq(periods.code, path.period)).get()!;
      const code = db.select({ code: stakeholders.code }).from(stakeholders).where(eq(stakeholders.id, stakeholderIdOf(username))).get()!.code;
      const run = db
        .select({ versionId: scoreRuns.kpiSetVersionId })
        .from(scores)
        .innerJoin(scoreRuns, eq(scoreRuns.id, scores.runId))
        .where(and(eq(scoreRuns.periodId, period.id), eq(scoreRuns.status, 'published'), eq(scores.stakeholderId, stakeholderIdOf(username))))
        .get()!;
      const doc = loadKpiSetVersion(db, run.versionId).document;
      const input = gatherValues(db, period.id, run.versionId, ['approved']);
      const docCodes = new Set(doc.objectives.flatMap((o) => o.indicators.map((i) => i.code)));
      const rows: ValuesRow[] = input.rows.map((r) => ({ stakeholder: r.stakeholder, values: Object.fromEntries(Object.entries(r.values).filter(([c]) => docCodes.has(c))) }));
      expect(path.cheapest.length).toBeLessThanOrEqual(3);
      for (const route of path.routes) {
        if (!route.reachable) continue;
        reachable++;
        const changed = rows.map((r) => (r.stakeholder === code ? { ...r, values: { ...r.values, [route.indicator]: route.required } } : r));
        const result = scoreKpiSet(doc, changed).results.find((r) => r.stakeholder === code)!;
        expect(gradeFor(result.composite, doc.grades)!.min, `${username} ${route.indicator}`).toBeGreaterThanOrEqual(path.nextGrade!.min);
      }
    }
    expect(reachable).toBeGreaterThan(0);
  });
});

describe('county scorecard', () => {
  it('aggregates the assessor’s county by type, with coordination and a township ranking', async () => {
    const county = await as('assessor1').scorecards.county();
    expect(county.county?.nameZh).toContain('屏边');
    const summary = county.summary!;
    expect(summary.byType.reduce((n, t) => n + t.count, 0)).toBe(summary.count);
    expect(summary.count).toBeGreaterThan(10);
    expect(summary.coordination!.D).toBeGreaterThan(0);
    expect(summary.coordination!.D).toBeLessThanOrEqual(1);
    const ranks = summary.townships.map((t) => t.rank).filter((r): r is number => r !== null);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const countyPath = db.select({ path: regions.path }).from(regions).where(eq(regions.id, county.county!.id)).get()!.path;
    for (const s of summary.stakeholders) {
      const path = db.select({ path: regions.path }).from(stakeholders).innerJoin(regions, eq(regions.id, stakeholders.regionId)).where(eq(stakeholders.id, s.id)).get()!.path;
      expect(path.startsWith(countyPath)).toBe(true);
    }
    const other = county.counties.length === 1 ? (await as('admin').scorecards.county()).counties.find((c) => c.id !== county.county!.id)! : null;
    expect(other).not.toBeNull();
    expect(await codeOf(as('assessor1').scorecards.county({ countyId: other!.id }))).toBe('FORBIDDEN');
    const admin = await as('admin').scorecards.county({ countyId: other!.id, period: '2025Q4' });
    expect(admin.period).toBe('2025Q4');
    expect(admin.county?.id).toBe(other!.id);
  });
});
