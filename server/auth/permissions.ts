// The one permission matrix: action → roles allowed. Procedures declare their action; scope
// (which regions / which stakeholder) is then enforced by the services in their queries.
import 'server-only';
import { type Role } from '@/core/domain/enums';


export const PERMISSIONS = {
  'me.read': ['admin', 'assessor', 'stakeholder'],
  'me.setLocale': ['admin', 'assessor', 'stakeholder'],

  'dashboard.admin': ['admin'],
  'dashboard.assessor': ['assessor'],

  'users.list': ['admin'],
  'users.create': ['admin'],
  'users.update': ['admin'],
  'users.resetPassword': ['admin'],
  'users.setDisabled': ['admin'],

  'regions.list': ['admin', 'assessor'],
  'stakeholderTypes.list': ['admin', 'assessor', 'stakeholder'],

  'stakeholders.list': ['admin', 'assessor'],
  'stakeholders.read': ['admin', 'assessor', 'stakeholder'],
  'stakeholders.create': ['admin', 'assessor'],
  'stakeholders.update': ['admin', 'assessor'],
  'stakeholders.setActive': ['admin', 'assessor'],

  // Method (issue 4): periods, indicator library, KPI-set versions, weight tuning. Admins own
  // the method; assessors may list periods (they enter values per period).
  'periods.list': ['admin', 'assessor'],
  'periods.create': ['admin'],
  'periods.close': ['admin'],
  'periods.reopen': ['admin'],
  'periods.publish': ['admin'],
  'periods.unapproved': ['admin'],
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

  // Evaluations, imports and the county dashboard (issue 5).
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

  // Scorecards (issue 7): a stakeholder reads its own, assessors/admins any in scope; the county
  // scorecard is for assessors and admins.
  'scorecards.read': ['admin', 'assessor', 'stakeholder'],
  'scorecards.county': ['admin', 'assessor'],

  // Incentive programs and eligibility runs (issue 6): only admins define, run and override.
  'programs.list': ['admin'],
  'programs.read': ['admin'],
  'programs.create': ['admin'],
  'programs.update': ['admin'],
  'eligibility.listRuns': ['admin'],
  'eligibility.readRun': ['admin'],
  'eligibility.run': ['admin'],
  'eligibility.recompute': ['admin'],
  'eligibility.override': ['admin'],
  'eligibility.export': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}
