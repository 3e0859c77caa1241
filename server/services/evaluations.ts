// Evaluation use cases: the work list of a period, entering values, and the review workflow.
//
// State machine (every transition audited, every write bumps `revision`; a write naming an older
// revision is refused with CONFLICT so nobody overwrites edits they have not seen):
//   (none)    → draft      start      an assessor in scope, open period, latest published version
//   draft     → draft      save       values checked against the indicators (draft rules)
//   returned  → draft      save       the first edit after a return makes it a draft again
//   draft|returned → submitted  submit   values checked with the submit rules
//   submitted → approved   approve    a different user than the submitter, with scope
//   submitted → returned   return     a different user than the submitter, with a reason
//   approved  → returned   reopen     admin only, with a reason, not in a published period
// Approving or reopening recomputes the period's provisional score run for the version.
import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db';
import { auditLog, evaluations, evaluationValues, indicators, kpiSets, kpiSetVersions, periods, regions, stakeholders, user as users } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import {
  evaluationValuesSchema,
  type EvaluationValues,
  type EvaluationValuesInput,
  type IndicatorDef,
  type ValuesMode,
} from '@/core/domain/evaluation-values';
import { isPeerDependent, type KpiSetV1, type ValuesRow } from '@/core/scoring';
import { ConflictError, ForbiddenError, NotFoundError, StateError, ValidationError, type FieldErrors } from '@/server/errors';
import { writeAudit } from './audit';
import { loadKpiSetVersion, type LoadedVersion } from './kpi-documents';
import { computeScoreRun, gatherValues } from './score-runs';
import { ScoringInputError } from '@/core/scoring';
import { stakeholderInScope } from './scope';
import { type EvaluationStatus, type StakeholderType } from '@/core/domain/enums';

export type WorkStatus = EvaluationStatus | 'not_started';
export const WORK_STATUSES: readonly WorkStatus[] = ['not_started', 'draft', 'submitted', 'returned', 'approved'];

type Period = typeof periods.$inferSelect;

// ─── Periods ────────────────────────────────────────────────────────────────────────────────────

export function listPeriods(db: DbOrTx): Period[] {
  return db.select().from(periods).orderBy(desc(periods.startsOn)).all();
}

/** The open period entry happens in (the latest, should there be several). */
export function openPeriod(db: DbOrTx): Period | null {
  return db.select().from(periods).where(eq(periods.status, 'open')).orderBy(desc(periods.startsOn)).get() ?? null;
}

/** The given period, else the open one, else the latest; null when there are no periods. */
export function resolvePeriod(db: DbOrTx, periodId?: number | null): Period | null {
  if (periodId) {
    const p = db.select().from(periods).where(eq(periods.id, periodId)).get();
    if (!p) throw new NotFoundError('Period', periodId);
    return p;
  }
  return openPeriod(db) ?? db.select().from(periods).orderBy(desc(periods.startsOn)).get() ?? null;
}

/** The period before this one (by start date), if any. */
export function previousPeriod(db: DbOrTx, period: Period): Period | null {
  return db.select().from(periods).where(lt(periods.startsOn, period.startsOn)).orderBy(desc(periods.startsOn)).get() ?? null;
}

// ─── Regions: township and county of a region path ──────────────────────────────────────────────

/** "/province/prefecture/county/township/…" → the county and township ids (null when above). */
export function countyAndTownshipOf(path: string): { countyId: number | null; townshipId: number | null } {
  const ids = path.split('/').filter(Boolean).map(Number);
  return { countyId: ids[2] ?? null, townshipId: ids[3] ?? null };
}

export function regionNames(db: DbOrTx) {
  return new Map(
    db
      .select({ id: regions.id, code: regions.code, nameZh: regions.nameZh, nameEn: regions.nameEn })
      .from(regions)
      .all()
      .map((r) => [r.id, r]),
  );
}

// ─── Work list ──────────────────────────────────────────────────────────────────────────────────

export type WorkItem = {
  stakeholderId: number;
  code: string;
  name: string;
  type: StakeholderType;
  creditCode: string | null;
  active: boolean;
  countyId: number | null;
  townshipId: number | null;
  evaluationId: number | null;
  status: WorkStatus;
  revision: number | null;
  updatedAt: Date | null;
  submittedBy: string | null;
  returnReason: string | null;
};

export type Progress = {
  regionId: number;
  code: string;
  nameZh: string;
  nameEn: string;
  total: number;
  counts: Record<WorkStatus, number>;
};

function emptyCounts(): Record<WorkStatus, number> {
  return { not_started: 0, draft: 0, submitted: 0, returned: 0, approved: 0 };
}

/**
 * The stakeholders in the caller's scope with their evaluation status in one period (default:
 * the open one), and completion per township and county. Inactive stakeholders appear only when
 * they have an evaluation in the period.
 */
export function workList(db: Db, me: SessionUser, input: { periodId?: number | undefined } = {}) {
  const allPeriods = listPeriods(db);
  const period = resolvePeriod(db, input.periodId);
  if (!period) return { period: null, periods: allPeriods, items: [] as WorkItem[], townships: [] as Progress[], counties: [] as Progress[] };
  const rows = db
    .select({
      stakeholderId: stakeholders.id,
      code: stakeholders.code,
      name: stakeholders.name,
      type: stakeholders.type,
      creditCode: stakeholders.creditCode,
      active: stakeholders.active,
      path: regions.path,
      evaluationId: evaluations.id,
      status: evaluations.status,
      revision: evaluations.revision,
      updatedAt: evaluations.updatedAt,
      submittedBy: users.name,
      returnReason: evaluations.returnReason,
    })
    .from(stakeholders)
    .innerJoin(regions, eq(regions.id, stakeholders.regionId))
    .leftJoin(evaluations, and(eq(evaluations.stakeholderId, stakeholders.id), eq(evaluations.periodId, period.id)))
    .leftJoin(users, eq(users.id, evaluations.submittedBy))
    .where(and(stakeholderInScope(me), sql`(${stakeholders.active} = 1 or ${evaluations.id} is not null)`))
    .orderBy(asc(stakeholders.code))
    .all();
  const names = regionNames(db);
  const townships = new Map<number, Progress>();
  const counties = new Map<number, Progress>();
  const bump = (map: Map<number, Progress>, id: number | null, status: WorkStatus) => {
    if (id === null) return;
    const r = names.get(id);
    if (!r) return;
    let p = map.get(id);
    if (!p) map.set(id, (p = { regionId: id, code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, total: 0, counts: emptyCounts() }));
    p.total++;
    p.counts[status]++;
  };
  const items: WorkItem[] = rows.map((r) => {
    const { countyId, townshipId } = countyAndTownshipOf(r.path);
    const status: WorkStatus = r.status ?? 'not_started';
    bump(townships, townshipId, status);
    bump(counties, countyId, status);
    return {
      stakeholderId: r.stakeholderId,
      code: r.code,
      name: r.name,
      type: r.type,
      creditCode: r.creditCode,
      active: r.active,
      countyId,
      townshipId,
      evaluationId: r.evaluationId,
      status,
      revision: r.revision,
      updatedAt: r.updatedAt,
      submittedBy: r.submittedBy,
      returnReason: r.returnReason,
    };
  });
  const byCode = (a: Progress, b: Progress) => a.code.localeCompare(b.code);
  return {
    period,
    periods: allPeriods,
    items,
    townships: [...townships.values()].sort(byCode),
    counties: [...counties.values()].sort(byCode),
  };
}

// ─── Loading one evaluation ─────────────────────────────────────────────────────────────────────

/** The indicator definitions of a loaded version, in the document's order. */
export function indicatorDefs(db: DbOrTx, loaded: LoadedVersion): IndicatorDef[] {
  const ids = [...loaded.indicatorIds.values()];
  const rows = ids.length ? db.select().from(indicators).where(inArray(indicators.id, ids)).all() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return loaded.document.objectives.flatMap((o) =>
    o.indicators.map((i) => {
      const id = loaded.indicatorIds.get(i.code)!;
      const row = byId.get(id)!;
      return {
        id,
        code: i.code,
        objectiveCode: o.code,
        nameEn: i.name.en,
        nameZh: i.name['zh-CN'],
        unit: i.unit,
        direction: i.direction,
        valueType: row.valueType,
        min: row.minValue,
        max: row.maxValue,
        evidenceRequired: row.evidenceRequired,
        redFlagAbove: row.redFlagAbove,
        peerDependent: isPeerDependent(i.normalization),
      };
    }),
  );
}

function loadInScope(db: DbOrTx, me: SessionUser, id: number) {
  const row = db
    .select({ e: evaluations, s: stakeholders, path: regions.path })
    .from(evaluations)
    .innerJoin(stakeholders, eq(stakeholders.id, evaluations.stakeholderId))
    .innerJoin(regions, eq(regions.id, stakeholders.regionId))
    .where(eq(evaluations.id, id))
    .get();
  if (!row) throw new NotFoundError('Evaluation', id);
  const visible = db
    .select({ id: stakeholders.id })
    .from(stakeholders)
    .where(and(eq(stakeholders.id, row.s.id), stakeholderInScope(me)))
    .get();
  if (!visible) throw new ForbiddenError(`Stakeholder ${row.s.code} (${row.s.name}) is outside your assigned regions.`, 'out_of_scope');
  const period = db.select().from(periods).where(eq(periods.id, row.e.periodId)).get()!;
  return { evaluation: row.e, stakeholder: row.s, path: row.path, period };
}

function storedValues(db: DbOrTx, evaluationId: number): EvaluationValues {
  const rows = db
    .select({ code: indicators.code, value: evaluationValues.value, note: evaluationValues.note, evidenceUrl: evaluationValues.evidenceUrl })
    .from(evaluationValues)
    .innerJoin(indicators, eq(indicators.id, evaluationValues.indicatorId))
    .where(eq(evaluationValues.evaluationId, evaluationId))
    .all();
  return Object.fromEntries(rows.map((r) => [r.code, { value: r.value, note: r.note, evidenceUrl: r.evidenceUrl }]));
}

export type TimelineEntry = {
  id: number;
  at: Date;
  action: string;
  actorName: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
};

/** The evaluation's history from the audit log, oldest first. */
export function timeline(db: DbOrTx, evaluationId: number): TimelineEntry[] {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      actorName: users.name,
      reason: auditLog.reason,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entity, 'evaluation'), eq(auditLog.entityId, String(evaluationId))))
    .orderBy(asc(auditLog.id))
    .all();
}

function userName(db: DbOrTx, id: string | null): string | null {
  if (!id) return null;
  return db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? null;
}

/** What the caller may do with the evaluation now (the services enforce the same rules). */
export function allowedActions(me: SessionUser, e: typeof evaluations.$inferSelect, period: Period) {
  const editable = period.status === 'open' && (e.status === 'draft' || e.status === 'returned');
  const reviewable = e.status === 'submitted' && period.status !== 'published';
  return {
    edit: editable,
    submit: editable,
    review: reviewable && e.submittedBy !== me.id,
    /** Reviewable, but the caller submitted it: someone else must review. */
    reviewBlockedAsSubmitter: reviewable && e.submittedBy === me.id,
    reopen: me.role === 'admin' && e.status === 'approved' && period.status !== 'published',
  };
}

/**
 * Everything the form needs: the stakeholder, the KPI-set document and indicator definitions,
 * the stored values, last period's values, the approved peers (for the live preview), the
 * timeline and the caller's allowed actions.
 */
export function getEvaluation(db: Db, me: SessionUser, id: number) {
  const { evaluation, stakeholder, path, period } = loadInScope(db, me, id);
  const loaded = loadKpiSetVersion(db, evaluation.kpiSetVersionId);
  const defs = indicatorDefs(db, loaded);
  const prev = previousPeriod(db, period);
  const prevEval = prev
    ? db
        .select()
        .from(evaluations)
        .where(and(eq(evaluations.stakeholderId, stakeholder.id), eq(evaluations.periodId, prev.id)))
        .get()
    : undefined;
  // Peers are anonymous: the preview needs their values, not who they are (many are outside the caller's scope).
  const peers: ValuesRow[] = gatherValues(db, period.id, evaluation.kpiSetVersionId, ['approved'])
    .rows.filter((r) => r.stakeholder !== stakeholder.code)
    .map((r, i) => ({ stakeholder: `peer:${i + 1}`, values: r.values }));
  const names = regionNames(db);
  const { countyId, townshipId } = countyAndTownshipOf(path);
  return {
    evaluation: {
      ...evaluation,
      submittedByName: userName(db, evaluation.submittedBy),
      approvedByName: userName(db, evaluation.approvedBy),
    },
    stakeholder: {
      id: stakeholder.id,
      code: stakeholder.code,
      name: stakeholder.name,
      type: stakeholder.type,
      creditCode: stakeholder.creditCode,
      county: countyId ? (names.get(countyId) ?? null) : null,
      township: townshipId ? (names.get(townshipId) ?? null) : null,
    },
    period,
    kpiSet: { code: loaded.kpiSet.code, nameEn: loaded.kpiSet.nameEn, nameZh: loaded.kpiSet.nameZh, version: loaded.version.version },
    document: loaded.document as KpiSetV1,
    indicators: defs,
    values: storedValues(db, evaluation.id),
    previous: prev && prevEval ? { periodCode: prev.code, status: prevEval.status, values: storedValues(db, prevEval.id) } : null,
    peers,
    timeline: timeline(db, evaluation.id),
    actions: allowedActions(me, evaluation, period),
  };
}

// ─── Writes ─────────────────────────────────────────────────────────────────────────────────────

/** The latest published version of the KPI set for a stakeholder type, effective by the period. */
export function currentVersionFor(db: DbOrTx, type: StakeholderType, period: Period) {
  const candidates = db
    .select({ id: kpiSetVersions.id, version: kpiSetVersions.version, effectiveFrom: periods.startsOn })
    .from(kpiSetVersions)
    .innerJoin(kpiSets, eq(kpiSets.id, kpiSetVersions.kpiSetId))
    .leftJoin(periods, eq(periods.id, kpiSetVersions.effectiveFromPeriodId))
    .where(and(eq(kpiSets.stakeholderType, type), eq(kpiSetVersions.status, 'published'), isNotNull(kpiSetVersions.publishedAt)))
    .orderBy(desc(kpiSetVersions.publishedAt), desc(kpiSetVersions.version))
    .all();
  return candidates.find((c) => c.effectiveFrom === null || c.effectiveFrom <= period.startsOn) ?? null;
}

function fieldErrorsOfIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) (out[issue.path.map(String).join('.') || '_'] ??= []).push(issue.message);
  return out;
}

/** Checks values against the definitions; throws a ValidationError with a field per problem. */
export function checkValues(defs: readonly IndicatorDef[], values: EvaluationValuesInput, mode: ValuesMode): EvaluationValues {
  const parsed = evaluationValuesSchema(defs, mode).safeParse(values);
  if (!parsed.success) {
    const fields = fieldErrorsOfIssues(parsed.error.issues);
    const n = Object.keys(fields).length;
    throw new ValidationError(
      mode === 'submit'
        ? `The evaluation cannot be submitted yet: ${n} field${n === 1 ? '' : 's'} need attention; see each field.`
        : `Some values are not valid (${n} field${n === 1 ? '' : 's'}); see each field.`,
      fields,
      'values_invalid',
    );
  }
  return parsed.data as EvaluationValues;
}

function assertRevision(db: DbOrTx, e: typeof evaluations.$inferSelect, revision: number): void {
  if (e.revision === revision) return;
  const last = db
    .select({ at: auditLog.at, name: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entity, 'evaluation'), eq(auditLog.entityId, String(e.id))))
    .orderBy(desc(auditLog.id))
    .get();
  const who = last?.name ? `${last.name} changed it` : 'It was changed';
  throw new ConflictError(
    `${who} after you opened it (you have revision ${revision}, the saved one is ${e.revision}). ` +
      'Your edits are still in the form: compare, then save again over the newer version or discard yours.',
    'stale_revision',
  );
}

/** Updates the row only when the revision still matches (the check and the write are one statement). */
function bumpRevision(tx: DbOrTx, e: typeof evaluations.$inferSelect, revision: number, set: Partial<typeof evaluations.$inferInsert>) {
  const row = tx
    .update(evaluations)
    .set({ ...set, revision: e.revision + 1, updatedAt: new Date() })
    .where(and(eq(evaluations.id, e.id), eq(evaluations.revision, revision)))
    .returning()
    .get();
  if (!row) {
    // Someone wrote between our read and this update: report the revision that is there now.
    const now = tx.select().from(evaluations).where(eq(evaluations.id, e.id)).get()!;
    assertRevision(tx, now.revision === revision ? { ...now, revision: revision + 1 } : now, revision);
  }
  return row!;
}

function writeValues(tx: DbOrTx, evaluationId: number, defs: readonly IndicatorDef[], values: EvaluationValues) {
  const idOf = new Map(defs.map((d) => [d.code, d.id]));
  const rows = Object.entries(values).map(([code, v]) => ({
    evaluationId,
    indicatorId: idOf.get(code)!,
    value: v.value,
    note: v.note,
    evidenceUrl: v.evidenceUrl,
  }));
  for (let i = 0; i < rows.length; i += 200) {
    tx.insert(evaluationValues)
      .values(rows.slice(i, i + 200))
      .onConflictDoUpdate({
        target: [evaluationValues.evaluationId, evaluationValues.indicatorId],
        set: { value: sql`excluded.value`, note: sql`excluded.note`, evidenceUrl: sql`excluded.evidence_url` },
      })
      .run();
  }
}

/** Only the entries that differ from what is stored, for the audit record. */
function changedEntries(before: EvaluationValues, after: EvaluationValues) {
  const b: EvaluationValues = {};
  const a: EvaluationValues = {};
  for (const [code, v] of Object.entries(after)) {
    const old = before[code] ?? { value: null, note: null, evidenceUrl: null };
    if (old.value !== v.value || old.note !== v.note || old.evidenceUrl !== v.evidenceUrl) {
      b[code] = old;
      a[code] = v;
    }
  }
  return { before: b, after: a };
}

/** Starts (or returns the existing) evaluation of a stakeholder in the open period. */
export function startEvaluation(db: Db, me: SessionUser, stakeholderId: number) {
  const s = db.select().from(stakeholders).where(eq(stakeholders.id, stakeholderId)).get();
  if (!s) throw new NotFoundError('Stakeholder', stakeholderId);
  const visible = db.select({ id: stakeholders.id }).from(stakeholders).where(and(eq(stakeholders.id, s.id), stakeholderInScope(me))).get();
  if (!visible) throw new ForbiddenError(`Stakeholder ${s.code} (${s.name}) is outside your assigned regions.`, 'out_of_scope');
  const period = openPeriod(db);
  if (!period) throw new StateError('No period is open for entry; an administrator opens periods.', 'no_open_period');
  const existing = db
    .select()
    .from(evaluations)
    .where(and(eq(evaluations.stakeholderId, s.id), eq(evaluations.periodId, period.id)))
    .get();
  if (existing) return existing;
  if (!s.active) throw new StateError(`Stakeholder ${s.code} is inactive; reactivate it before evaluating it.`, 'stakeholder_inactive');
  const version = currentVersionFor(db, s.type, period);
  if (!version) throw new StateError(`There is no published KPI set for this stakeholder type (${s.type}).`, 'no_published_version');
  return db.transaction((tx) => {
    const row = tx
      .insert(evaluations)
      .values({ stakeholderId: s.id, periodId: period.id, kpiSetVersionId: version.id, status: 'draft', createdBy: me.id })
      .returning()
      .get();
    writeAudit(tx, {
      actorId: me.id,
      action: 'evaluation.create',
      entity: 'evaluation',
      entityId: row.id,
      after: { stakeholder: s.code, period: period.code, kpiSetVersionId: version.id, status: 'draft' },
    });
    return row;
  });
}

function assertEditable(e: typeof evaluations.$inferSelect, period: Period) {
  if (period.status !== 'open') {
    throw new StateError(`Period ${period.code} is ${period.status}: values can only be entered while it is open.`, 'period_not_open');
  }
  if (e.status !== 'draft' && e.status !== 'returned') {
    throw new StateError(
      `This evaluation is ${e.status}: only a draft or a returned evaluation can be edited${e.status === 'approved' ? ' (an administrator can reopen it)' : ''}.`,
      'not_editable',
    );
  }
}

/** Saves draft values (all or some indicators). A returned evaluation becomes a draft again. */
export function saveEvaluation(db: Db, me: SessionUser, input: { id: number; revision: number; values: EvaluationValuesInput }) {
  const { evaluation: e, period } = loadInScope(db, me, input.id);
  assertEditable(e, period);
  assertRevision(db, e, input.revision);
  const defs = indicatorDefs(db, loadKpiSetVersion(db, e.kpiSetVersionId));
  const values = checkValues(defs, input.values, 'draft');
  return db.transaction((tx) => {
    const before = storedValues(tx, e.id);
    const row = bumpRevision(tx, e, input.revision, { status: 'draft' });
    writeValues(tx, e.id, defs, values);
    const diff = changedEntries(before, values);
    writeAudit(tx, {
      actorId: me.id,
      action: 'evaluation.save',
      entity: 'evaluation',
      entityId: e.id,
      before: { status: e.status, revision: e.revision, values: diff.before },
      after: { status: row.status, revision: row.revision, values: diff.after },
    });
    return { id: row.id, revision: row.revision, status: row.status, updatedAt: row.updatedAt };
  });
}

/** Submits for review, saving the given values first in the same transaction. */
export function submitEvaluation(db: Db, me: SessionUser, input: { id: number; revision: number; values?: EvaluationValuesInput | undefined }) {
  const { evaluation: e, period } = loadInScope(db, me, input.id);
  assertEditable(e, period);
  assertRevision(db, e, input.revision);
  const defs = indicatorDefs(db, loadKpiSetVersion(db, e.kpiSetVersionId));
  const stored = storedValues(db, e.id);
  const incoming = input.values ? checkValues(defs, input.values, 'draft') : {};
  const merged = checkValues(defs, { ...stored, ...incoming }, 'submit');
  return db.transaction((tx) => {
    const row = bumpRevision(tx, e, input.revision, { status: 'submitted', submittedBy: me.id, submittedAt: new Date(), returnReason: null, approvedBy: null, approvedAt: null });
    if (input.values) writeValues(tx, e.id, defs, incoming);
    const diff = changedEntries(stored, merged);
    writeAudit(tx, {
      actorId: me.id,
      action: 'evaluation.submit',
      entity: 'evaluation',
      entityId: e.id,
      before: { status: e.status, revision: e.revision, values: diff.before },
      after: { status: 'submitted', revision: row.revision, values: diff.after },
    });
    return { id: row.id, revision: row.revision, status: row.status };
  });
}

function assertReviewer(me: SessionUser, e: typeof evaluations.$inferSelect, period: Period) {
  if (e.status !== 'submitted') {
    throw new StateError(`Only a submitted evaluation can be reviewed; this one is ${e.status}.`, 'not_submitted');
  }
  if (period.status === 'published') throw new StateError(`Period ${period.code} is published; its evaluations are final.`, 'period_published');
  if (e.submittedBy === me.id) {
    throw new ForbiddenError('You submitted this evaluation: another assessor with scope over the stakeholder must review it.', 'self_review');
  }
}

/** Recomputes the provisional score run of the evaluation's period and version. */
function refreshProvisional(db: Db, e: typeof evaluations.$inferSelect, period: Period, actorId: string) {
  if (period.status === 'published') return;
  try {
    computeScoreRun(db, { periodId: e.periodId, versionId: e.kpiSetVersionId, kind: 'provisional', actorId });
  } catch (err) {
    // The approval itself is saved; a KPI set with the "reject" missing-data policy cannot score
    // a period while some approved evaluation lacks a value, so the previous provisional run stays.
    if (!(err instanceof ScoringInputError)) throw err;
    console.warn(`Provisional scores of period ${period.code} not refreshed: ${err.message}`);
  }
}

export function approveEvaluation(db: Db, me: SessionUser, input: { id: number; revision: number }) {
  const { evaluation: e, period } = loadInScope(db, me, input.id);
  assertReviewer(me, e, period);
  assertRevision(db, e, input.revision);
  const row = db.transaction((tx) => {
    const row = bumpRevision(tx, e, input.revision, { status: 'approved', approvedBy: me.id, approvedAt: new Date(), returnReason: null });
    writeAudit(tx, {
      actorId: me.id,
      action: 'evaluation.approve',
      entity: 'evaluation',
      entityId: e.id,
      before: { status: e.status, revision: e.revision },
      after: { status: 'approved', revision: row.revision },
    });
    return row;
  });
  refreshProvisional(db, row, period, me.id);
  return { id: row.id, revision: row.revision, status: row.status };
}

export function returnEvaluation(db: Db, me: SessionUser, input: { id: number; revision: number; reason: string }) {
  const { evaluation: e, period } = loadInScope(db, me, input.id);
  assertReviewer(me, e, period);
  assertRevision(db, e, input.revision);
  return db.transaction((tx) => {
    const row = bumpRevision(tx, e, input.revision, { status: 'returned', returnReason: input.reason, approvedBy: null, approvedAt: null });
    writeAudit(tx, {
      actorId: me.id,
      action: 'evaluation.return',
      entity: 'evaluation',
      entityId: e.id,
      before: { status: e.status, revision: e.revision },
      after: { status: 'returned', revision: row.revision },
      reason: input.reason,
    });
    return { id: row.id, revision: row.revision, status: row.status };
  });
}

/** Admin only (permission matrix): an approved evaluation goes back to the assessors, with a reason. */
export function reopenEvaluation(db: Db, me: SessionUser, input: { id: number; revision: number; reason: string }) {
  if (me.role !== 'admin') throw new ForbiddenError('Only an administrator can reopen an approved evaluation.', 'admin_only');
  const { evaluation: e, period } = loadInScope(db, me, input.id);
  if (e.status !== 'approved') throw new StateError(`Only an approved evaluation can be reopened; this one is ${e.status}.`, 'not_approved');
  if (period.status === 'published') {
    throw new StateError(`Period ${period.code} is published; its scores are final and its evaluations cannot be reopened.`, 'period_published');
  }
  assertRevision(db, e, input.revision);
  const row = db.transaction((tx) => {
    const row = bumpRevision(tx, e, input.revision, { status: 'returned', returnReason: input.reason, approvedBy: null, approvedAt: null });
    writeAudit(tx, {
      actorId: me.id,
      action: 'evaluation.reopen',
      entity: 'evaluation',
      entityId: e.id,
      before: { status: e.status, revision: e.revision },
      after: { status: 'returned', revision: row.revision },
      reason: input.reason,
    });
    return row;
  });
  refreshProvisional(db, row, period, me.id);
  return { id: row.id, revision: row.revision, status: row.status };
}
