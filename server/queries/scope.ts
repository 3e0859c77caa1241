// Scope is enforced in the queries themselves: these build the SQL conditions that limit rows to
// what the caller may see, and the checks used before writes.
import 'server-only';
import { eq, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { regions, stakeholders } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { ForbiddenError, NotFoundError } from '@/server/errors';
import { regionWithin } from './regions';

const NOTHING = sql`0`;

/** Condition on `regions` rows: the region is in (or below) one of the assessor's regions. */
export function regionInScope(user: SessionUser): SQL | undefined {
  if (user.role === 'admin') return undefined;
  if (user.role !== 'assessor' || user.regionPaths.length === 0) return NOTHING;
  return or(...user.regionPaths.map(regionWithin));
}

/** Condition on `stakeholders` rows visible to the user. */
export function stakeholderInScope(user: SessionUser): SQL | undefined {
  if (user.role === 'admin') return undefined;
  if (user.role === 'stakeholder') {
    return user.stakeholderId === null ? NOTHING : eq(stakeholders.id, user.stakeholderId);
  }
  if (user.regionPaths.length === 0) return NOTHING;
  const paths = or(...user.regionPaths.map((p) => sql`r.path like ${p + '%'}`));
  return sql`exists (select 1 from ${regions} r where r.id = ${stakeholders.regionId} and (${paths}))`;
}

/** Throws NOT_FOUND for a missing region and FORBIDDEN for one outside the user's scope. */
export function assertRegionInScope(db: DbOrTx, user: SessionUser, regionId: number) {
  const region = db.select().from(regions).where(eq(regions.id, regionId)).get();
  if (!region) throw new NotFoundError('Region', regionId);
  if (user.role === 'admin') return region;
  if (user.role === 'assessor' && user.regionPaths.some((p) => region.path.startsWith(p))) return region;
  throw new ForbiddenError(`Region ${region.code} (${region.nameZh}) is outside your assigned regions.`, 'out_of_scope');
}
