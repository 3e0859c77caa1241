// The work list's own views and a period's due date, as pure rules shared by the list's query,
// its counts and the pages. A view says whose turn it is:
//   toEnter   not started, or a draft/returned evaluation that is not returned to me
//   returned  returned to me: I submitted it, a reviewer sent it back, and I have not resubmitted
//             it (the reason stays on the row through edits until the next submit)
//   toReview  submitted by someone else, in my scope (never my own submission)
//   mine      submitted by me, awaiting someone else's review
export const WORK_VIEWS = ['toEnter', 'returned', 'toReview', 'mine'] as const;
export type WorkView = (typeof WORK_VIEWS)[number];

type StatusCounts = { not_started: number; draft: number; submitted: number; returned: number; approved: number };

/**
 * Each view's rows per work status, from the list's status counts and the caller's own rows
 * (`own`: returned to them, by status, and submitted by them awaiting review).
 */
export function viewStatusCounts(byStatus: StatusCounts, own: { draft: number; returned: number; submitted: number }): Record<WorkView, StatusCounts> {
  const none: StatusCounts = { not_started: 0, draft: 0, submitted: 0, returned: 0, approved: 0 };
  return {
    toEnter: { ...none, not_started: byStatus.not_started, draft: byStatus.draft - own.draft, returned: byStatus.returned - own.returned },
    returned: { ...none, draft: own.draft, returned: own.returned },
    toReview: { ...none, submitted: byStatus.submitted - own.submitted },
    mine: { ...none, submitted: own.submitted },
  };
}

/** The number of rows of each view. */
export function viewTotals(perStatus: Record<WorkView, StatusCounts>): Record<WorkView, number> {
  const sum = (c: StatusCounts) => c.not_started + c.draft + c.submitted + c.returned + c.approved;
  return { toEnter: sum(perStatus.toEnter), returned: sum(perStatus.returned), toReview: sum(perStatus.toReview), mine: sum(perStatus.mine) };
}

/** A date as `YYYY-MM-DD` in the server's time zone (the day an office is in). */
export function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const DAY_MS = 86_400_000;

export type DueState = { dueOn: string; /** Days from today to the due date: negative once overdue. */ days: number; overdue: boolean };

/** How far a due date is from today (both ISO days): due today is 0, yesterday -1 (overdue). */
export function dueState(dueOn: string, today: string): DueState {
  const days = Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  return { dueOn, days, overdue: days < 0 };
}
