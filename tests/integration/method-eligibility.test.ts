// The weight-tuning impact preview's eligibility section (issue 4 point 6, issue 6 point 7): per
// active program covering the KPI set's type, who would gain or lose eligibility (and whose amount
// changes) if the draft were published — checked against the eligibility engine run directly.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { seedIfEmpty } from '@/seed';
import { incentivePrograms, kpiSets, periods, user } from '@/db/schema';
import { loadSessionUser } from '@/server/auth/session';
import { evaluateRule, runEligibility } from '@/core/eligibility';
import { buildPeriodInputs } from '@/server/services/eligibility-runs';
import { coreOf, programOf } from '@/server/services/incentives';
import { draftEligibilityInputs, draftPeriodScores, previewInputs, scoreLight } from '@/server/services/tuning';
import { callerFor, freshDb } from './helpers';

async function demo() {
  const db = freshDb();
  await seedIfEmpty(db, { passwordHash: 'x' });
  const admin = loadSessionUser(db, db.select().from(user).where(eq(user.username, 'admin')).get()!.id)!;
  const setId = (code: string) => db.select().from(kpiSets).where(eq(kpiSets.code, code)).get()!.id;
  const periodId = (code: string) => db.select().from(periods).where(eq(periods.code, code)).get()!.id;
  return { db, api: callerFor(db, admin), setId, periodId };
}

describe('impact preview: eligibility gains and losses', () => {
  it('an unchanged draft rebuilds the published inputs exactly and changes nobody', async () => {
    const { db, api, setId, periodId } = await demo();
    const draft = await api.kpiSets.createDraft({ kpiSetId: setId('rural') });
    const q2 = periodId('2026Q2');
    const b = previewInputs(db, draft.id, q2);
    const published = buildPeriodInputs(db, q2, ['rural']);
    const rebuilt = draftEligibilityInputs(
      published.inputs,
      draftPeriodScores(scoreLight(b.draft, b.input), b.input),
      [...b.draft.grades].sort((x, y) => y.min - x.min).map((g) => g.code),
      published.inputs[0]!.redFlagLimits!,
    );
    expect(published.inputs.length).toBeGreaterThan(100);
    expect(rebuilt).toEqual(published.inputs);

    const preview = await api.tuning.preview({ versionId: draft.id, periodId: q2 });
    expect(preview.eligibility.available).toBe(true);
    expect(preview.eligibility.programs.map((p) => p.code)).toEqual(['SUBSIDY-RURAL-STEADY']);
    expect(preview.eligibility.programs[0]!.counts).toEqual({ gained: 0, lost: 0, amountChanged: 0 });
    expect(preview.eligibility.programs[0]!.changes).toEqual([]);
  });

  it('a weight change flips stakeholders of the demo subsidy, as the engine decides on the draft scores', async () => {
    const { db, api, setId, periodId } = await demo();
    const draft = await api.kpiSets.createDraft({ kpiSetId: setId('rural') });
    const q2 = periodId('2026Q2');
    await api.tuning.applyWeights({ versionId: draft.id, target: { level: 'objectives' }, weights: [0.8, 0.1, 0.1], method: 'manual', detail: {} });
    const preview = await api.tuning.preview({ versionId: draft.id, periodId: q2 });
    const section = preview.eligibility.programs.find((p) => p.code === 'SUBSIDY-RURAL-STEADY')!;
    const { gained, lost, amountChanged } = section.counts;
    expect(gained + lost).toBeGreaterThan(0);
    expect(section.changes).toHaveLength(gained + lost + amountChanged);

    // The engine, run independently: published determinations and those on the preview's new composites.
    const program = programOf(db.select().from(incentivePrograms).where(eq(incentivePrograms.code, 'SUBSIDY-RURAL-STEADY')).get()!);
    const published = buildPeriodInputs(db, q2, ['rural']);
    const before = new Map(runEligibility(coreOf(program), published.inputs).determinations.map((d) => [d.stakeholder, d]));
    const newComposite = new Map(preview.rows.map((r) => [r.code, r.newComposite]));
    for (const c of section.changes) {
      expect(before.get(c.stakeholder)!.eligible).toBe(c.before.eligible);
      expect(c.after.composite).toBe(newComposite.get(c.stakeholder));
      if (c.change === 'gained') expect([c.before.eligible, c.after.eligible]).toEqual([false, true]);
      if (c.change === 'lost') expect([c.before.eligible, c.after.eligible]).toEqual([true, false]);
      if (c.change !== 'amount') {
        // The rule is composite ≥ 60 now and ≥ 55 over two periods; the draft changes only this period.
        const flippedNow = c.flipped.find((f) => f.clause.kind === 'composite');
        expect(flippedNow).toBeDefined();
        expect(flippedNow!.after.actual).toBe(c.after.composite);
        expect(flippedNow!.threshold).toBe(60);
        expect(flippedNow!.after.truth).toBe(c.after.eligible ? 'pass' : 'fail');
      }
    }
    // A stakeholder that lost: the rule itself fails on the draft composite.
    const loser = section.changes.find((c) => c.change === 'lost')!;
    const input = { ...published.inputs.find((i) => i.stakeholder === loser.stakeholder)!, composite: loser.after.composite };
    expect(evaluateRule(program.rule, input).truth).toBe('fail');
    expect(lost).toBeGreaterThan(0);
    // The market and county/town programs do not cover rural entities.
    expect(preview.eligibility.programs).toHaveLength(1);
  });

  it('reports an open period as not available, and a type without programs as empty', async () => {
    const { db, api, setId, periodId } = await demo();
    const draft = await api.kpiSets.createDraft({ kpiSetId: setId('market') });
    // 2026Q3 is open, with approved evaluations so far: scores preview, eligibility does not.
    const q3 = await api.tuning.preview({ versionId: draft.id, periodId: periodId('2026Q3') });
    expect(q3.rows.length).toBeGreaterThan(0);
    expect(q3.eligibility).toMatchObject({ available: false, reason: 'period_not_published', programs: [] });
    db.update(incentivePrograms).set({ status: 'archived' }).where(eq(incentivePrograms.code, 'TAX-FARMER-INCOME')).run();
    const q2 = await api.tuning.preview({ versionId: draft.id, periodId: periodId('2026Q2') });
    expect(q2.eligibility).toMatchObject({ available: true, programs: [] });
  });
});
