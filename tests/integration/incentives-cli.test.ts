// The offline command gives the same determinations as the app: a published period exported as a
// scores/v1 file (with the optional county, history and red-flag fields) and run through
// `eligibility --program --scores` matches the stored eligibility run. On factory.ts's scored world
// and its three programs (one per stakeholder type).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import { indicators, kpiSetIndicators, periods, regions, scoreRuns, scores, stakeholders } from '@/db/schema';
import { eligibilityCommand } from '@/cli/eligibility';
import { historyPeriodsNeeded, programInputSchema } from '@/core/eligibility';
import { PROGRAMS, publishedWorld } from './factory';
import { waitForJob } from './helpers';

describe('eligibility CLI against the app', () => {
  it('same program, same published scores → same determinations and input hash', async () => {
    const { db, api, periodIds } = await publishedWorld();
    const period = db.select().from(periods).where(eq(periods.id, periodIds['2026Q2'])).get()!;
    // Candidates in 2026Q2: three market entities, two rural, one county/town.
    const candidates = { 'TAX-FARMER-INCOME': 3, 'SUBSIDY-RURAL-STEADY': 2, 'COMMEND-COUNTY-TOWN': 1 };
    for (const input of PROGRAMS) {
      const program = await api.incentives.create(input);
      const { runId } = await waitForJob(api, await api.eligibility.run({ programId: program.id, periodId: period.id }));
      const run = await api.eligibility.get({ runId });
      const determinations = (await api.eligibility.determinations({ runId, pageSize: 100 })).items;
      expect(determinations).toHaveLength(candidates[input.code as keyof typeof candidates]);
      const type = program.eligibleTypes[0]!;

      // Export the period's published official scores of that type as scores/v1 (+ optional fields).
      const runRow = db
        .select({ id: scoreRuns.id, versionId: scoreRuns.kpiSetVersionId })
        .from(scoreRuns)
        .innerJoin(scores, eq(scores.runId, scoreRuns.id))
        .innerJoin(stakeholders, eq(stakeholders.id, scores.stakeholderId))
        .where(and(eq(scoreRuns.periodId, period.id), eq(scoreRuns.status, 'published'), eq(stakeholders.type, type as 'market')))
        .get()!;
      const rows = db
        .select({ s: scores, code: stakeholders.code, path: regions.path })
        .from(scores)
        .innerJoin(stakeholders, eq(stakeholders.id, scores.stakeholderId))
        .innerJoin(regions, eq(regions.id, stakeholders.regionId))
        .where(eq(scores.runId, runRow.id))
        .all();
      const earlier = db.select().from(periods).where(and(eq(periods.status, 'published'), lt(periods.startsOn, period.startsOn))).orderBy(desc(periods.startsOn)).all();
      const past = db
        .select({ s: scores, periodId: scoreRuns.periodId })
        .from(scores)
        .innerJoin(scoreRuns, eq(scoreRuns.id, scores.runId))
        .where(and(inArray(scoreRuns.periodId, earlier.map((p) => p.id)), eq(scoreRuns.status, 'published')))
        .all();
      const countyCode = new Map(db.select().from(regions).where(eq(regions.level, 'county')).all().map((r) => [r.id, r.code]));
      const asScore = (s: typeof scores.$inferSelect) => ({
        composite: s.composite,
        grade: s.grade,
        percentile: s.percentile,
        countyPercentile: s.countyPercentile,
        objectives: s.objectives,
        indicators: s.indicators,
        coupling: s.couplingClass === null ? null : { class: s.couplingClass },
      });
      const limits = db
        .select({ code: indicators.code, limit: indicators.redFlagAbove })
        .from(kpiSetIndicators)
        .innerJoin(indicators, eq(indicators.id, kpiSetIndicators.indicatorId))
        .where(eq(kpiSetIndicators.versionId, runRow.versionId))
        .all()
        .filter((x) => x.limit !== null);
      const doc = {
        format: 'scores/v1',
        methodHash: 'sha256:x',
        grades: ['A', 'B', 'C', 'D'],
        redFlagLimits: Object.fromEntries(limits.map((l) => [l.code, l.limit])),
        results: rows.map((r) => ({
          stakeholder: r.code,
          county: countyCode.get(Number(r.path.split('/').filter(Boolean)[2])),
          ...asScore(r.s),
          // The history the run read: the periods its rule's consecutive clauses reach back to.
          history: earlier.slice(0, historyPeriodsNeeded(programInputSchema.parse(input).rule)).map((p) => {
            const h = past.find((x) => x.periodId === p.id && x.s.stakeholderId === r.s.stakeholderId);
            return { period: p.code, score: h ? asScore(h.s) : null };
          }),
        })),
      };
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eligibility-cli-'));
      fs.writeFileSync(path.join(dir, 'program.json'), JSON.stringify(await api.incentives.file({ id: program.id })));
      fs.writeFileSync(path.join(dir, 'scores.json'), JSON.stringify(doc));
      let out = '';
      const exit = await eligibilityCommand(['--program', path.join(dir, 'program.json'), '--scores', path.join(dir, 'scores.json')], { stdout: (t) => (out += t), stderr: () => {} });
      expect(exit).toBe(0);
      const offline = JSON.parse(out) as { inputHash: string; determinations: { stakeholder: string; eligible: boolean; amount: number | null; reason: string }[] };
      const app = determinations.map((d) => ({ stakeholder: d.stakeholder, eligible: d.eligible, amount: d.amount, reason: d.reason }));
      expect(offline.determinations.map((d) => ({ stakeholder: d.stakeholder, eligible: d.eligible, amount: d.amount, reason: d.reason }))).toEqual(app);
      expect(offline.inputHash).toBe(run.inputHash);
      fs.rmSync(dir, { recursive: true });
    }
  });
});
