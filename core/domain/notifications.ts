// In-app notifications: what happened to whom. The row stores the kind and its parameters; the
// text comes from the catalogs (`notifications.kinds.<kind>`) in the reader's language at read time.

export const NOTIFICATION_KINDS = ['evaluation_returned', 'evaluation_approved', 'period_opened', 'period_due_soon', 'appeal_submitted', 'appeal_proposed', 'appeal_decided', 'period_revised'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The catalog parameters of each kind (names are stored as written when the event happened). */
export type NotificationParams = {
  /** Stakeholder name and code (evaluations). */
  stakeholder?: string;
  code?: string;
  /** Period code, e.g. 2026Q3. */
  period?: string;
  /** Who acted (the reviewer, the administrator). */
  by?: string;
  /** The reviewer's reason for a return. */
  reason?: string;
  /** A period's due date (ISO). */
  dueDate?: string;
  /** An appeal's proposed or confirmed decision. */
  decision?: 'accept' | 'reject';
  /** A period's revision number (2, 3, …). */
  revision?: number;
};

/** A period is "nearing its due date" this many days before it (and on the day itself). */
export const DUE_SOON_DAYS = 3;

/** Whether `today` (ISO date) is within DUE_SOON_DAYS days before `dueDate` (ISO date), inclusive. */
export function isDueSoon(dueDate: string, today: string): boolean {
  const days = (Date.parse(`${dueDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days >= 0 && days <= DUE_SOON_DAYS;
}

/** Notifications per page of the list. */
export const NOTIFICATION_PAGE_SIZE = 50;
