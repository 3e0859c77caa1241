// The one permission matrix: action → roles allowed. Procedures declare their action; scope
// (which regions / which stakeholder) is then enforced by the services in their queries.
import type { Role } from '@/db/schema';

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
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}
