// The demo's accounts: the administrator, two assessors per county (scoped to it) and three
// stakeholder logins, each with a credential account (better-auth: accountId = user id,
// providerId 'credential') sharing one password hash.
import { randomUUID } from 'node:crypto';
import type { Tx } from '@/db/client';
import { account, user, userRegionScopes } from '@/db/schema';
import type { Role } from '@/core/domain/enums';
import { ADMIN_DISPLAY_NAME, COUNTY_ASSESSORS, DEMO_STAKEHOLDER_NAMES } from './demo-users';
import type { PlannedStakeholder } from './plan-stakeholders';
import { idLookup } from './rows';

export type UserRow = typeof user.$inferInsert;

export function insertUsers(
  tx: Tx,
  opts: {
    planned: readonly PlannedStakeholder[];
    stakeholderId: (code: string) => number;
    regionId: (code: string) => number;
    passwordHash: string;
  },
): { rows: UserRow[]; userId: (username: string) => string } {
  const rows: UserRow[] = [];
  const ids = new Map<string, string>();
  const add = (username: string, name: string, role: Role, stakeholderId: number | null = null) => {
    const id = randomUUID();
    ids.set(username, id);
    rows.push({ id, name, email: `${username}@demo.scorecard.invalid`, username, displayUsername: username, role, stakeholderId });
  };
  add('admin', ADMIN_DISPLAY_NAME, 'admin');
  for (const a of COUNTY_ASSESSORS) add(a.username, a.name, 'assessor');
  for (const login of ['town1', 'coop1', 'firm1'] as const) {
    const planned = opts.planned.find((s) => s.name === DEMO_STAKEHOLDER_NAMES[login]);
    if (!planned) throw new Error(`demo: no stakeholder named ${DEMO_STAKEHOLDER_NAMES[login]}`);
    add(login, planned.contactName, 'stakeholder', opts.stakeholderId(planned.code));
  }
  tx.insert(user).values(rows).run();
  tx.insert(account)
    .values(rows.map((u) => ({ id: randomUUID(), accountId: u.id, providerId: 'credential', userId: u.id, password: opts.passwordHash })))
    .run();
  const userId = idLookup(ids, 'user');
  tx.insert(userRegionScopes)
    .values(COUNTY_ASSESSORS.map((a) => ({ userId: userId(a.username), regionId: opts.regionId(a.countyCode) })))
    .run();
  return { rows, userId };
}
