// Method area: periods, indicators, KPI-set versions, tuning — validation, permissions, audit,
// immutability of published versions, export/import round trip, impact preview. Each test builds
// factory.ts's scored world: market, rural and county/town sets (objectives income and growth,
// goalposts 0…100), 2025Q4…2026Q2 published, 2026Q3 open.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { auditLog, evaluations, kpiSets, kpiSetVersions, kpiSetIndicators, scoreRuns } from '@/db/schema';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { ValidationError } from '@/server/errors';
import { zodFieldErrors } from '@/server/trpc/init';
import { readerMessage } from '@/server/error-text';
import { versionInEffect } from '@/server/queries/kpi-versions';
import { callerFor, freshDb, makeUser, waitForJob } from './helpers';
import { publishedWorld } from './factory';
import { computedPreview } from './impact-preview-helpers';

/** The code and the field errors a form would show for a refused call. */
async function fieldsOf(p: Promise<unknown>): Promise<{ code: string; fields: Record<string, string[]> }> {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    const c = e.cause;
    return { code: e.code, fields: c instanceof ZodError ? zodFieldErrors(c) : c instanceof ValidationError ? c.fields : {} };
  }
  throw new Error('expected a rejection');
}

async function world() {
  const w = await publishedWorld();
  return { ...w, periodId: (code: keyof typeof w.periodIds) => w.periodIds[code] };
}

const setId = (db: Db, code: string) => db.select().from(kpiSets).where(eq(kpiSets.code, code)).get()!.id;
const audits = (db: Db, action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();

describe('assessors and stakeholders are refused every method procedure', () => {
  it('FORBIDDEN for writes and reads of the method', async () => {
    const { db, caller, users } = await world();
    const assessor = caller(users.assessorA);
    const stakeholder = caller(users.firm);
    const rural = setId(db, 'rural');
    for (const api of [assessor, stakeholder]) {
      await expect(api.indicators.list({ includeRetired: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(api.kpiSets.createDraft({ kpiSetId: rural })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(api.periods.create({ kind: 'year', year: 2030 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(api.tuning.preview({ versionId: 1, periodId: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    // Assessors may see the periods (they enter values per period); stakeholders may not.
    expect((await assessor.periods.list()).map((p) => p.code)).toEqual(['2026Q3', '2026Q2', '2026Q1', '2025Q4']);
    await expect(stakeholder.periods.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('periods', () => {
  it('creates quarters and years with their dates, refuses a duplicate, and audits', async () => {
    const { db, api } = await world();
    const before = audits(db, 'period.create').length;
    const q = await api.periods.create({ kind: 'quarter', year: 2026, quarter: 4 });
    expect(q).toMatchObject({ code: '2026Q4', startsOn: '2026-10-01', endsOn: '2026-12-31', status: 'open' });
    const y = await api.periods.create({ kind: 'year', year: 2028 });
    expect(y).toMatchObject({ code: '2028', startsOn: '2028-01-01', endsOn: '2028-12-31' });
    await expect(api.periods.create({ kind: 'quarter', year: 2026, quarter: 4 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(api.periods.create({ kind: 'quarter', year: 2026 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.periods.create({ kind: 'year', year: 1900 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(audits(db, 'period.create').slice(before).map((a) => a.entityId)).toEqual([String(q.id), String(y.id)]);
  });

  it('refuses to publish while evaluations are unapproved, then publishes with exclusions and freezes official runs', async () => {
    const { db, api, periodId, q3: open } = await world();
    const q3 = periodId('2026Q3');
    await expect(api.periods.publish({ id: q3 })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' }); // still open
    await api.periods.close({ id: q3 });
    // firm2's evaluation is submitted and coop's a draft; firm's is approved.
    const blocking = await api.periods.unapproved({ id: q3 });
    expect(blocking.map((b) => [b.id, b.status])).toEqual([
      [open.firm2, 'submitted'],
      [open.coop, 'draft'],
    ]);
    await expect(api.periods.publish({ id: q3 })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/not approved/) });
    // Naming only some of them is not enough.
    await expect(api.periods.publish({ id: q3, exclude: { evaluationIds: [blocking[0]!.id], reason: 'Late submission' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // An empty reason is refused by the schema.
    await expect(api.periods.publish({ id: q3, exclude: { evaluationIds: blocking.map((b) => b.id), reason: '  ' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const result = await waitForJob(api, await api.periods.publish({ id: q3, exclude: { evaluationIds: blocking.map((b) => b.id), reason: 'Not reviewed before the deadline' } }));
    expect(result.period.status).toBe('published');
    expect(result.excluded).toBe(2);
    // One official run per set with evaluations in the period: market scores firm; rural scores nobody.
    expect(result.runs.map((r) => r.scored).sort()).toEqual([0, 1]);
    const runs = db.select().from(scoreRuns).where(and(eq(scoreRuns.periodId, q3), eq(scoreRuns.kind, 'official'))).all();
    expect(runs.map((r) => r.status)).toEqual(['published', 'published']);
    const excluded = db.select().from(evaluations).where(eq(evaluations.id, open.firm2)).get()!;
    expect(excluded.excludedReason).toBe('Not reviewed before the deadline');
    expect(audits(db, 'evaluation.exclude').map((a) => a.entityId)).toEqual([String(open.firm2), String(open.coop)]);
    expect(audits(db, 'period.publish').at(-1)).toMatchObject({ entityId: String(q3), before: { status: 'closed' }, after: { status: 'published' } });
    await expect(api.periods.close({ id: q3 })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(api.periods.reopen({ id: q3, reason: 'Reopen for corrections' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });
});

describe('indicators', () => {
  const base = { code: 'rr_new_metric', nameZh: '新指标', nameEn: 'New metric', unit: '%', direction: 'higher' as const, valueType: 'percent' as const, minValue: 0, maxValue: 100, evidenceRequired: false };

  it('validates, keeps codes unique and locks a published indicator\'s document fields', async () => {
    const { db, api } = await world();
    expect(await fieldsOf(api.indicators.create({ ...base, code: 'bad code!' }))).toMatchObject({ code: 'BAD_REQUEST', fields: { code: [expect.stringMatching(/^validation\./)] } });
    expect(await fieldsOf(api.indicators.create({ ...base, minValue: 5, maxValue: 1 }))).toMatchObject({ code: 'BAD_REQUEST', fields: { maxValue: ['validation.method.range'] } });
    const created = await api.indicators.create(base);
    expect(await fieldsOf(api.indicators.create({ ...base, code: 'RR_NEW_METRIC' }))).toMatchObject({ code: 'BAD_REQUEST', fields: { code: ['validation.method.codeTaken'] } });
    // Not yet used anywhere: the code may still change.
    await api.indicators.update({ id: created.id, data: { ...base, code: 'rr_new_metric2' } });
    const used = (await api.indicators.list({ includeRetired: false })).find((i) => i.code === 'mk_income')!;
    expect(used.publishedVersions).toBe(1);
    const { id, versions: _v, publishedVersions: _p, retired: _r, createdAt: _c, updatedAt: _u, unitCode, ...rest } = used;
    const data = { ...rest, unit: unitCode ?? '' };
    expect(await fieldsOf(api.indicators.update({ id, data: { ...data, code: `${used.code}_x` } }))).toMatchObject({ code: 'BAD_REQUEST', fields: { code: ['validation.method.lockedByPublished'] } });
    await expect(api.indicators.update({ id, data: { ...data, nameEn: 'Renamed' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // What the published document does not carry may change.
    await expect(api.indicators.update({ id, data: { ...data, descriptionEn: 'Clarified wording' } })).resolves.toMatchObject({ descriptionEn: 'Clarified wording' });
    await api.indicators.setRetired({ id: created.id, retired: true });
    await expect(api.indicators.setRetired({ id: created.id, retired: true })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await api.indicators.list({ includeRetired: false })).some((i) => i.id === created.id)).toBe(false);
    expect(audits(db, 'indicator.update')[0]).toMatchObject({ before: { code: 'rr_new_metric' }, after: { code: 'rr_new_metric2' } });
    expect(audits(db, 'indicator.retire')).toHaveLength(1);
  });
});

describe('KPI-set versions', () => {
  it('a published version cannot be edited through any procedure', async () => {
    const { db, api, periodId } = await world();
    const v1 = db.select().from(kpiSetVersions).where(and(eq(kpiSetVersions.kpiSetId, setId(db, 'rural')), eq(kpiSetVersions.version, 1))).get()!;
    const version = await api.kpiSets.version({ versionId: v1.id });
    const content = version.content;
    content.objectives[0]!.weight = 9;
    await expect(api.kpiSets.saveDraft({ versionId: v1.id, content })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(api.kpiSets.publish({ versionId: v1.id, effectiveFromPeriodId: periodId('2026Q3'), changeNote: 'again' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(api.kpiSets.discardDraft({ versionId: v1.id })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(api.tuning.applyWeights({ versionId: v1.id, target: { level: 'objectives' }, weights: [1, 1], method: 'equal', detail: {} })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    // And below the services, the database refuses too.
    expect(() => db.update(kpiSetIndicators).set({ weight: 5 }).where(eq(kpiSetIndicators.versionId, v1.id)).run()).toThrow(/immutable/);
    const after = await api.kpiSets.version({ versionId: v1.id });
    expect(after.document).toEqual(version.document);
  });

  it('draft → edit with errors at the field → publish with a change note; one draft at a time', async () => {
    const { db, api, periodId } = await world();
    const rural = setId(db, 'rural');
    const draft = await api.kpiSets.createDraft({ kpiSetId: rural });
    expect(draft).toMatchObject({ version: 2, status: 'draft' });
    await expect(api.kpiSets.createDraft({ kpiSetId: rural })).rejects.toMatchObject({ code: 'CONFLICT' });
    const v = await api.kpiSets.version({ versionId: draft.id });
    const bad = structuredClone(v.content);
    bad.objectives[0]!.weight = -1;
    bad.objectives[1]!.indicators[0]!.normalization = { method: 'goalposts', min: 10, max: 5, transform: 'none' };
    bad.grades = bad.grades.filter((g) => g.min !== 0);
    const { code, fields } = await fieldsOf(api.kpiSets.saveDraft({ versionId: draft.id, content: bad }));
    expect(code).toBe('BAD_REQUEST');
    expect(Object.keys(fields).sort()).toEqual(['grades', 'objectives.0.weight', 'objectives.1.indicators.0.normalization.max']);
    // A valid edit: add the new indicator to the first objective.
    const created = await api.indicators.create({ code: 'rr_cold_chain', nameZh: '冷链覆盖率', nameEn: 'Cold-chain coverage', unit: '%', direction: 'higher', valueType: 'percent', minValue: 0, maxValue: 100, evidenceRequired: false });
    const good = structuredClone(v.content);
    good.objectives[0]!.indicators.push({ indicatorId: created.id, weight: 0.2, normalization: { method: 'goalposts', min: 0, max: 100 } });
    good.objectives[0]!.weight = 0.5;
    await api.kpiSets.saveDraft({ versionId: draft.id, content: good });
    const saved = await api.kpiSets.version({ versionId: draft.id });
    expect(saved.document.objectives[0]!.indicators.at(-1)).toMatchObject({ code: 'rr_cold_chain', normalization: { method: 'goalposts', min: 0, max: 100, transform: 'none' } });
    // Weighting by the data says which indicator nobody has entered yet, in the reader's language.
    const target = { level: 'indicators' as const, objectiveId: v.content.objectives[0]!.objectiveId };
    const refused = await api.tuning.dataWeights({ versionId: draft.id, periodId: periodId('2026Q2'), target, method: 'entropy' }).then(() => null, (e: unknown) => e);
    const cause = (refused as TRPCError).cause as ValidationError;
    expect(cause).toMatchObject({ reason: 'no_data_weights', detail: expect.stringMatching(/^errors\.engine\.weights\.too_few_rows_missing::/), fields: { method: [cause.detail] } });
    expect(readerMessage('zh-CN', cause)).toContain('以下指标尚无任何评价对象填报数值：rr_cold_chain。');
    const diff = await api.kpiSets.diff({ fromVersionId: v.siblings.find((s) => s.version === 1)!.id, toVersionId: draft.id });
    expect(diff.diff.indicators.find((i) => i.code === 'rr_cold_chain')).toMatchObject({ change: 'added' });
    expect(diff.diff.objectives.find((o) => o.code === 'income')).toMatchObject({ change: 'changed', weightAfter: 0.5 });
    await expect(api.kpiSets.publish({ versionId: draft.id, effectiveFromPeriodId: periodId('2026Q3'), changeNote: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.kpiSets.publish({ versionId: draft.id, effectiveFromPeriodId: periodId('2026Q2'), changeNote: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const published = await api.kpiSets.publish({ versionId: draft.id, effectiveFromPeriodId: periodId('2026Q3'), changeNote: 'Add cold-chain coverage' });
    expect(published).toMatchObject({ status: 'published', changeNote: 'Add cold-chain coverage' });
    const exported = await api.kpiSets.export({ versionId: draft.id });
    expect(published.methodHash).toBe(exported.methodHash);
    // The new indicator is now in a published version: its code is locked.
    await expect(api.indicators.update({ id: created.id, data: { code: 'rr_cold', nameZh: '冷链覆盖率', nameEn: 'Cold-chain coverage', unit: '%', direction: 'higher', valueType: 'percent', minValue: 0, maxValue: 100, evidenceRequired: false } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(audits(db, 'kpiSetVersion.publish').at(-1)).toMatchObject({ entityId: String(draft.id), reason: 'Add cold-chain coverage' });
    // The update's audit keeps the document as it was: the copy of version 1.
    expect(audits(db, 'kpiSetVersion.update').map((a) => a.before)).toEqual([v.document]);
  });

  it('export → import → export gives identical JSON; mismatching files are refused at the path', async () => {
    const { db, api } = await world();
    const market = setId(db, 'market');
    const v1 = db.select().from(kpiSetVersions).where(eq(kpiSetVersions.kpiSetId, market)).get()!;
    const first = await api.kpiSets.export({ versionId: v1.id });
    const imported = await api.kpiSets.import({ kpiSetId: market, text: first.text });
    const second = await api.kpiSets.export({ versionId: imported.id });
    expect(second.text).toBe(first.text);
    expect(second.methodHash).toBe(first.methodHash);
    await api.kpiSets.discardDraft({ versionId: imported.id });
    expect(await fieldsOf(api.kpiSets.import({ kpiSetId: setId(db, 'rural'), text: first.text }))).toEqual({
      code: 'BAD_REQUEST',
      fields: {
        // Catalog keys, so the form says it in the reader's language.
        code: ['validation.kpiSet.otherSet::{"file":"market","set":"rural"}'],
        stakeholderType: ['validation.kpiSet.otherType'],
        name: ['validation.kpiSet.setName'],
      },
    });
    const broken = JSON.parse(first.text) as { objectives: { weight: number }[] };
    broken.objectives[1]!.weight = 0;
    expect(await fieldsOf(api.kpiSets.import({ kpiSetId: market, text: JSON.stringify(broken) }))).toMatchObject({ code: 'BAD_REQUEST', fields: { 'objectives.1.weight': ['validation.zod.number.greaterThan::{"min":0}'] } });
    await expect(api.kpiSets.import({ kpiSetId: market, text: '{not json' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('tuning', () => {
  it('impact preview compares draft and published without storing a score run; weights from data; applying audits', async () => {
    const { db, api, periodId } = await world();
    const market = setId(db, 'market');
    const draft = await api.kpiSets.createDraft({ kpiSetId: market });
    const q2 = periodId('2026Q2');
    const runsBefore = db.select().from(scoreRuns).all().length;
    const same = await computedPreview(api, { versionId: draft.id, periodId: q2 });
    // 2026Q2's market scores: firm (60, 70), firm2 (80, 90), firmB (10, 90).
    expect(same.summary.stakeholders).toBe(3);
    expect(same.summary.gradeChanges).toBe(0);
    expect(same.summary.spearman).toBeCloseTo(1, 12);
    const entropy = await api.tuning.dataWeights({ versionId: draft.id, periodId: q2, target: { level: 'objectives' }, method: 'entropy' });
    expect(entropy.weights).toHaveLength(2);
    expect(entropy.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    await api.tuning.applyWeights({ versionId: draft.id, target: { level: 'objectives' }, weights: [0.1, 0.9], method: 'ahp', detail: { CR: 0.05 } });
    const changed = await computedPreview(api, { versionId: draft.id, periodId: q2 });
    // Growth weighs 0.9 now: firmB (10, 90) overtakes firm (60, 70).
    expect(changed.rows.map((r) => [r.code, r.oldComposite, r.newComposite]).sort()).toEqual([
      ['MK-0001', 65, 69],
      ['MK-0002', 50, 82],
      ['MK-0003', 85, 89],
    ]);
    expect(changed.summary.spearman!).toBeCloseTo(0.5, 12);
    expect(db.select().from(scoreRuns).all().length).toBe(runsBefore);
    await expect(api.tuning.applyWeights({ versionId: draft.id, target: { level: 'objectives' }, weights: [1], method: 'manual', detail: {} })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.tuning.applyWeights({ versionId: draft.id, target: { level: 'objectives' }, weights: [1, 0], method: 'manual', detail: {} })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(audits(db, 'kpiSetVersion.applyWeights')[0]).toMatchObject({ after: { method: 'ahp', weights: [0.1, 0.9] } });
    const basis = await api.tuning.sensitivityBasis({ versionId: draft.id, periodId: q2 });
    expect(basis.stakeholders).toHaveLength(3);
    // A period without evaluations of the set has no baseline.
    const empty = await api.periods.create({ kind: 'year', year: 2030 });
    await expect(api.tuning.startPreview({ versionId: draft.id, periodId: empty.id })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('more procedures', () => {
  it('reopen needs a reason; CRITIC weights per objective; discard; version in effect', async () => {
    const { db, admin, api, periodId } = await world();
    const q3 = periodId('2026Q3');
    await api.periods.close({ id: q3 });
    await expect(api.periods.reopen({ id: q3, reason: '' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.periods.reopen({ id: q3, reason: 'Late corrections from 屏边' })).resolves.toMatchObject({ status: 'open', closedAt: null });
    expect(audits(db, 'period.reopen')[0]).toMatchObject({ reason: 'Late corrections from 屏边', before: { status: 'closed' } });

    const market = setId(db, 'market');
    const draft = await api.kpiSets.createDraft({ kpiSetId: market });
    const v = await api.kpiSets.version({ versionId: draft.id });
    const objectiveId = v.content.objectives[0]!.objectiveId;
    const critic = await api.tuning.dataWeights({ versionId: draft.id, periodId: periodId('2026Q1'), target: { level: 'indicators', objectiveId }, method: 'critic' });
    expect(critic.codes).toEqual(['mk_income']);
    expect(critic.weights).toEqual([1]);
    await expect(api.tuning.dataWeights({ versionId: draft.id, periodId: periodId('2026Q1'), target: { level: 'indicators', objectiveId: 99_999 }, method: 'critic' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const v1 = versionInEffect(db, 'market', q3)!;
    const q4 = await api.periods.create({ kind: 'quarter', year: 2026, quarter: 4 });
    await api.kpiSets.publish({ versionId: draft.id, effectiveFromPeriodId: q4.id, changeNote: 'From Q4' });
    expect(versionInEffect(db, 'market', q3)!.id).toBe(v1.id);
    expect(versionInEffect(db, 'market', q4.id)!.id).toBe(draft.id);

    const again = await api.kpiSets.createDraft({ kpiSetId: market });
    expect(again.version).toBe(3);
    await api.kpiSets.discardDraft({ versionId: again.id });
    await expect(api.kpiSets.version({ versionId: again.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(audits(db, 'kpiSetVersion.discard')).toHaveLength(1);
    expect(admin.role).toBe('admin');
  });
});

describe('makeUser-based callers', () => {
  it('a fresh admin with an empty library gets empty lists', async () => {
    const db = freshDb();
    const api = callerFor(db, makeUser(db, 'admin'));
    expect(await api.indicators.list({ includeRetired: true })).toEqual([]);
    expect(await api.kpiSets.list()).toEqual([]);
    expect(await api.periods.list()).toEqual([]);
  });
});
