// The review workflow for a batch: submit, approve or return many evaluations at once, held to the
// same rules as workflow.ts (editable or reviewable state, matching revision, submit rules on the
// values, never one's own submission) — for an assessor finishing the drafts an import created, a
// reviewer clearing a county's submissions, and the province generator. All or nothing (except
// submitCompleteDrafts, which skips what cannot be submitted and says why): one
// transaction, one audit row per evaluation, prepared statements (this is the hot path of a
// 100,000-evaluation quarter) and one provisional recompute (a job) per KPI-set version, not one per approval.
import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { evaluations, periods, stakeholders } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import type { EvaluationValues, EvaluationValuesInput, IndicatorDef, ValuesMode } from '@/core/domain/evaluation-values';
import { isEditable, isReviewable } from '@/core/domain/evaluation-workflow';
import type { EvaluationStatus, PeriodStatus } from '@/core/domain/enums';
import { fieldErrorsOf } from '@/core/schemas/field-errors';
import { reasonText } from '@/core/schemas/reason';
import { ConflictError, ForbiddenError, NotFoundError, StateError, ValidationError } from '@/server/errors';
import { defsCache, schemaFor, storedValuesOf } from '@/server/queries/submit-readiness';
import { stakeholderInScope } from '@/server/queries/scope';
import { requestProvisionalScores } from '@/server/jobs/provisional';

export type BulkSubmitItem = { id: number; revision: number; values?: EvaluationValuesInput | undefined };
export type BulkReviewItem = { id: number; revision: number };
export type BulkReturnItem = BulkReviewItem & { reason: string };

type Row = {
  id: number;
  status: EvaluationStatus;
  revision: number;
  submittedBy: string | null;
  versionId: number;
  periodId: number;
  periodCode: string;
  periodStatus: PeriodStatus;
  stakeholderCode: string;
  inScope: number;
};

/** Bound parameters per `in (…)` list: well below SQLite's limit. */
const CHUNK = 500;

/** The batch's evaluations by id: NOT_FOUND for a missing one, FORBIDDEN for one outside the caller's scope. */
function loadBatch(db: Db, me: SessionUser, ids: readonly number[]): Map<number, Row> {
  const scope = stakeholderInScope(me);
  const out = new Map<number, Row>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = db
      .select({
        id: evaluations.id,
        status: evaluations.status,
        revision: evaluations.revision,
        submittedBy: evaluations.submittedBy,
        versionId: evaluations.kpiSetVersionId,
        periodId: evaluations.periodId,
        periodCode: periods.code,
        periodStatus: periods.status,
        stakeholderCode: stakeholders.code,
        inScope: scope ? sql<number>`(${scope})` : sql<number>`1`,
      })
      .from(evaluations)
      .innerJoin(stakeholders, eq(stakeholders.id, evaluations.stakeholderId))
      .innerJoin(periods, eq(periods.id, evaluations.periodId))
      .where(inArray(evaluations.id, ids.slice(i, i + CHUNK)))
      .all();
    for (const r of rows) out.set(r.id, r);
  }
  for (const id of ids) {
    const r = out.get(id);
    // Outside the caller's scope reads as missing: the batch can't be used to probe ids.
    if (!r || !r.inScope) throw new NotFoundError('Evaluation', id);
  }
  return out;
}

/** A write that found the row changed since the batch was checked: the whole batch rolls back. */
function changedMeanwhile(r: Row): ConflictError {
  return new ConflictError(`The evaluation of ${r.stakeholderCode} was changed by someone else meanwhile; nothing was changed. Reload and try again.`, 'stale_revision');
}

function assertRevision(r: Row, revision: number): void {
  if (r.revision !== revision)
    throw new ConflictError(`The evaluation of ${r.stakeholderCode} was changed (revision ${r.revision}, not ${revision}); nothing was changed. Reload and try again.`, 'stale_revision');
}

/** Values checked against the definitions, or a ValidationError naming the stakeholder. */
function checked(r: Row, defs: readonly IndicatorDef[], values: EvaluationValuesInput, mode: ValuesMode): EvaluationValues {
  const parsed = schemaFor(defs, mode).safeParse(values);
  if (parsed.success) return parsed.data;
  const fields = fieldErrorsOf(parsed.error.issues);
  throw new ValidationError(
    `The evaluation of ${r.stakeholderCode} cannot be ${mode === 'submit' ? 'submitted' : 'saved'}: ${Object.keys(fields).join(', ')} need attention; nothing was changed.`,
    fields,
    'values_invalid',
  );
}

function auditStatement(db: Db) {
  return db.$client.prepare(`insert into audit_log (at, actor_id, action, entity, entity_id, before, after, reason) values (?, ?, ?, 'evaluation', ?, ?, ?, ?)`);
}

type PlannedSubmit = { r: Row; defs: IndicatorDef[]; incoming: EvaluationValues };

/** Plans the submit of each item, or throws the reason one of them cannot be submitted. */
function planSubmits(db: Db, me: SessionUser, items: readonly BulkSubmitItem[]): ((() => PlannedSubmit) & { row: Row })[] {
  const rows = loadBatch(db, me, items.map((i) => i.id));
  const defsOf = defsCache(db);
  const stored = storedValuesOf(db, items.map((i) => i.id));
  return items.map((item) => {
    const r = rows.get(item.id)!;
    const plan = () => {
      if (!isEditable(r, { status: r.periodStatus }))
        throw new StateError(`The evaluation of ${r.stakeholderCode} is ${r.status} in a ${r.periodStatus} period; only an open period's drafts and returned evaluations can be submitted.`, 'not_editable');
      assertRevision(r, item.revision);
      const defs = defsOf(r.versionId);
      // One check of stored and given values together under the submit rules (they include the
      // draft rules); what is written is the checked form of the given entries.
      const merged = checked(r, defs, { ...(stored.get(r.id) ?? {}), ...(item.values ?? {}) }, 'submit');
      const incoming: EvaluationValues = {};
      for (const code of Object.keys(item.values ?? {})) incoming[code] = merged[code]!;
      return { r, defs, incoming };
    };
    return Object.assign(plan, { row: r });
  });
}

/** Submits drafts and returned evaluations, saving the given values (e.g. evidence links) first. All or nothing. */
export function submitEvaluations(db: Db, me: SessionUser, items: readonly BulkSubmitItem[]): { submitted: number } {
  const planned = planSubmits(db, me, items).map((plan) => plan());
  writeSubmits(db, me, planned);
  return { submitted: planned.length };
}

export type SkippedSubmit = { id: number; stakeholderCode: string; reason: 'not_editable' | 'stale_revision' | 'values_invalid'; fields: number };

/**
 * Submits those of the given drafts (and returned evaluations) that are complete under the submit
 * rules, in one transaction, and names each one skipped with its reason: not editable, changed
 * since the list was read, or fields that need attention (missing values, evidence…).
 */
export function submitCompleteDrafts(db: Db, me: SessionUser, items: readonly BulkReviewItem[]): { submitted: { id: number; stakeholderCode: string }[]; skipped: SkippedSubmit[] } {
  const planned: PlannedSubmit[] = [];
  const skipped: SkippedSubmit[] = [];
  for (const plan of planSubmits(db, me, items)) {
    try {
      planned.push(plan());
    } catch (e) {
      if (!(e instanceof StateError || e instanceof ConflictError || e instanceof ValidationError)) throw e;
      const reason = e instanceof StateError ? 'not_editable' : e instanceof ConflictError ? 'stale_revision' : 'values_invalid';
      skipped.push({ id: plan.row.id, stakeholderCode: plan.row.stakeholderCode, reason, fields: e instanceof ValidationError ? Object.keys(e.fields).length : 0 });
    }
  }
  writeSubmits(db, me, planned);
  return { submitted: planned.map(({ r }) => ({ id: r.id, stakeholderCode: r.stakeholderCode })), skipped };
}

/** Writes planned submits and their audit rows in one transaction; a row changed meanwhile rolls all back. */
function writeSubmits(db: Db, me: SessionUser, planned: readonly PlannedSubmit[]): void {
  if (planned.length === 0) return;
  const idsOf = new Map<readonly IndicatorDef[], Map<string, number>>();
  const now = Date.now();
  db.transaction(() => {
    const update = db.$client.prepare(
      `update evaluations set status = 'submitted', revision = revision + 1, submitted_by = ?, submitted_at = ?, return_reason = null, approved_by = null, approved_at = null, updated_at = ?
       where id = ? and revision = ?`,
    );
    const upsert = db.$client.prepare(
      `insert into evaluation_values (evaluation_id, indicator_id, value, note, evidence_url) values (?, ?, ?, ?, ?)
       on conflict (evaluation_id, indicator_id) do update set value = excluded.value, note = excluded.note, evidence_url = excluded.evidence_url`,
    );
    const audit = auditStatement(db);
    for (const { r, defs, incoming } of planned) {
      if (update.run(me.id, now, now, r.id, r.revision).changes !== 1) throw changedMeanwhile(r);
      let idOf = idsOf.get(defs);
      if (!idOf) idsOf.set(defs, (idOf = new Map(defs.map((d) => [d.code, d.id]))));
      for (const [code, v] of Object.entries(incoming)) upsert.run(r.id, idOf.get(code)!, v.value, v.note, v.evidenceUrl);
      audit.run(now, me.id, 'evaluation.submit', String(r.id), JSON.stringify({ status: r.status, revision: r.revision }), JSON.stringify({ status: 'submitted', revision: r.revision + 1, values: incoming }), null);
    }
  });
}

/**
 * Approves submitted evaluations (never the caller's own), then asks once per KPI-set version for
 * the provisional scores to be recomputed, as a job after the approvals have committed.
 */
export function approveEvaluations(db: Db, me: SessionUser, items: readonly BulkReviewItem[]): { approved: number } {
  const rows = review(db, me, items, 'evaluation.approve', 'approved', () => null);
  requestProvisionalScores(db, rows.map((r) => ({ periodId: r.periodId, versionId: r.versionId })), me.id);
  return { approved: rows.length };
}

/** Returns submitted evaluations to their assessors, each with its reason. */
export function returnEvaluations(db: Db, me: SessionUser, items: readonly BulkReturnItem[]): { returned: number } {
  const reasons = new Map(items.map((i) => [i.id, i.reason]));
  return { returned: review(db, me, items, 'evaluation.return', 'returned', (id) => reasons.get(id) ?? null).length };
}

function review(db: Db, me: SessionUser, items: readonly BulkReviewItem[], action: string, status: 'approved' | 'returned', reasonOf: (id: number) => string | null): Row[] {
  const rows = loadBatch(db, me, items.map((i) => i.id));
  const planned = items.map((item) => {
    const r = rows.get(item.id)!;
    if (!isReviewable(r, { status: r.periodStatus }))
      throw new StateError(`The evaluation of ${r.stakeholderCode} is ${r.status} in a ${r.periodStatus} period; only a submitted evaluation of an unpublished period can be reviewed.`, 'not_submitted');
    if (r.submittedBy === me.id)
      throw new ForbiddenError(`You submitted the evaluation of ${r.stakeholderCode}: another assessor with scope over it must review it.`, 'self_review');
    assertRevision(r, item.revision);
    if (status === 'returned') {
      const reason = reasonText.safeParse(reasonOf(r.id));
      if (!reason.success) throw new ValidationError(`The return of ${r.stakeholderCode} needs a reason the assessor can act on.`, fieldErrorsOf(reason.error.issues.map((i) => ({ path: ['reason'], message: i.message }))), 'reason_invalid');
    }
    return r;
  });
  const now = Date.now();
  db.transaction(() => {
    const update = db.$client.prepare(
      `update evaluations set status = ?, revision = revision + 1, approved_by = ?, approved_at = ?, return_reason = ?, updated_at = ? where id = ? and revision = ?`,
    );
    const audit = auditStatement(db);
    for (const r of planned) {
      const reason = reasonOf(r.id);
      const approved = status === 'approved';
      if (update.run(status, approved ? me.id : null, approved ? now : null, approved ? null : reason, now, r.id, r.revision).changes !== 1) throw changedMeanwhile(r);
      audit.run(now, me.id, action, String(r.id), JSON.stringify({ status: r.status, revision: r.revision }), JSON.stringify({ status, revision: r.revision + 1 }), approved ? null : reason);
    }
  });
  return planned;
}
