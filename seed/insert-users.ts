// The accounts: the administrator, two assessors per demo county (scoped to it), for a generated
// province two province-wide assessors, and three stakeholder logins, each with a credential
// account (better-auth: accountId = user id, providerId 'credential') sharing one password hash.
import { randomUUID } from 'node:crypto';
import type { Tx } from '@/db/client';
import { account, user, userRegionScopes } from '@/db/schema';
import type { Role } from '@/core/domain/enums';
import { ADMIN_DISPLAY_NAME, COUNTY_ASSESSORS, DEMO_STAKEHOLDER_NAMES, SECOND_ADMIN_DISPLAY_NAME } from './demo-users';
import type { PlannedStakeholder } from './plan-stakeholders';
import { idLookup } from './rows';

export type UserRow = typeof user.$inferInsert;

/** An account to create: an assessor names the region (by code) it is scoped to. */
export interface AccountSeed {
  username: string;
  name: string;
  role: Role;
  stakeholderId?: number | null;
  regionCode?: string;
}

/** The two administrators and the county assessors, in that order. */
export function staffAccounts(): AccountSeed[] {
  return [
    { username: 'admin', name: ADMIN_DISPLAY_NAME, role: 'admin' },
    { username: 'admin2', name: SECOND_ADMIN_DISPLAY_NAME, role: 'admin' },
    ...COUNTY_ASSESSORS.map((a) => ({ username: a.username, name: a.name, role: 'assessor' as const, regionCode: a.countyCode })),
  ];
}

/** town1, coop1 and firm1, each speaking for its planned stakeholder (by name). */
export function stakeholderLogins(planned: readonly PlannedStakeholder[], stakeholderId: (code: string) => number): AccountSeed[] {
  return (['town1', 'coop1', 'firm1'] as const).map((login) => {
    const s = planned.find((p) => p.name === DEMO_STAKEHOLDER_NAMES[login]);
    if (!s) throw new Error(`demo: no stakeholder named ${DEMO_STAKEHOLDER_NAMES[login]}`);
    return { username: login, name: s.contactName, role: 'stakeholder' as const, stakeholderId: stakeholderId(s.code) };
  });
}

/** Inserts the accounts with their credentials and scopes; returns the rows and their ids by username. */
export function insertAccounts(
  tx: Tx,
  seeds: readonly AccountSeed[],
  opts: { passwordHash: string; regionId: (code: string) => number },
): { rows: UserRow[]; userId: (username: string) => string } {
  const ids = new Map<string, string>();
  const rows: UserRow[] = seeds.map((s) => {
    const id = randomUUID();
    ids.set(s.username, id);
    return { id, name: s.name, email: `${s.username}@demo.scorecard.invalid`, username: s.username, displayUsername: s.username, role: s.role, stakeholderId: s.stakeholderId ?? null };
  });
  if (rows.length === 0) return { rows, userId: idLookup(ids, 'user') };
  tx.insert(user).values(rows).run();
  tx.insert(account)
    .values(rows.map((u) => ({ id: randomUUID(), accountId: u.id, providerId: 'credential', userId: u.id, password: opts.passwordHash })))
    .run();
  const userId = idLookup(ids, 'user');
  const scopes = seeds.filter((s) => s.regionCode).map((s) => ({ userId: userId(s.username), regionId: opts.regionId(s.regionCode!) }));
  if (scopes.length) tx.insert(userRegionScopes).values(scopes).run();
  return { rows, userId };
}

/** The demo's accounts: staff first, then the stakeholder logins. */
export function insertUsers(
  tx: Tx,
  opts: {
    planned: readonly PlannedStakeholder[];
    stakeholderId: (code: string) => number;
    regionId: (code: string) => number;
    passwordHash: string;
  },
): { rows: UserRow[]; userId: (username: string) => string } {
  return insertAccounts(tx, [...staffAccounts(), ...stakeholderLogins(opts.planned, opts.stakeholderId)], opts);
}
