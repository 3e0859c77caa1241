// Appeals: a stakeholder contests values of its published scorecard; assessors decide with four
// eyes (one proposes, another assessor or an administrator confirms); accepted corrections take
// effect only through a published revision of the period's official runs.
//
//   submitted ──propose──▶ proposed ──confirm──▶ accepted | rejected
//       ▲                     │
//       └──────send back──────┘          submitted ──withdraw──▶ withdrawn
//
// The filer never proposes nor confirms its own appeal; the confirmer is never the proposer.

export const APPEAL_STATUSES = ['submitted', 'proposed', 'accepted', 'rejected', 'withdrawn'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export const APPEAL_DECISIONS = ['accept', 'reject'] as const;
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];
export const APPEAL_STEPS = ['submitted', 'proposed', 'sent_back', 'confirmed', 'withdrawn', 'revised'] as const;
export type AppealStep = (typeof APPEAL_STEPS)[number];

/** Default days after a period's publication during which its values may be contested. */
export const DEFAULT_APPEAL_WINDOW_DAYS = 30;
/** Default days within which a decision on an appeal is due. */
export const DEFAULT_APPEAL_DECISION_DAYS = 15;
/** Evidence files: at most this many bytes each, of these content types. */
export const APPEAL_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const APPEAL_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AppealFileType = (typeof APPEAL_FILE_TYPES)[number];
/** The shortest reason a rejection may give. */
export const MIN_REJECT_REASON = 5;

/** Which step each status allows, and to which status it leads. */
export const APPEAL_TRANSITIONS: Record<AppealStatus, Partial<Record<'propose' | 'sendBack' | 'confirm' | 'withdraw', AppealStatus | 'decided'>>> = {
  submitted: { propose: 'proposed', withdraw: 'withdrawn' },
  proposed: { sendBack: 'submitted', confirm: 'decided' },
  accepted: {},
  rejected: {},
  withdrawn: {},
};

export type AppealAction = 'propose' | 'sendBack' | 'confirm' | 'withdraw';

/** The status an action leads to from this one, or null when the action is not allowed there. */
export function nextAppealStatus(status: AppealStatus, action: AppealAction, decision?: AppealDecision): AppealStatus | null {
  const next = APPEAL_TRANSITIONS[status][action];
  if (next === undefined) return null;
  if (next !== 'decided') return next;
  if (!decision) return null;
  return decision === 'accept' ? 'accepted' : 'rejected';
}

/** Open appeals wait for a decision; the others are final. */
export const OPEN_APPEAL_STATUSES = ['submitted', 'proposed'] as const satisfies readonly AppealStatus[];
export function isOpenAppeal(status: AppealStatus): boolean {
  return (OPEN_APPEAL_STATUSES as readonly AppealStatus[]).includes(status);
}

const DAY_MS = 86_400_000;

/** The UTC calendar date of an instant, as ISO (yyyy-mm-dd): dates here are compared as text. */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The ISO date `days` days after an ISO date. */
export function addDays(isoDate: string, days: number): string {
  return isoDay(new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS));
}

/** The last day values of a period published at `publishedAt` may be contested. */
export function appealWindowClosesOn(publishedAt: Date, windowDays: number): string {
  return addDays(isoDay(publishedAt), windowDays);
}

/** Whether an appeal may be filed on `today`: on or before the window's last day. */
export function isAppealWindowOpen(closesOn: string, today: string): boolean {
  return today <= closesOn;
}

/**
 * Due: an open appeal within its decision days; overdue: an open one past them; null: decided or
 * withdrawn (a decision, once taken, is no longer due).
 */
export function appealDueState(status: AppealStatus, dueOn: string, today: string): 'due' | 'overdue' | null {
  if (!isOpenAppeal(status)) return null;
  return today > dueOn ? 'overdue' : 'due';
}

/** Whole days from filing to decision (the overview's median). */
export function daysToDecision(createdAt: Date, decidedAt: Date): number {
  return Math.max(0, Math.round((decidedAt.getTime() - createdAt.getTime()) / DAY_MS));
}

/** The median of a list of numbers (null when empty). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const MAGIC: readonly { type: AppealFileType; bytes: readonly number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The content type the bytes themselves say (their magic number), or null for anything else. */
export function sniffAppealFileType(bytes: Uint8Array): AppealFileType | null {
  return MAGIC.find((m) => m.bytes.every((b, i) => bytes[i] === b))?.type ?? null;
}

const BY_EXTENSION: Record<string, AppealFileType> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

/**
 * What an evidence file is, decided by its bytes; the name's extension and the declared type (when
 * the browser sent one) must say the same, so a PNG named .pdf or an HTML page is refused.
 */
export function checkAppealFile(file: { name: string; type: string; bytes: Uint8Array }): { ok: true; type: AppealFileType } | { ok: false; problem: 'type' | 'mismatch'; found: AppealFileType | null } {
  const found = sniffAppealFileType(file.bytes);
  if (!found) return { ok: false, problem: 'type', found };
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const declared = file.type.split(';')[0]!.trim().toLowerCase();
  const byName = BY_EXTENSION[ext];
  const declaredOk = declared === '' || declared === 'application/octet-stream' || declared === found;
  if (byName !== found || !declaredOk) return { ok: false, problem: 'mismatch', found };
  return { ok: true, type: found };
}

/** A stored file's name: the hash of its bytes, lowercase hex. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
