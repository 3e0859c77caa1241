// KPI sets and their versions: drafts are edited, published versions are immutable (the service
// refuses, and triggers in the database refuse too). Every draft is stored valid: a save is checked
// against the kpi-set/v1 rules (validateKpiSet) and refused with an error at each field's path.
// Weights chosen in the tuning workspace are written here too: applying them is a draft edit.
import 'server-only';
import { and, asc, desc, eq, max } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '@/db';
import { evaluations, indicators, kpiSetIndicators, kpiSetObjectives, kpiSets, kpiSetVersions, objectives, periods } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { vmsg } from '@/core/domain/messages';
import { ConflictError, StateError, ValidationError, type FieldErrors } from '@/server/errors';
import { AHP_CR_LIMIT, canonicalJson, methodHash, validateKpiSet, WeightsInputError, type KpiSetV1 } from '@/core/scoring';
import { ahpConsistencyOf, isInconsistent } from '@/core/scoring/ahp-detail';
import { writeAudit } from '@/server/queries/audit';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { draftContentOf, getKpiSet, getVersionRow } from '@/server/queries/kpi-versions';
import { getPeriod } from '@/server/queries/periods';
import { listIndicators, listObjectives } from '@/server/queries/library';
import { ensureUnit, unitLookup } from '@/server/queries/units';
import { diffKpiSets } from '@/core/scoring/kpi-set-diff';
import { draftToDocument, fieldKeyOfPath, type DraftCatalog, type DraftContent, type WeightTarget } from '@/core/schemas/method';

export function listKpiSets(db: Db) {
  const sets = db.select().from(kpiSets).orderBy(asc(kpiSets.id)).all();
  const versions = db
    .select({
      id: kpiSetVersions.id,
      kpiSetId: kpiSetVersions.kpiSetId,
      version: kpiSetVersions.version,
      status: kpiSetVersions.status,
      methodHash: kpiSetVersions.methodHash,
      changeNote: kpiSetVersions.changeNote,
      createdAt: kpiSetVersions.createdAt,
      publishedAt: kpiSetVersions.publishedAt,
      effectiveFrom: periods.code,
    })
    .from(kpiSetVersions)
    .leftJoin(periods, eq(periods.id, kpiSetVersions.effectiveFromPeriodId))
    .orderBy(desc(kpiSetVersions.version))
    .all();
  return sets.map((s) => ({ ...s, versions: versions.filter((v) => v.kpiSetId === s.id) }));
}

function assertDraft(v: typeof kpiSetVersions.$inferSelect) {
  if (v.status !== 'draft')
    throw new StateError(`Version ${v.version} is published and cannot be changed; create a new draft instead.`, 'version_published');
}

/** Names of everything a draft of this set may use: all objectives, all indicators. */
export function catalogFor(db: DbOrTx, kpiSetId: number): DraftCatalog & { retired: Set<number> } {
  const set = getKpiSet(db, kpiSetId);
  const objectiveRows = listObjectives(db);
  const indicatorRows = listIndicators(db);
  return {
    kpiSet: { code: set.code, nameEn: set.nameEn, nameZh: set.nameZh, stakeholderType: set.stakeholderType },
    objectives: new Map(objectiveRows.map((o) => [o.id, { code: o.code, nameEn: o.nameEn, nameZh: o.nameZh }])),
    indicators: new Map(indicatorRows.map((i) => [i.id, { code: i.code, nameEn: i.nameEn, nameZh: i.nameZh, unit: i.unit?.nameEn ?? '', direction: i.direction }])),
    retired: new Set(indicatorRows.filter((i) => i.retired).map((i) => i.id)),
  };
}

/** Everything the version page needs: the row, its content by id, its document and the library. */
export function getVersion(db: Db, versionId: number) {
  const v = getVersionRow(db, versionId);
  const loaded = loadKpiSetVersion(db, versionId);
  const content = draftContentOf(db, versionId);
  const objectiveRows = listObjectives(db);
  const indicatorRows = listIndicators(db);
  const effectiveFrom = v.effectiveFromPeriodId ? getPeriod(db, v.effectiveFromPeriodId) : null;
  const siblings = db
    .select({ id: kpiSetVersions.id, version: kpiSetVersions.version, status: kpiSetVersions.status })
    .from(kpiSetVersions)
    .where(eq(kpiSetVersions.kpiSetId, v.kpiSetId))
    .orderBy(desc(kpiSetVersions.version))
    .all();
  return {
    version: v,
    kpiSet: loaded.kpiSet,
    effectiveFrom: effectiveFrom ? { id: effectiveFrom.id, code: effectiveFrom.code } : null,
    document: loaded.document,
    content,
    siblings,
    objectives: objectiveRows.map((o) => ({ id: o.id, code: o.code, nameEn: o.nameEn, nameZh: o.nameZh })),
    indicators: indicatorRows.map((i) => ({ id: i.id, code: i.code, nameEn: i.nameEn, nameZh: i.nameZh, unit: i.unit, direction: i.direction, retired: i.retired, minValue: i.minValue, maxValue: i.maxValue })),
  };
}

/** validateKpiSet's errors keyed by form field (`objectives.0.weight`), each a translatable message. */
export function documentFieldErrors(errors: { path: string; message: string; key?: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) (out[fieldKeyOfPath(e.path) || '_'] ??= []).push(e.key ?? e.message);
  return out;
}

/** Checks a draft as the format does and refuses it with errors at each field. */
function validatedDocument(db: DbOrTx, kpiSetId: number, content: DraftContent, allowedRetired: Set<number>): KpiSetV1 {
  const catalog = catalogFor(db, kpiSetId);
  const fields: FieldErrors = {};
  content.objectives.forEach((o, oi) => {
    if (!catalog.objectives.has(o.objectiveId)) (fields[`objectives.${oi}.objectiveId`] ??= []).push(vmsg('validation.method.unknownObjective'));
    o.indicators.forEach((i, ii) => {
      if (!catalog.indicators.has(i.indicatorId)) (fields[`objectives.${oi}.indicators.${ii}.indicatorId`] ??= []).push(vmsg('validation.method.unknownIndicator'));
      else if (catalog.retired.has(i.indicatorId) && !allowedRetired.has(i.indicatorId))
        (fields[`objectives.${oi}.indicators.${ii}.indicatorId`] ??= []).push(vmsg('validation.method.retiredIndicator'));
    });
  });
  const checked = validateKpiSet(draftToDocument(content, catalog));
  if (!checked.ok) Object.assign(fields, documentFieldErrors(checked.errors));
  if (Object.keys(fields).length > 0 || !checked.ok) {
    throw new ValidationError(
      `The draft breaks ${Object.values(fields).flat().length} rule(s) of the kpi-set/v1 format; see each field.`,
      fields,
      'kpi_set_invalid',
    );
  }
  return checked.value;
}

function writeContent(tx: Tx | Db, versionId: number, content: DraftContent, doc: KpiSetV1) {
  tx.update(kpiSetVersions)
    .set({
      scale: doc.scale,
      aggregationIndicators: doc.aggregation.indicators,
      aggregationObjectives: doc.aggregation.objectives,
      missingPolicy: doc.missing.policy,
      minCompleteness: doc.missing.minCompleteness,
      grades: doc.grades,
    })
    .where(eq(kpiSetVersions.id, versionId))
    .run();
  tx.delete(kpiSetIndicators).where(eq(kpiSetIndicators.versionId, versionId)).run();
  tx.delete(kpiSetObjectives).where(eq(kpiSetObjectives.versionId, versionId)).run();
  let position = 0;
  content.objectives.forEach((o, oi) => {
    const docObjective = doc.objectives[oi]!;
    tx.insert(kpiSetObjectives).values({ versionId, objectiveId: o.objectiveId, weight: docObjective.weight, position: oi }).run();
    o.indicators.forEach((i, ii) => {
      const docIndicator = docObjective.indicators[ii]!;
      // The validated normalization (defaults filled in) is what the document and its hash carry.
      tx.insert(kpiSetIndicators)
        .values({ versionId, indicatorId: i.indicatorId, objectiveId: o.objectiveId, weight: docIndicator.weight, normalization: docIndicator.normalization, position: position++ })
        .run();
    });
  });
}

/** A new draft copying the latest version of the set. One draft per set at a time. */
export function createDraft(db: Db, actor: SessionUser, kpiSetId: number) {
  const set = getKpiSet(db, kpiSetId);
  const latest = db.select().from(kpiSetVersions).where(eq(kpiSetVersions.kpiSetId, kpiSetId)).orderBy(desc(kpiSetVersions.version)).get();
  if (!latest) throw new StateError(`KPI set ${set.code} has no version to start from; import one.`, 'no_version');
  if (latest.status === 'draft') throw new ConflictError(`KPI set ${set.code} already has a draft (version ${latest.version}); edit or discard it first.`, 'draft_exists');
  const content = draftContentOf(db, latest.id);
  return db.transaction((tx) => {
    const row = tx
      .insert(kpiSetVersions)
      .values({
        kpiSetId,
        version: latest.version + 1,
        status: 'draft',
        scale: latest.scale,
        aggregationIndicators: latest.aggregationIndicators,
        aggregationObjectives: latest.aggregationObjectives,
        missingPolicy: latest.missingPolicy,
        minCompleteness: latest.minCompleteness,
        grades: latest.grades,
        createdBy: actor.id,
      })
      .returning()
      .get();
    const doc = loadKpiSetVersion(tx, latest.id).document;
    writeContent(tx, row.id, content, doc);
    writeAudit(tx, { actorId: actor.id, action: 'kpiSetVersion.createDraft', entity: 'kpi_set_version', entityId: row.id, after: { kpiSet: set.code, version: row.version, from: latest.version, methodHash: methodHash(doc) } });
    return row;
  });
}

export function saveDraft(db: Db, actor: SessionUser, versionId: number, content: DraftContent) {
  const v = getVersionRow(db, versionId);
  assertDraft(v);
  const before = loadKpiSetVersion(db, versionId).document;
  // An indicator retired after it joined this draft may stay; new ones must be active.
  const already = new Set(draftContentOf(db, versionId).objectives.flatMap((o) => o.indicators.map((i) => i.indicatorId)));
  const doc = validatedDocument(db, v.kpiSetId, content, already);
  return db.transaction((tx) => {
    writeContent(tx, versionId, content, doc);
    writeAudit(tx, { actorId: actor.id, action: 'kpiSetVersion.update', entity: 'kpi_set_version', entityId: versionId, before, after: doc });
    return { versionId, methodHash: methodHash(doc) };
  });
}

export function discardDraft(db: Db, actor: SessionUser, versionId: number) {
  const v = getVersionRow(db, versionId);
  assertDraft(v);
  const before = loadKpiSetVersion(db, versionId).document;
  if (db.select({ id: evaluations.id }).from(evaluations).where(eq(evaluations.kpiSetVersionId, versionId)).get())
    throw new StateError('Evaluations refer to this draft; it cannot be discarded.', 'draft_in_use');
  return db.transaction((tx) => {
    tx.delete(kpiSetVersions).where(eq(kpiSetVersions.id, versionId)).run();
    writeAudit(tx, { actorId: actor.id, action: 'kpiSetVersion.discard', entity: 'kpi_set_version', entityId: versionId, before: { version: v.version, document: before } });
    return { ok: true as const };
  });
}

/**
 * Publishes a draft: from now on it is immutable. It takes effect from a period that is not yet
 * published; the change note says why. The method hash is the engine's hash of the document.
 */
export function publishVersion(db: Db, actor: SessionUser, input: { versionId: number; effectiveFromPeriodId: number; changeNote: string }) {
  const v = getVersionRow(db, input.versionId);
  assertDraft(v);
  const period = db.select().from(periods).where(eq(periods.id, input.effectiveFromPeriodId)).get();
  if (!period) throw new ValidationError('Choose the period this version takes effect from.', { effectiveFromPeriodId: [vmsg('validation.required')] });
  if (period.status === 'published')
    throw new ValidationError(`Period ${period.code} is already published; a version can only take effect from a period that is not.`, { effectiveFromPeriodId: [vmsg('validation.method.periodPublished')] }, 'period_published');
  const doc = loadKpiSetVersion(db, v.id).document;
  const hash = methodHash(doc);
  return db.transaction((tx) => {
    // Items were written while draft; flipping the status is the last write this version takes.
    const after = tx
      .update(kpiSetVersions)
      .set({ status: 'published', methodHash: hash, changeNote: input.changeNote, effectiveFromPeriodId: period.id, publishedAt: new Date(), publishedBy: actor.id })
      .where(eq(kpiSetVersions.id, v.id))
      .returning()
      .get();
    writeAudit(tx, {
      actorId: actor.id,
      action: 'kpiSetVersion.publish',
      entity: 'kpi_set_version',
      entityId: v.id,
      before: { status: 'draft' },
      after: { status: 'published', methodHash: hash, effectiveFrom: period.code, changeNote: input.changeNote },
      reason: input.changeNote,
    });
    return after;
  });
}

export function diffVersions(db: Db, fromVersionId: number, toVersionId: number) {
  const a = loadKpiSetVersion(db, fromVersionId);
  const b = loadKpiSetVersion(db, toVersionId);
  if (a.kpiSet.id !== b.kpiSet.id) throw new ValidationError('Both versions must belong to the same KPI set.', { toVersionId: [vmsg('validation.method.sameSet')] });
  return { from: { id: a.version.id, version: a.version.version }, to: { id: b.version.id, version: b.version.version }, diff: diffKpiSets(a.document, b.document) };
}

/** The version as a kpi-set/v1 file: the exact document the method hash covers. */
export function exportVersion(db: Db, versionId: number) {
  const loaded = loadKpiSetVersion(db, versionId);
  return {
    fileName: `${loaded.kpiSet.code}-v${loaded.version.version}.kpi-set.json`,
    document: loaded.document,
    text: `${JSON.stringify(loaded.document, null, 2)}\n`,
    methodHash: methodHash(loaded.document),
  };
}

/**
 * Imports a kpi-set/v1 file as a new draft of the set. Objectives and indicators are matched by
 * code; unknown ones are added to the library from the file. What the file says about a known
 * one (names, unit, direction) must agree with the library, so exporting the draft gives the
 * same file back.
 */
export function importVersion(db: Db, actor: SessionUser, kpiSetId: number, text: string) {
  const set = getKpiSet(db, kpiSetId);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ValidationError(`The file is not JSON: ${(e as Error).message}`, { text: [vmsg('validation.method.notJson')] }, 'not_json');
  }
  const checked = validateKpiSet(json);
  if (!checked.ok) throw new ValidationError(checked.errors.map((e) => `${e.path || '(document)'}: ${e.message}`).join('\n'), documentFieldErrors(checked.errors), 'kpi_set_invalid');
  const doc = checked.value;
  const problems: { path: string; message: string; key: string }[] = [];
  if (doc.code !== set.code) problems.push({ path: 'code', message: `the file is KPI set "${doc.code}", not "${set.code}"`, key: vmsg('validation.kpiSet.otherSet', { file: doc.code, set: set.code }) });
  if (doc.stakeholderType !== set.stakeholderType) problems.push({ path: 'stakeholderType', message: `the file is for ${doc.stakeholderType}, this set for ${set.stakeholderType}`, key: vmsg('validation.kpiSet.otherType') });
  if (doc.name.en !== set.nameEn || doc.name['zh-CN'] !== set.nameZh) problems.push({ path: 'name', message: 'the name differs from this KPI set\'s name', key: vmsg('validation.kpiSet.setName') });
  const objectiveByCode = new Map(listObjectives(db).map((o) => [o.code, o]));
  const indicatorByCode = new Map(listIndicators(db).map((i) => [i.code, i]));
  const unitOf = unitLookup(db);
  doc.objectives.forEach((o, oi) => {
    const known = objectiveByCode.get(o.code);
    if (known && (known.nameEn !== o.name.en || known.nameZh !== o.name['zh-CN']))
      problems.push({ path: `objectives[${oi}].name`, message: `objective "${o.code}" is named differently in the library`, key: vmsg('validation.kpiSet.libraryName', { code: o.code }) });
    o.indicators.forEach((i, ii) => {
      const k = indicatorByCode.get(i.code);
      if (!k) return;
      const at = `objectives[${oi}].indicators[${ii}]`;
      if (k.nameEn !== i.name.en || k.nameZh !== i.name['zh-CN']) problems.push({ path: `${at}.name`, message: `indicator "${i.code}" is named differently in the library`, key: vmsg('validation.kpiSet.libraryName', { code: i.code }) });
      if ((k.unit?.code ?? null) !== (unitOf(i.unit)?.code ?? null))
        problems.push({ path: `${at}.unit`, message: `indicator "${i.code}" has unit "${k.unit?.nameEn ?? ''}" in the library, "${i.unit}" in the file`, key: vmsg('validation.kpiSet.libraryUnit', { code: i.code }) });
      if (k.direction !== i.direction) problems.push({ path: `${at}.direction`, message: `indicator "${i.code}" is ${k.direction}-is-better in the library`, key: vmsg('validation.kpiSet.libraryDirection', { code: i.code }) });
      if (k.retired) problems.push({ path: `${at}.code`, message: `indicator "${i.code}" is retired`, key: vmsg('validation.method.retiredIndicator') });
    });
  });
  if (doc.objectives.some((o) => o.description) || doc.description || doc.objectives.some((o) => o.indicators.some((i) => i.description)))
    problems.push({ path: 'description', message: 'descriptions are kept in the indicator library, not in a version; remove them from the file', key: vmsg('validation.kpiSet.descriptions') });
  if (problems.length) throw new ValidationError(problems.map((p) => `${p.path}: ${p.message}`).join('\n'), documentFieldErrors(problems), 'kpi_set_mismatch');

  const latest = db.select({ version: max(kpiSetVersions.version) }).from(kpiSetVersions).where(eq(kpiSetVersions.kpiSetId, kpiSetId)).get();
  const draft = db.select({ id: kpiSetVersions.id }).from(kpiSetVersions).where(and(eq(kpiSetVersions.kpiSetId, kpiSetId), eq(kpiSetVersions.status, 'draft'))).get();
  if (draft) throw new ConflictError(`KPI set ${set.code} already has a draft; publish or discard it before importing.`, 'draft_exists');
  return db.transaction((tx) => {
    const objectiveId = (o: KpiSetV1['objectives'][number], position: number) => {
      const known = objectiveByCode.get(o.code);
      if (known) return known.id;
      const row = tx.insert(objectives).values({ code: o.code, nameEn: o.name.en, nameZh: o.name['zh-CN'], position: 100 + position }).returning().get();
      writeAudit(tx, { actorId: actor.id, action: 'objective.create', entity: 'objective', entityId: row.id, after: row, reason: 'kpi-set import' });
      return row.id;
    };
    const indicatorId = (i: KpiSetV1['objectives'][number]['indicators'][number]) => {
      const known = indicatorByCode.get(i.code);
      if (known) return known.id;
      const row = tx.insert(indicators).values({ code: i.code, nameEn: i.name.en, nameZh: i.name['zh-CN'], unitCode: ensureUnit(tx, i.unit), direction: i.direction, valueType: 'number' }).returning().get();
      writeAudit(tx, { actorId: actor.id, action: 'indicator.create', entity: 'indicator', entityId: row.id, after: row, reason: 'kpi-set import' });
      return row.id;
    };
    const content: DraftContent = {
      scale: doc.scale,
      aggregation: doc.aggregation,
      missing: doc.missing,
      grades: doc.grades,
      objectives: doc.objectives.map((o, oi) => ({
        objectiveId: objectiveId(o, oi),
        weight: o.weight,
        indicators: o.indicators.map((i) => ({ indicatorId: indicatorId(i), weight: i.weight, normalization: i.normalization as Record<string, unknown> })),
      })),
    };
    const row = tx
      .insert(kpiSetVersions)
      .values({ kpiSetId, version: (latest?.version ?? 0) + 1, status: 'draft', grades: doc.grades, createdBy: actor.id })
      .returning()
      .get();
    writeContent(tx, row.id, content, doc);
    // The stored draft must read back as exactly the imported document.
    const stored = loadKpiSetVersion(tx, row.id).document;
    if (canonicalJson(stored) !== canonicalJson(doc)) throw new StateError('The imported version does not read back as the file; nothing was imported.', 'import_mismatch');
    writeAudit(tx, { actorId: actor.id, action: 'kpiSetVersion.import', entity: 'kpi_set_version', entityId: row.id, after: { version: row.version, methodHash: methodHash(doc) } });
    return row;
  });
}

function checkedConsistency(detail: Record<string, unknown>): number | null {
  try {
    return ahpConsistencyOf(detail);
  } catch (e) {
    if (e instanceof WeightsInputError) throw new ValidationError(`The AHP matrix is not valid: ${e.message}`, { detail: [vmsg('validation.method.ahpMatrix')] });
    throw e;
  }
}

/** Writes tuned weights into a draft (one weight per objective, or per indicator of one objective). */
export function applyWeights(
  db: Db,
  actor: SessionUser,
  input: { versionId: number; target: WeightTarget; weights: number[]; method: string; detail: Record<string, unknown>; inconsistencyReason?: string | null },
) {
  const row = getVersionRow(db, input.versionId);
  assertDraft(row);
  // Inconsistent judgements are applied only on purpose, with the reason kept in the change note.
  const cr = checkedConsistency(input.detail);
  const inconsistent = isInconsistent(cr);
  if (inconsistent && !input.inconsistencyReason) {
    const key = vmsg('validation.method.ahpInconsistent', { cr: Math.round(cr * 1000) / 1000, limit: AHP_CR_LIMIT });
    throw new ValidationError(`The AHP judgements have CR = ${cr.toFixed(3)}, above ${AHP_CR_LIMIT}; give a reason to apply them anyway.`, { inconsistencyReason: [key] }).with({}, key);
  }
  const content = draftContentOf(db, input.versionId);
  let before: number[];
  if (input.target.level === 'objectives') {
    before = content.objectives.map((o) => o.weight);
    if (input.weights.length !== before.length) throw new ValidationError(`Expected ${before.length} weights, one per objective.`, { weights: [vmsg('validation.method.weightCount', { count: before.length })] });
    content.objectives.forEach((o, i) => (o.weight = input.weights[i]!));
  } else {
    const objectiveId = input.target.objectiveId;
    const objective = content.objectives.find((o) => o.objectiveId === objectiveId);
    if (!objective) throw new ValidationError('This objective is not part of the version.', { target: [vmsg('validation.method.unknownObjective')] });
    before = objective.indicators.map((i) => i.weight);
    if (input.weights.length !== before.length) throw new ValidationError(`Expected ${before.length} weights, one per indicator.`, { weights: [vmsg('validation.method.weightCount', { count: before.length })] });
    objective.indicators.forEach((i, k) => (i.weight = input.weights[k]!));
  }
  const weighed = input.target.level === 'objectives' ? 'objectives' : db.select({ code: objectives.code }).from(objectives).where(eq(objectives.id, input.target.objectiveId)).get()?.code;
  const note = inconsistent ? `AHP CR ${cr.toFixed(3)} > ${AHP_CR_LIMIT} (${weighed}): ${input.inconsistencyReason}` : null;
  return db.transaction(() => {
    const saved = saveDraft(db, actor, input.versionId, content);
    // The draft's change note is what the publish form starts from.
    if (note) db.update(kpiSetVersions).set({ changeNote: row.changeNote ? `${row.changeNote}\n${note}` : note }).where(eq(kpiSetVersions.id, input.versionId)).run();
    writeAudit(db, {
      actorId: actor.id,
      action: 'kpiSetVersion.applyWeights',
      entity: 'kpi_set_version',
      entityId: input.versionId,
      before: { target: input.target, weights: before },
      after: { target: input.target, weights: input.weights, method: input.method, detail: input.detail, ...(inconsistent ? { CR: cr, inconsistencyReason: input.inconsistencyReason } : {}) },
      ...(inconsistent ? { reason: input.inconsistencyReason! } : {}),
    });
    return saved;
  });
}

