// The review workflow of an evaluation. Every transition is audited and every write bumps
// `revision`; a write naming an older revision is refused with CONFLICT so nobody overwrites
// edits they have not seen:
//   (none)    → draft      start      an assessor in scope, open period, latest published version
//   draft     → draft      save       values checked against the indicators (draft rules)
//   returned  → draft      save       the first edit after a return makes it a draft again
//   draft|returned → submitted  submit   values checked with the submit rules
//   submitted → approved   approve    a different user than the submitter, with scope
//   submitted → returned   return     a different user than the submitter, with a reason (and
//                                     optionally a comment per indicator, kept with the return)
//   approved  → returned   reopen     admin only, with a reason, not in a published period
// Approving or reopening has the period's provisional score run for the version recomputed (a job).
import 'server-only';
import type { Db, DbOrTx } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { evaluationValuesSchema, type EvaluationValues, type EvaluationValuesInput, type IndicatorDef, type ValuesMode } from '@/core/domain/evaluation-values';
import { mergeChanges, type EntryField, type FieldConflict } from '@/core/domain/evaluation-merge';
import { isEditable, isReopenable, isReviewable } from '@/core/domain/evaluation-workflow';
import type { ReasonedInput, ReturnEvaluationInput, SaveEvaluationInput, SubmitEvaluationInput, Versioned } from '@/core/schemas/evaluations';
import { vmsg } from '@/core/domain/messages';
import { fieldErrorsOf } from '@/core/schemas/field-errors';
import { ConflictError, ForbiddenError, StateError, ValidationError } from '@/server/errors';
import { writeAudit } from '@/server/queries/audit';
import {
  evaluationById,
  evaluationInScope,
  evaluationOf,
  indicatorDefs,
  insertEvaluation,
  lastEditorName,
  storedValues,
  timeline,
  updateAtRevision,
  writeValues,
  type Evaluation,
  type EvaluationChange,
} from '@/server/queries/evaluations';
import { loadKpiSetVersion } from '@/server/queries/kpi-documents';
import { writeReturnComments } from '@/server/queries/return-comments';
import { versionInEffect } from '@/server/queries/kpi-versions';
import { openPeriod, type Period } from '@/server/queries/periods';
import { requestProvisionalScores } from '@/server/jobs/provisional';
import { getStakeholder } from '@/server/queries/stakeholders';
import { notifyEvaluationReview } from '@/server/queries/notifications';

/** Checks values against the definitions; throws a ValidationError with a field per problem. */
function checkValues(defs: readonly IndicatorDef[], values: EvaluationValuesInput, mode: ValuesMode): EvaluationValues {
  const parsed = evaluationValuesSchema(defs, mode).safeParse(values);
  if (parsed.success) return parsed.data;
  const fields = fieldErrorsOf(parsed.error.issues);
  const n = Object.keys(fields).length;
  throw new ValidationError(
    mode === 'submit'
      ? `The evaluation cannot be submitted yet: ${n} field${n === 1 ? '' : 's'} need attention; see each field.`
      : `Some values are not valid (${n} field${n === 1 ? '' : 's'}); see each field.`,
    fields,
    'values_invalid',
  );
}

/** The refusal of a write made on an older revision than the saved one. */
function staleRevision(db: DbOrTx, evaluationId: number, saved: number, yours: number): ConflictError {
  const name = lastEditorName(db, evaluationId);
  const who = name ? `${name} changed it` : 'It was changed';
  return new ConflictError(
    `${who} after you opened it (you have revision ${yours}, the saved one is ${saved}). ` +
      'Your edits are still in the form: compare, then save again over the newer version or discard yours.',
    'stale_revision',
  );
}

function assertRevision(db: DbOrTx, e: Evaluation, revision: number): void {
  if (e.revision !== revision) throw staleRevision(db, e.id, e.revision, revision);
}

/** Writes the row at the next revision, or refuses when someone wrote between our read and this update. */
function bumpRevision(tx: DbOrTx, e: Evaluation, revision: number, set: EvaluationChange): Evaluation {
  const row = updateAtRevision(tx, e, revision, set);
  if (row) return row;
  const now = evaluationById(tx, e.id)!;
  throw staleRevision(tx, e.id, now.revision === revision ? revision + 1 : now.revision, revision);
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

function assertEditable(e: Evaluation, period: Period) {
  if (isEditable(e, period)) return;
  if (period.status !== 'open') {
    throw new StateError(`Period ${period.code} is ${period.status}: values can only be entered while it is open.`, 'period_not_open');
  }
  throw new StateError(
    `This evaluation is ${e.status}: only a draft or a returned evaluation can be edited${e.status === 'approved' ? ' (an administrator can reopen it)' : ''}.`,
    'not_editable',
  );
}

function assertReviewer(me: SessionUser, e: Evaluation, period: Period) {
  if (e.status !== 'submitted') throw new StateError(`Only a submitted evaluation can be reviewed; this one is ${e.status}.`, 'not_submitted');
  if (!isReviewable(e, period)) throw new StateError(`Period ${period.code} is published; its evaluations are final.`, 'period_published');
  if (e.submittedBy === me.id) {
    throw new ForbiddenError('You submitted this evaluation: another assessor with scope over the stakeholder must review it.', 'self_review');
  }
}

/**
 * Asks for the provisional score run of the evaluation's period and version to be recomputed, as a
 * job after this request's transaction has committed (at a province's size it takes seconds).
 */
function refreshProvisional(db: Db, e: Evaluation, period: Period, actorId: string) {
  if (period.status === 'published') return;
  requestProvisionalScores(db, [{ periodId: e.periodId, versionId: e.kpiSetVersionId }], actorId);
}

/** Moves a checked evaluation to its next state and audits the move; the values stay as they are. */
function transition(
  db: Db,
  me: SessionUser,
  e: Evaluation,
  input: Versioned & { reason?: string },
  action: string,
  set: EvaluationChange,
  // What a move stores beside the row (a return's comments), in the same transaction and audit row.
  extra?: { after: Record<string, unknown>; write: (tx: DbOrTx, row: Evaluation) => void },
) {
  return db.transaction((tx) => {
    const row = bumpRevision(tx, e, input.revision, set);
    extra?.write(tx, row);
    writeAudit(tx, {
      actorId: me.id,
      action,
      entity: 'evaluation',
      entityId: e.id,
      before: { status: e.status, revision: e.revision },
      after: { status: row.status, revision: row.revision, ...extra?.after },
      reason: input.reason ?? null,
    });
    // The author hears of a return or an approval in the same transaction as the move.
    notifyEvaluationReview(tx, { id: e.id, action, actorId: me.id, reason: input.reason });
    return row;
  });
}

/** Starts (or returns the existing) evaluation of a stakeholder in the open period. */
export function startEvaluation(db: Db, me: SessionUser, stakeholderId: number) {
  const s = getStakeholder(db, me, stakeholderId);
  const period = openPeriod(db);
  if (!period) throw new StateError('No period is open for entry; an administrator opens periods.', 'no_open_period');
  const existing = evaluationOf(db, s.id, period.id);
  if (existing) return existing;
  if (!s.active) throw new StateError(`Stakeholder ${s.code} is inactive; reactivate it before evaluating it.`, 'stakeholder_inactive');
  const version = versionInEffect(db, s.type, period);
  if (!version) throw new StateError(`There is no published KPI set for this stakeholder type (${s.type}).`, 'no_published_version');
  return db.transaction((tx) => {
    const row = insertEvaluation(tx, { stakeholderId: s.id, periodId: period.id, kpiSetVersionId: version.id, status: 'draft', createdBy: me.id });
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

/** Writes checked entries at the next revision and audits what changed; the stored values after. */
function writeDraft(tx: DbOrTx, me: SessionUser, e: Evaluation, revision: number, defs: readonly IndicatorDef[], before: EvaluationValues, values: EvaluationValues) {
  const row = bumpRevision(tx, e, revision, { status: 'draft' });
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
  return row;
}

type AuditValues = { values?: Record<string, Partial<Record<EntryField, unknown>>> } | null;

/** Each conflicting field with who wrote its stored version: the latest audited write that changed it. */
function withAuthors(tx: DbOrTx, evaluationId: number, conflicts: FieldConflict[]) {
  if (conflicts.length === 0) return [];
  const history = timeline(tx, evaluationId).reverse();
  return conflicts.map((c) => {
    const hit = history.find((h) => {
      const after = (h.after as AuditValues)?.values?.[c.code];
      return after !== undefined && (h.before as AuditValues)?.values?.[c.code]?.[c.field] !== after[c.field];
    });
    return { ...c, by: hit?.actorName ?? lastEditorName(tx, evaluationId) };
  });
}

/**
 * Saves draft values (all or some indicators). A returned evaluation becomes a draft again.
 * Whole entries need the current revision; changed fields are merged into the stored copy, and a
 * field someone else changed since the sender's base comes back as a conflict, unwritten, while
 * the sender's other fields are saved.
 */
export function saveEvaluation(db: Db, me: SessionUser, input: SaveEvaluationInput) {
  const { evaluation: e, period } = evaluationInScope(db, me, input.id);
  assertEditable(e, period);
  if ('values' in input) assertRevision(db, e, input.revision);
  const defs = indicatorDefs(db, loadKpiSetVersion(db, e.kpiSetVersionId));
  const given = 'values' in input ? checkValues(defs, input.values, 'draft') : null;
  return db.transaction((tx) => {
    // Read again inside the transaction: the merge is against what is stored at the write.
    const now = evaluationById(tx, e.id)!;
    assertEditable(now, period);
    const before = storedValues(tx, e.id);
    const merged = given ? null : mergeChanges(before, 'changes' in input ? input.changes : []);
    const values = given ?? checkValues(defs, merged!.entries, 'draft');
    const conflicts = withAuthors(tx, e.id, merged?.conflicts ?? []);
    const row = Object.keys(values).length || given ? writeDraft(tx, me, now, given ? input.revision : now.revision, defs, before, values) : now;
    return {
      id: row.id,
      revision: row.revision,
      status: row.status,
      updatedAt: row.updatedAt,
      values: row === now ? before : storedValues(tx, e.id),
      conflicts,
    };
  });
}

/** Submits for review, saving the given values first in the same transaction. */
export function submitEvaluation(db: Db, me: SessionUser, input: SubmitEvaluationInput) {
  const { evaluation: e, period } = evaluationInScope(db, me, input.id);
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

export function approveEvaluation(db: Db, me: SessionUser, input: Versioned) {
  const { evaluation: e, period } = evaluationInScope(db, me, input.id);
  assertReviewer(me, e, period);
  assertRevision(db, e, input.revision);
  const row = transition(db, me, e, input, 'evaluation.approve', { status: 'approved', approvedBy: me.id, approvedAt: new Date(), returnReason: null });
  refreshProvisional(db, row, period, me.id);
  return { id: row.id, revision: row.revision, status: row.status };
}

/** The return's comments on single indicators, checked against the evaluation's indicators. */
function returnCommentsOf(db: DbOrTx, e: Evaluation, given: ReturnEvaluationInput['comments']) {
  const entries = Object.entries(given ?? {}).filter((c): c is [string, string] => c[1] !== null);
  if (entries.length === 0) return [];
  const idOf = new Map(indicatorDefs(db, loadKpiSetVersion(db, e.kpiSetVersionId)).map((d) => [d.code, d.id]));
  const unknown = entries.filter(([code]) => !idOf.has(code));
  if (unknown.length) {
    throw new ValidationError(
      `Comments name indicators this evaluation does not have: ${unknown.map(([code]) => code).join(', ')}.`,
      Object.fromEntries(unknown.map(([code]) => [`comments.${code}`, [vmsg('evaluations.validation.unknownIndicator', { code })]])),
      'values_invalid',
    );
  }
  return entries.map(([code, comment]) => ({ code, indicatorId: idOf.get(code)!, comment }));
}

export function returnEvaluation(db: Db, me: SessionUser, input: ReturnEvaluationInput) {
  const { evaluation: e, period } = evaluationInScope(db, me, input.id);
  assertReviewer(me, e, period);
  assertRevision(db, e, input.revision);
  const comments = returnCommentsOf(db, e, input.comments);
  const row = transition(db, me, e, input, 'evaluation.return', { status: 'returned', returnReason: input.reason, approvedBy: null, approvedAt: null }, {
    after: comments.length ? { comments: Object.fromEntries(comments.map((c) => [c.code, c.comment])) } : {},
    write: (tx, r) => writeReturnComments(tx, e.id, r.revision, me.id, comments),
  });
  return { id: row.id, revision: row.revision, status: row.status };
}

/** Admin only (permission matrix): an approved evaluation goes back to the assessors, with a reason. */
export function reopenEvaluation(db: Db, me: SessionUser, input: ReasonedInput) {
  if (me.role !== 'admin') throw new ForbiddenError('Only an administrator can reopen an approved evaluation.', 'admin_only');
  const { evaluation: e, period } = evaluationInScope(db, me, input.id);
  if (e.status !== 'approved') throw new StateError(`Only an approved evaluation can be reopened; this one is ${e.status}.`, 'not_approved');
  if (!isReopenable(e, period)) {
    throw new StateError(`Period ${period.code} is published; its scores are final and its evaluations cannot be reopened.`, 'period_published');
  }
  assertRevision(db, e, input.revision);
  const row = transition(db, me, e, input, 'evaluation.reopen', { status: 'returned', returnReason: input.reason, approvedBy: null, approvedAt: null });
  refreshProvisional(db, row, period, me.id);
  return { id: row.id, revision: row.revision, status: row.status };
}
