// The one permission matrix: action → who may act. Procedures and route handlers declare their
// action; scope (which regions / which stakeholder) is then enforced by the services in their
// queries.
import 'server-only';
import { type Role } from '@/core/domain/enums';

/** A role, or `anonymous` for a caller without a session. */
export type Caller = Role | 'anonymous';

const EVERYONE = ['anonymous', 'admin', 'assessor', 'stakeholder'] as const;

export const PERMISSIONS = {
  // Open to everyone: signing in and out, the language, whether this is the demo, liveness, and
  // the tRPC endpoint itself (each procedure then checks its own action). `me.read` answers
  // null without a session.
  'session.signIn': EVERYONE,
  'session.signOut': EVERYONE,
  'session.setLocale': EVERYONE,
  'me.read': EVERYONE,
  // One's own password (signed in, any role).
  'me.changePassword': ['admin', 'assessor', 'stakeholder'],
  'meta.demo': EVERYONE,
  'health.read': EVERYONE,
  'trpc.call': EVERYONE,

  'dashboard.admin': ['admin'],
  'dashboard.assessor': ['assessor'],

  'users.list': ['admin'],
  'users.create': ['admin'],
  'users.update': ['admin'],
  'users.resetPassword': ['admin'],
  'users.setDisabled': ['admin'],
  'audit.list': ['admin'],

  'regions.list': ['admin', 'assessor'],
  // The region tree's administration: browsing with counts, renaming, retiring, deleting empty units.
  'regions.tree': ['admin'],
  'regions.rename': ['admin'],
  'regions.setRetired': ['admin'],
  'regions.delete': ['admin'],
  'stakeholderTypes.list': ['admin', 'assessor', 'stakeholder'],

  'stakeholders.list': ['admin', 'assessor'],
  'stakeholders.read': ['admin', 'assessor', 'stakeholder'],
  'stakeholders.create': ['admin', 'assessor'],
  'stakeholders.update': ['admin', 'assessor'],
  'stakeholders.setActive': ['admin', 'assessor'],
  // Registering many at once from a file (in the assessor's regions).
  'stakeholders.import': ['admin', 'assessor'],

  // Method: periods, indicator library, KPI-set versions, weight tuning. Admins own
  // the method; assessors may list periods (they enter values per period).
  'periods.list': ['admin', 'assessor'],
  'periods.create': ['admin'],
  'periods.close': ['admin'],
  'periods.reopen': ['admin'],
  'periods.publish': ['admin'],
  'periods.unapproved': ['admin'],
  'periods.setDueDate': ['admin'],
  'indicators.list': ['admin'],
  'indicators.read': ['admin'],
  'indicators.create': ['admin'],
  'indicators.update': ['admin'],
  'indicators.retire': ['admin'],
  'kpiSets.list': ['admin'],
  'kpiSets.read': ['admin'],
  'kpiSets.createDraft': ['admin'],
  'kpiSets.saveDraft': ['admin'],
  'kpiSets.discardDraft': ['admin'],
  'kpiSets.publish': ['admin'],
  'kpiSets.diff': ['admin'],
  'kpiSets.export': ['admin'],
  'kpiSets.import': ['admin'],
  'tuning.dataWeights': ['admin'],
  'tuning.applyWeights': ['admin'],
  'tuning.preview': ['admin'],
  'tuning.sensitivity': ['admin'],

  // Evaluations, imports and the county dashboard.
  'evaluations.list': ['admin', 'assessor'],
  'evaluations.read': ['admin', 'assessor'],
  'evaluations.start': ['admin', 'assessor'],
  'evaluations.save': ['admin', 'assessor'],
  'evaluations.submit': ['admin', 'assessor'],
  'evaluations.review': ['admin', 'assessor'],
  'evaluations.reopen': ['admin'],
  'imports.options': ['admin', 'assessor'],
  'imports.check': ['admin', 'assessor'],
  'imports.run': ['admin', 'assessor'],
  'countyDashboard.read': ['admin', 'assessor'],

  // Scorecards: a stakeholder reads its own, assessors/admins any in scope; the county
  // scorecard is for assessors and admins.
  'scorecards.read': ['admin', 'assessor', 'stakeholder'],
  'scorecards.county': ['admin', 'assessor'],

  // Incentive programs and eligibility runs: only admins define, run and override.
  'programs.list': ['admin'],
  'programs.read': ['admin'],
  'programs.create': ['admin'],
  'programs.update': ['admin'],
  'eligibility.listRuns': ['admin'],
  'eligibility.readRun': ['admin'],
  'eligibility.run': ['admin'],
  'eligibility.recompute': ['admin'],
  'eligibility.override': ['admin'],
  // A second administrator approves or rejects an override (never its proposer: the service checks).
  'eligibility.decideOverride': ['admin'],
  'eligibility.export': ['admin'],
  // Robustness checks of a run: an administrator starts one and reads the fragile list; a
  // stakeholder reads its own result only, with its scorecard (scorecards.read).
  'robustness.start': ['admin'],
  'robustness.read': ['admin'],

  // Jobs (long work off the request thread): whoever may start one follows it (a stakeholder
  // user its PDF exports); the service lets the starter or an administrator read a job.
  'jobs.read': ['admin', 'assessor', 'stakeholder'],

  // Notifications: everyone signed in reads and marks their own (the service filters by the caller).
  'notifications.read': ['admin', 'assessor', 'stakeholder'],
  'notifications.markRead': ['admin', 'assessor', 'stakeholder'],

  // Appeals of published values: a stakeholder user files its own, an assessor in scope (or an
  // administrator) on its behalf; one assessor proposes, another assessor or an administrator
  // confirms or sends back (the service refuses the proposer and the filer); who filed withdraws.
  'appeals.read': ['admin', 'assessor', 'stakeholder'],
  'appeals.file': ['admin', 'assessor', 'stakeholder'],
  'appeals.propose': ['assessor'],
  'appeals.decide': ['admin', 'assessor'],
  'appeals.withdraw': ['admin', 'assessor', 'stakeholder'],
  'appeals.overview': ['admin'],
  'periods.setAppealDays': ['admin'],

  // Revisions: an administrator previews and publishes accepted corrections as revision 2, 3, … of a period.
  'revisions.read': ['admin'],
  'revisions.preview': ['admin'],
  'revisions.publish': ['admin'],
} as const satisfies Record<string, readonly Caller[]>;

export type Action = keyof typeof PERMISSIONS;

/** Actions a caller without a session may take. */
export type OpenAction = { [A in Action]: 'anonymous' extends (typeof PERMISSIONS)[A][number] ? A : never }[Action];
/** Actions that need a session. */
export type SignedInAction = Exclude<Action, OpenAction>;

/** Whether a role (null: no session) may take an action. */
export function can(role: Role | null, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Caller[]).includes(role ?? 'anonymous');
}

export function isOpen(action: Action): action is OpenAction {
  return can(null, action);
}

/**
 * Whether a signed-in user whose password an administrator set is held back from an action until
 * they have chosen their own: everything but the open actions and the change itself.
 */
export function awaitsPasswordChange(user: { mustChangePassword: boolean } | null, action: Action): boolean {
  return !!user?.mustChangePassword && !isOpen(action) && action !== 'me.changePassword';
}
