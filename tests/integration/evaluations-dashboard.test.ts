// The county dashboard on the seeded demo: scoped to the caller, warnings that link to evaluations.
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from 'better-auth/crypto';
import { seedIfEmpty } from '@/seed';
import { evaluations, evaluationValues, indicators, periods, regions, scoreRuns, scores, stakeholders, user } from '@/db/schema';
import { loadSessionUser } from '@/server/auth/session';
import { POVERTY_FLOOR } from '@/server/services/county-dashboard';
import type { Db } from '@/db/client';
import { callerFor, freshDb } from './helpers';

let db: Db;
const demoUser = (username: string) => loadSessionUser(db, db.select({ id: user.id }).from(user).where(eq(user.username, username)).get()!.id)!;

beforeAll(async () => {
  db = freshDb();
  await seedIfEmpty(db, { passwordHash: await hashPassword('demo1234') });
});

describe('county dashboard', () => {
  it('shows only the assessor’s county, with distribution, heatmap, trends and linked warnings', async () => {
    const a1 = callerFor(db, demoUser('assessor1'));
    const pingbian = db.select().from(regions).where(eq(regions.code, '532523')).get()!;
    // A red flag in an evaluation of 屏边 this period: environmental violations above 0.
    const open = db.select().from(periods).where(eq(periods.status, 'open')).get()!;
    const env = db.select().from(indicators).where(eq(indicators.code, 'mk_env_violations')).get()!;
    const target = db
      .select({ id: evaluations.id })
      .from(evaluations)
      .innerJoin(stakeholders, eq(stakeholders.id, evaluations.stakeholderId))
      .innerJoin(regions, eq(regions.id, stakeholders.regionId))
      .where(and(eq(evaluations.periodId, open.id), eq(stakeholders.type, 'market'), sql`${regions.path} like ${pingbian.path + '%'}`))
      .get()!;
    db.insert(evaluationValues)
      .values({ evaluationId: target.id, indicatorId: env.id, value: 2 })
      .onConflictDoUpdate({ target: [evaluationValues.evaluationId, evaluationValues.indicatorId], set: { value: 2 } })
      .run();

    const d = await a1.countyDashboard.get();
    expect(d.period?.code).toBe('2026Q3');
    expect(d.provisional).toBe(true);
    expect(d.distribution.map((x) => x.type).sort()).toEqual(['county_town', 'market', 'rural']);
    for (const x of d.distribution) {
      expect(x.bins.reduce((s, b) => s + b, 0)).toBe(x.n);
      if (x.n) expect(x.min!).toBeLessThanOrEqual(x.median!);
    }
    // Heatmap rows are 屏边's townships only.
    const townships = db.select().from(regions).where(and(eq(regions.level, 'township'), sql`${regions.path} like ${pingbian.path + '%'}`)).all();
    expect(d.heatmap.length).toBeGreaterThan(0);
    expect(d.heatmap.every((h) => townships.some((t) => t.id === h.townshipId))).toBe(true);
    expect(d.trends.map((t) => t.code)).toEqual(['2025Q4', '2026Q1', '2026Q2', '2026Q3']);

    const red = d.warnings.filter((w) => w.kind === 'red_flag');
    expect(red.some((w) => w.evaluationId === target.id && w.details.value === 2)).toBe(true);
    // Poverty warnings match the scores of the run they come from.
    for (const w of d.warnings.filter((x) => x.kind === 'poverty_low')) expect(Number(w.details.now)).toBeLessThan(POVERTY_FLOOR);
    for (const w of d.warnings.filter((x) => x.kind === 'poverty_drop')) expect(Number(w.details.before) - Number(w.details.now)).toBeGreaterThanOrEqual(10 - 1e-9);
    // Every warning but "not started" links to an evaluation.
    expect(d.warnings.filter((w) => w.evaluationId === null).every((w) => w.kind === 'missing' && w.details.status === 'not_started')).toBe(true);
    // The period ended more than two weeks ago (demo clock): missing evaluations are flagged.
    expect(d.warnings.some((w) => w.kind === 'missing')).toBe(true);
  });

  it('a past period uses its published run and the poverty drop against the one before', async () => {
    const a1 = callerFor(db, demoUser('assessor1'));
    const q2 = db.select().from(periods).where(eq(periods.code, '2026Q2')).get()!;
    const d = await a1.countyDashboard.get({ periodId: q2.id });
    expect(d.provisional).toBe(false);
    const published = db.select().from(scoreRuns).where(and(eq(scoreRuns.periodId, q2.id), eq(scoreRuns.status, 'published'))).all();
    const n = published.reduce((s, r) => s + db.select({ id: scores.id }).from(scores).where(eq(scores.runId, r.id)).all().length, 0);
    expect(d.distribution.reduce((s, x) => s + x.n, 0)).toBeLessThan(n); // scoped: one county of several
    expect(d.warnings.some((w) => w.kind === 'missing')).toBe(false);
  });

  it('another county’s assessor sees none of 屏边', async () => {
    const a3 = callerFor(db, demoUser('assessor3'));
    const d = await a3.countyDashboard.get();
    const pingbian = db.select().from(regions).where(eq(regions.code, '532523')).get()!;
    const ids = new Set(db.select({ id: stakeholders.id }).from(stakeholders).innerJoin(regions, eq(regions.id, stakeholders.regionId)).where(sql`${regions.path} like ${pingbian.path + '%'}`).all().map((r) => r.id));
    expect(d.warnings.some((w) => ids.has(w.stakeholderId))).toBe(false);
  });
});
