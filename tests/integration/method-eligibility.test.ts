// The weight-tuning impact preview's eligibility section: per active program covering the KPI
// set's type, who would gain or lose eligibility (and whose amount changes) if the draft were
// published — checked against the eligibility engine run directly. On factory.ts's scored world
// with its three programs: in 2026Q2 coop scores (70, 80) → 75 and coopB (40, 90) → 65, both
// after two periods ≥ 55, so both get the rural subsidy (composite ≥ 60).
import { describe, expect, it } from 'vitest';
import { evaluateRule, historyPeriodsNeeded, MAX_CONSECUTIVE_PERIODS, programCore, programInputSchema, runEligibility } from '@/core/eligibility';
import { scoreLight } from '@/core/scoring/period-scoring';
import { draftEligibilityInputs, draftPeriodScores } from '@/core/eligibility/draft-impact';
import { buildPeriodInputs } from '@/server/queries/eligibility-inputs';
import { previewInputs } from '@/server/queries/preview-inputs';
import { PROGRAMS, publishedWorld } from './factory';
import { computedPreview } from './impact-preview-helpers';

const SUBSIDY = PROGRAMS.find((p) => p.code === 'SUBSIDY-RURAL-STEADY')!;

async function world() {
  const w = await publishedWorld();
  const programIds: Record<string, number> = {};
  for (const p of PROGRAMS) programIds[p.code] = (await w.program(p)).id;
  const setId = (type: 'rural' | 'market') => w.api.kpiSets.list().then((sets) => sets.find((s) => s.code === type)!.id);
  return { ...w, programIds, setId, q2: w.periodIds['2026Q2'] };
}

describe('eligibility inputs carry the history the rule reads', () => {
  it('the subsidy reads one earlier period, and decides exactly as with the longest history', async () => {
    const { db, q2 } = await world();
    const program = programInputSchema.parse(PROGRAMS.find((p) => p.code === 'SUBSIDY-RURAL-STEADY')!);
    expect(historyPeriodsNeeded(program.rule)).toBe(1);
    const trimmed = buildPeriodInputs(db, q2, ['rural'], historyPeriodsNeeded(program.rule));
    const full = buildPeriodInputs(db, q2, ['rural'], MAX_CONSECUTIVE_PERIODS - 1);
    // 2026Q1 and 2025Q4 are published before 2026Q2: the full inputs carry both, the trimmed one only 2026Q1.
    expect(full.inputs.map((i) => i.history!.map((h) => h.period))).toEqual(full.inputs.map(() => ['2026Q1', '2025Q4']));
    expect(trimmed.inputs.map((i) => i.history!.map((h) => h.period))).toEqual(trimmed.inputs.map(() => ['2026Q1']));
    const decide = (inputs: typeof full.inputs) =>
      runEligibility(programCore(program), inputs).determinations.map((d) => [d.stakeholder, d.eligible, d.amount, d.reason, JSON.stringify(d.explanation)]);
    expect(decide(trimmed.inputs)).toEqual(decide(full.inputs));
    // A rule without a consecutive clause reads no history at all.
    expect(buildPeriodInputs(db, q2, ['rural'], 0).inputs.every((i) => i.history!.length === 0)).toBe(true);
  });
});

describe('impact preview: eligibility gains and losses', () => {
  it('an unchanged draft rebuilds the published inputs exactly and changes nobody', async () => {
    const { db, api, setId, q2 } = await world();
    const draft = await api.kpiSets.createDraft({ kpiSetId: await setId('rural') });
    const b = previewInputs(db, draft.id, q2);
    const published = buildPeriodInputs(db, q2, ['rural'], MAX_CONSECUTIVE_PERIODS - 1);
    const rebuilt = draftEligibilityInputs(
      published.inputs,
      draftPeriodScores(scoreLight(b.draft, b.input), b.input),
      [...b.draft.grades].sort((x, y) => y.min - x.min).map((g) => g.code),
      published.inputs[0]!.redFlagLimits!,
    );
    expect(published.inputs.map((i) => [i.stakeholder, i.composite])).toEqual([
      ['RU-0001', 75],
      ['RU-0002', 65],
    ]);
    expect(rebuilt).toEqual(published.inputs);

    const preview = await computedPreview(api, { versionId: draft.id, periodId: q2 });
    expect(preview.eligibility.available).toBe(true);
    expect(preview.eligibility.programs.map((p) => p.code)).toEqual(['SUBSIDY-RURAL-STEADY']);
    expect(preview.eligibility.programs[0]!.counts).toEqual({ gained: 0, lost: 0, amountChanged: 0 });
    expect(preview.eligibility.programs[0]!.changes).toEqual([]);
  });

  it('a weight change flips a stakeholder of the subsidy, as the engine decides on the draft scores', async () => {
    const { db, api, setId, q2 } = await world();
    const draft = await api.kpiSets.createDraft({ kpiSetId: await setId('rural') });
    // Income weighs 0.8 now: coop 0.8·70 + 0.2·80 = 72 (a smaller subsidy), coopB 0.8·40 + 0.2·90 = 50 (none).
    await api.tuning.applyWeights({ versionId: draft.id, target: { level: 'objectives' }, weights: [0.8, 0.2], method: 'manual', detail: {} });
    const preview = await computedPreview(api, { versionId: draft.id, periodId: q2 });
    const section = preview.eligibility.programs.find((p) => p.code === 'SUBSIDY-RURAL-STEADY')!;
    expect(section.counts).toEqual({ gained: 0, lost: 1, amountChanged: 1 });
    expect(section.changes.map((c) => [c.stakeholder, c.change, c.before.eligible, c.after.eligible, c.after.composite]).sort()).toEqual([
      ['RU-0001', 'amount', true, true, 72],
      ['RU-0002', 'lost', true, false, 50],
    ]);

    // The engine, run independently: published determinations and those on the preview's new composites.
    const program = programInputSchema.parse(SUBSIDY);
    const published = buildPeriodInputs(db, q2, ['rural'], historyPeriodsNeeded(program.rule));
    const before = new Map(runEligibility(programCore(program), published.inputs).determinations.map((d) => [d.stakeholder, d]));
    const newComposite = new Map(preview.rows.map((r) => [r.code, r.newComposite]));
    for (const c of section.changes) {
      expect(before.get(c.stakeholder)!.eligible).toBe(c.before.eligible);
      expect(c.after.composite).toBe(newComposite.get(c.stakeholder));
    }
    // The loser: the rule is composite ≥ 60 now and ≥ 55 over two periods; the draft changes only this period.
    const loser = section.changes.find((c) => c.change === 'lost')!;
    const flippedNow = loser.flipped.find((f) => f.clause.kind === 'composite')!;
    expect([flippedNow.threshold, flippedNow.after.actual, flippedNow.after.truth]).toEqual([60, 50, 'fail']);
    const input = { ...published.inputs.find((i) => i.stakeholder === loser.stakeholder)!, composite: loser.after.composite };
    expect(evaluateRule(program.rule, input).truth).toBe('fail');
    // The market and county/town programs do not cover rural entities.
    expect(preview.eligibility.programs).toHaveLength(1);
  });

  it('reports an open period as not available, and a type without programs as empty', async () => {
    const { api, setId, programIds, periodIds, q2 } = await world();
    const draft = await api.kpiSets.createDraft({ kpiSetId: await setId('market') });
    // 2026Q3 is open, with one approved evaluation so far (firm): scores preview, eligibility does not.
    const q3 = await computedPreview(api, { versionId: draft.id, periodId: periodIds['2026Q3'] });
    expect(q3.rows.map((r) => r.code)).toEqual(['MK-0001']);
    expect(q3.eligibility).toMatchObject({ available: false, reason: 'period_not_published', programs: [] });
    const tax = PROGRAMS.find((p) => p.code === 'TAX-FARMER-INCOME')!;
    await api.incentives.update({ id: programIds['TAX-FARMER-INCOME']!, data: { ...tax, status: 'archived' } });
    const afterArchive = await computedPreview(api, { versionId: draft.id, periodId: q2 });
    expect(afterArchive.eligibility).toMatchObject({ available: true, programs: [] });
  });
});
