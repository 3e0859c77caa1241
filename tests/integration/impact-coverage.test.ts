// The impact preview leads with coverage, and the method tools ask before what cannot be undone.
// One market KPI set (income: a, b, d; growth: c; reweight with minimum completeness 0.7) and four
// approved evaluations in 2026Q1: S1 lacks b (3 of 4 values, 0.75), S2, S3, S4 have all four.
// A draft adding an indicator nobody has values for drops S1 to 3 of 5 = 0.6, below 0.7: S1 loses
// its composite while the others keep theirs, and their order does not change.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { auditLog, kpiSetVersions } from '@/db/schema';
import type { ValidationError } from '@/server/errors';
import { readerMessage } from '@/server/error-text';
import { makeFactory } from './factory';
import { computedPreview } from './impact-preview-helpers';

async function world() {
  const f = makeFactory();
  const p1 = await f.period(2026, 1);
  const set = await f.kpiSet(
    'market',
    [
      { code: 'income', indicators: [{ code: 'mk_a' }, { code: 'mk_b' }, { code: 'mk_d' }] },
      { code: 'growth', indicators: [{ code: 'mk_c' }] },
    ],
    { effectiveFromPeriodId: p1.id, missing: { policy: 'reweight', minCompleteness: 0.7 } },
  );
  const values = { S1: [90, null, 90, 90], S2: [50, 50, 50, 50], S3: [10, 10, 10, 10], S4: [30, 30, 30, 30] } as const;
  const codes = {} as Record<keyof typeof values, string>;
  for (const [key, [a, b, d, c]] of Object.entries(values) as [keyof typeof values, (typeof values)[keyof typeof values]][]) {
    const sh = await f.stakeholder('market', f.w.townA.id, `主体 ${key}`);
    codes[key] = sh.code;
    await f.evaluate(sh.id, { mk_a: a, mk_b: b, mk_d: d, mk_c: c });
  }
  const draft = await f.api.kpiSets.createDraft({ kpiSetId: set.setId });
  return { ...f, p1: p1.id, set, draft, codes };
}

async function addEmptyIndicator(w: Awaited<ReturnType<typeof world>>) {
  const created = await w.api.indicators.create({ code: 'mk_new', nameZh: '新指标', nameEn: 'New indicator', unit: '', direction: 'higher', valueType: 'number', minValue: 0, maxValue: 100, evidenceRequired: false });
  const v = await w.api.kpiSets.version({ versionId: w.draft.id });
  const content = structuredClone(v.content);
  content.objectives[1]!.indicators.push({ indicatorId: created.id, weight: 1, normalization: { method: 'goalposts', min: 0, max: 100 } });
  await w.api.kpiSets.saveDraft({ versionId: w.draft.id, content });
}

describe('impact preview coverage', () => {
  it('names who would lose a composite and compares ranks and ρ only among those scored both ways', async () => {
    const w = await world();
    await addEmptyIndicator(w);
    const preview = await computedPreview(w.api, { versionId: w.draft.id, periodId: w.p1 });
    expect(preview.coverage.lost).toEqual([w.codes.S1]);
    expect(preview.coverage.gained).toEqual([]);
    expect(preview.summary).toMatchObject({ stakeholders: 4, scoredBefore: 4, scoredAfter: 3, scoredBoth: 3 });
    // Engine ranks per run: S2 2 → 1, S4 3 → 2, S3 4 → 3, which is no move at all among the three.
    const byCode = new Map(preview.rows.map((r) => [r.code, r]));
    expect(byCode.get(w.codes.S2)).toMatchObject({ oldRank: 2, newRank: 1, sharedOldRank: 1, sharedNewRank: 1, rankChange: 0 });
    expect(byCode.get(w.codes.S3)).toMatchObject({ oldRank: 4, newRank: 3, rankChange: 0 });
    expect(byCode.get(w.codes.S1)).toMatchObject({ oldComposite: 90, newComposite: null, sharedOldRank: null, rankChange: null });
    expect(preview.summary.up).toEqual([]);
    expect(preview.summary.down).toEqual([]);
    expect(preview.summary.spearman).toBeCloseTo(1, 12);
    const added = preview.coverage.indicators.find((i) => i.code === 'mk_new');
    expect(added).toMatchObject({ values: 0, rows: 4, level: 'none', added: true, objective: 'growth' });
    expect(preview.coverage.indicators.find((i) => i.code === 'mk_b')).toMatchObject({ values: 3, level: 'enough', added: false });
  });

  it('the weighting tab counts values per indicator in SQL, the same as the preview does', async () => {
    const w = await world();
    await addEmptyIndicator(w);
    const counted = await w.api.tuning.indicatorValues({ versionId: w.draft.id, periodId: w.p1 });
    const preview = await computedPreview(w.api, { versionId: w.draft.id, periodId: w.p1 });
    expect(counted.rows).toBe(4);
    expect(counted.indicators).toEqual(preview.coverage.indicators);
    // A period nobody entered anything in: no rows, every indicator empty, no error.
    const empty = await w.period(2026, 2);
    const none = await w.api.tuning.indicatorValues({ versionId: w.draft.id, periodId: empty.id });
    expect(none.rows).toBe(0);
    expect(none.indicators.every((i) => i.level === 'none')).toBe(true);
  });
});

describe('inconsistent AHP judgements need a reason', () => {
  // A cycle: a ≫ b, b ≫ d, d ≫ a — CR far above 0.1.
  const cyclic = [
    [1, 9, 1 / 9],
    [1 / 9, 1, 9],
    [9, 1 / 9, 1],
  ];
  const consistent = [
    [1, 2, 4],
    [1 / 2, 1, 2],
    [1 / 4, 1 / 2, 1],
  ];

  it('refuses without one (whatever CR the client states), then keeps it in the change note and the audit', async () => {
    const w = await world();
    const v = await w.api.kpiSets.version({ versionId: w.draft.id });
    const target = { level: 'indicators' as const, objectiveId: v.content.objectives[0]!.objectiveId };
    const weights = [0.3, 0.3, 0.4];
    const refused = await w.api.tuning.applyWeights({ versionId: w.draft.id, target, weights, method: 'ahp', detail: { matrix: cyclic, CR: 0.01 } }).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    const cause = (refused as TRPCError).cause as ValidationError;
    expect((refused as TRPCError).code).toBe('BAD_REQUEST');
    expect(cause.fields.inconsistencyReason![0]).toMatch(/^validation\.method\.ahpInconsistent::/);
    expect(readerMessage('zh-CN', cause)).toMatch(/^判断不一致（CR = \d\.\d+，超过 0\.1）/);
    await expect(w.api.tuning.applyWeights({ versionId: w.draft.id, target, weights, method: 'ahp', detail: { matrix: cyclic }, inconsistencyReason: 'ok' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    await w.api.tuning.applyWeights({ versionId: w.draft.id, target, weights, method: 'ahp', detail: { matrix: cyclic }, inconsistencyReason: 'Agreed by the panel on 3 May' });
    const row = w.db.select().from(kpiSetVersions).where(eq(kpiSetVersions.id, w.draft.id)).get()!;
    expect(row.changeNote).toMatch(/^AHP CR \d\.\d{3} > 0\.1 \(income\): Agreed by the panel on 3 May$/);
    const audit = w.db.select().from(auditLog).where(eq(auditLog.action, 'kpiSetVersion.applyWeights')).all().at(-1)!;
    expect(audit).toMatchObject({ reason: 'Agreed by the panel on 3 May', after: { inconsistencyReason: 'Agreed by the panel on 3 May', CR: expect.any(Number) } });

    // Consistent judgements need no reason and leave the note as it is.
    await w.api.tuning.applyWeights({ versionId: w.draft.id, target, weights: [4 / 7, 2 / 7, 1 / 7], method: 'ahp', detail: { matrix: consistent } });
    expect(w.db.select().from(kpiSetVersions).where(eq(kpiSetVersions.id, w.draft.id)).get()!.changeNote).toBe(row.changeNote);
  });
});
