// The review workflow's rules in one place: the services refuse what these refuse, and the form
// shows only the buttons these allow, so the two cannot drift apart.
import { EVALUATION_STATUSES, type EvaluationStatus, type PeriodStatus, type Role } from './enums';

/** A stakeholder's place in a period's work list: its evaluation's status, or not started yet. */
export const WORK_STATUSES = ['not_started', ...EVALUATION_STATUSES] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];

type Actor = { id: string; role: Role };
type EvaluationState = { status: EvaluationStatus; submittedBy: string | null };
type PeriodState = { status: PeriodStatus };

/** Values can be entered: the period is open and the evaluation a draft or returned. */
export function isEditable(e: EvaluationState, period: PeriodState): boolean {
  return period.status === 'open' && (e.status === 'draft' || e.status === 'returned');
}

/** Someone may approve or return it (though never its own submitter). */
export function isReviewable(e: EvaluationState, period: PeriodState): boolean {
  return e.status === 'submitted' && period.status !== 'published';
}

/** An administrator may send an approved evaluation back while the period's scores are not final. */
export function isReopenable(e: EvaluationState, period: PeriodState): boolean {
  return e.status === 'approved' && period.status !== 'published';
}

/** What the caller may do with the evaluation now. */
export function allowedActions(me: Actor, e: EvaluationState, period: PeriodState) {
  const editable = isEditable(e, period);
  const reviewable = isReviewable(e, period);
  return {
    edit: editable,
    submit: editable,
    review: reviewable && e.submittedBy !== me.id,
    /** Reviewable, but the caller submitted it: someone else must review. */
    reviewBlockedAsSubmitter: reviewable && e.submittedBy === me.id,
    reopen: me.role === 'admin' && isReopenable(e, period),
  };
}
