// Regions visible to the caller: their scope subtrees (admins: everything).
import 'server-only';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { regions, stakeholderTypes } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { regionInScope } from './scope';
import { type RegionLevel } from '@/core/domain/enums';

export function listRegions(db: Db, user: SessionUser, level?: RegionLevel) {
  return db
    .select({
      id: regions.id,
      code: regions.code,
      nameZh: regions.nameZh,
      nameEn: regions.nameEn,
      level: regions.level,
      parentId: regions.parentId,
      path: regions.path,
    })
    .from(regions)
    .where(and(regionInScope(user), level ? eq(regions.level, level) : undefined))
    .orderBy(asc(regions.code))
    .all();
}

export function regionCountsByLevel(db: Db) {
  return db.select({ level: regions.level, n: count() }).from(regions).groupBy(regions.level).all();
}

export function listStakeholderTypes(db: Db) {
  return db.select().from(stakeholderTypes).orderBy(sql`case ${stakeholderTypes.code} when 'county_town' then 1 when 'rural' then 2 else 3 end`).all();
}
