// Who is calling: the session from the cookie, resolved to the product's user with role and scope.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { regions, user, userRegionScopes } from '@/db/schema';
import { type Role } from '@/core/domain/enums';

export type SessionUser = {
  id: string;
  username: string;
  name: string;
  role: Role;
  locale: 'en' | 'zh-CN' | null;
  /** For a stakeholder user: the stakeholder it speaks for. */
  stakeholderId: number | null;
  /** For an assessor: the materialized paths of the regions in scope ("/1/2/5/"). */
  regionPaths: string[];
  regionIds: number[];
  /** An administrator set the password: every page leads to the change-password page until done. */
  mustChangePassword: boolean;
  /** The session of this request (null outside one, e.g. in a job). */
  sessionId: string | null;
};

/** Loads the product's view of a user; null when unknown or disabled. */
export function loadSessionUser(db: DbOrTx, userId: string, sessionId: string | null = null): SessionUser | null {
  const u = db.select().from(user).where(eq(user.id, userId)).get();
  if (!u || u.disabled) return null;
  const scopes =
    u.role === 'assessor'
      ? db
          .select({ id: regions.id, path: regions.path })
          .from(userRegionScopes)
          .innerJoin(regions, eq(regions.id, userRegionScopes.regionId))
          .where(and(eq(userRegionScopes.userId, u.id)))
          .all()
      : [];
  return {
    id: u.id,
    username: u.username ?? u.email,
    name: u.name,
    role: u.role,
    locale: u.locale ?? null,
    stakeholderId: u.stakeholderId ?? null,
    regionPaths: scopes.map((s) => s.path),
    regionIds: scopes.map((s) => s.id),
    mustChangePassword: u.mustChangePassword,
    sessionId,
  };
}
