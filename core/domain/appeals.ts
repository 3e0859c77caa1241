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
