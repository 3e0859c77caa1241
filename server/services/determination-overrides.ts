// Overrides of determinations, four eyes: an administrator proposes one (an amount within the
// program's cap, a reason, an explicit confirmation when it takes the run over its budget); it
// takes effect only once another administrator approves it, and either may be refused with a
// reason. Both names are in the audit and on the determination. The database allows an override
// no change but this decision (db/migrations/0010_immutable_results.sql).
import 'server-only';
import type { Db, DbOrTx } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { ForbiddenError, NotFoundError, StateError, ValidationError } from '@/server/errors';
import { imsg } from '@/core/eligibility';
import type { OverrideApproval, OverrideProposal, OverrideRejection } from '@/core/schemas/overrides';
import { writeAudit } from '@/server/queries/audit';
import { decideOverride, effectiveDetermination, getOverride, insertOverride, pendingOverrides, runAllocated } from '@/server/queries/determinations';
import { userName } from '@/server/queries/evaluations';

const cents = (n: number) => Math.round(n * 100) / 100;

type Effective = NonNullable<ReturnType<typeof effectiveDetermination>>;

function determinationOf(db: DbOrTx, id: number): Effective {
  const found = effectiveDetermination(db, id);
  if (!found) throw new NotFoundError('Determination', id);
  return found;
}

/** The determination's result as it stands (its latest approved override applied). */
function standing({ d, o }: Effective) {
  return o ? { eligible: o.eligible, amount: o.amount } : { eligible: d.eligible, amount: d.amount };
}

/** An amount the program can pay: none for a commendation, within the cap for money. */
function assertAmount(e: Effective, change: { eligible: boolean; amount: number | null }) {
  const benefit = e.run.programSnapshot.benefit;
  if (!change.eligible && change.amount !== null && change.amount > 0) {
    throw new ValidationError('A stakeholder overridden to not eligible gets no amount.', { amount: [imsg('override.amountWhenIneligible')] }, 'override_amount');
  }
  if (benefit.kind === 'title' && change.amount !== null) {
    throw new ValidationError('A commendation gives a title, not an amount.', { amount: [imsg('override.noAmount')] }, 'override_amount');
  }
  const cap = 'cap' in benefit ? benefit.cap : null;
  if (cap !== null && change.amount !== null && change.amount > cap) {
    throw new ValidationError(`The amount is above the program's cap of ${cap} per recipient.`, { amount: [imsg('override.overCap', { cap })] }, 'override_over_cap').with({ cap });
  }
}

/** The run's total after this change, when it is above the run's budget (null otherwise). */
function totalOverBudget(db: DbOrTx, e: Effective, change: { eligible: boolean; amount: number | null }): { total: number; budget: number } | null {
  const budget = e.run.programSnapshot.budget;
  if (budget === null) return null;
  const now = standing(e);
  const total = cents(runAllocated(db, e.run.id) - (now.eligible ? (now.amount ?? 0) : 0) + (change.eligible ? (change.amount ?? 0) : 0));
  return total > budget ? { total, budget } : null;
}

function assertBudgetConfirmed(over: { total: number; budget: number } | null, confirmed: boolean) {
  if (over && !confirmed) {
    throw new ValidationError(
      `This override takes the run to ${over.total}, over its budget of ${over.budget}: confirm that you mean it.`,
      { confirmOverBudget: [imsg('override.overBudget', over)] },
      'override_over_budget',
    );
  }
}

export function proposeOverride(db: Db, actor: Pick<SessionUser, 'id'>, input: OverrideProposal) {
  return db.transaction((tx) => {
    const e = determinationOf(tx, input.determinationId);
    const change = { eligible: input.eligible, amount: input.amount };
    assertAmount(e, change);
    if (pendingOverrides(tx, { determinationIds: [e.d.id] }).length > 0) {
      throw new StateError('An override of this determination is waiting for approval: approve or reject it first.', 'override_pending');
    }
    const over = totalOverBudget(tx, e, change);
    assertBudgetConfirmed(over, input.confirmOverBudget);
    const row = insertOverride(tx, { determinationId: e.d.id, ...change, reason: input.reason, overBudget: over !== null, createdBy: actor.id });
    writeAudit(tx, {
      actorId: actor.id,
      action: 'determination.override.propose',
      entity: 'determination',
      entityId: e.d.id,
      before: standing(e),
      after: { overrideId: row.id, ...change, status: 'pending', overBudget: over, proposedBy: userName(tx, actor.id) },
      reason: input.reason,
    });
    return row;
  });
}

/** A pending override another administrator may decide. */
function pendingOf(db: DbOrTx, actor: Pick<SessionUser, 'id'>, overrideId: number) {
  const o = getOverride(db, overrideId);
  if (!o) throw new NotFoundError('Override', overrideId);
  if (o.status !== 'pending') throw new StateError(`This override was already ${o.status}.`, 'override_decided');
  if (o.createdBy === actor.id) throw new ForbiddenError('You proposed this override: another administrator must decide it.', 'own_override');
  return o;
}

function decided(db: DbOrTx, actor: Pick<SessionUser, 'id'>, id: number, status: 'approved' | 'rejected', decisionReason: string | null) {
  const row = decideOverride(db, id, { status, decidedBy: actor.id, decisionReason });
  if (!row) throw new StateError('This override was decided meanwhile.', 'override_decided');
  return row;
}

export function approveOverride(db: Db, actor: Pick<SessionUser, 'id'>, input: OverrideApproval) {
  return db.transaction((tx) => {
    const o = pendingOf(tx, actor, input.overrideId);
    const e = determinationOf(tx, o.determinationId);
    const change = { eligible: o.eligible, amount: o.amount };
    // The budget is held against what stands now: other overrides may have been approved since.
    const over = totalOverBudget(tx, e, change);
    assertBudgetConfirmed(over, input.confirmOverBudget);
    const row = decided(tx, actor, o.id, 'approved', null);
    writeAudit(tx, {
      actorId: actor.id,
      action: 'determination.override.approve',
      entity: 'determination',
      entityId: e.d.id,
      before: standing(e),
      after: { overrideId: o.id, ...change, status: 'approved', overBudget: over, proposedBy: userName(tx, o.createdBy), approvedBy: userName(tx, actor.id) },
      reason: o.reason,
    });
    return row;
  });
}

export function rejectOverride(db: Db, actor: Pick<SessionUser, 'id'>, input: OverrideRejection) {
  return db.transaction((tx) => {
    const o = pendingOf(tx, actor, input.overrideId);
    const row = decided(tx, actor, o.id, 'rejected', input.reason);
    writeAudit(tx, {
      actorId: actor.id,
      action: 'determination.override.reject',
      entity: 'determination',
      entityId: o.determinationId,
      after: { overrideId: o.id, status: 'rejected', proposedBy: userName(tx, o.createdBy), rejectedBy: userName(tx, actor.id) },
      reason: input.reason,
    });
    return row;
  });
}

/** A run's overrides waiting for a second administrator, oldest first; `mine`: the caller proposed it. */
export function listPendingOverrides(db: DbOrTx, actor: Pick<SessionUser, 'id'>, runId: number) {
  return pendingOverrides(db, { runId }).map(({ o, by, code, name, computed }) => ({
    id: o.id,
    determinationId: o.determinationId,
    stakeholder: code,
    name,
    computed,
    eligible: o.eligible,
    amount: o.amount,
    reason: o.reason,
    overBudget: o.overBudget,
    by,
    mine: o.createdBy === actor.id,
    at: o.createdAt,
  }));
}
