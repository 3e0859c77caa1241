// Regions visible to the caller: their scope subtrees (admins: everything).
import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { regions, stakeholderTypes } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { regionInScope } from '@/server/queries/scope';
import { STAKEHOLDER_TYPES, type RegionLevel } from '@/core/domain/enums';

export function listRegions(db: Db, user: SessionUser, level?: RegionLevel) {
  return db
    .select({
      id: regions.id,
      code: regions.code,
      name: { en: regions.nameEn, 'zh-CN': regions.nameZh },
      level: regions.level,
      parentId: regions.parentId,
      path: regions.path,
    })
    .from(regions)
    .where(and(regionInScope(user), level ? eq(regions.level, level) : undefined))
    .orderBy(asc(regions.code))
    .all();
}

/** The stakeholder types in their canonical order (STAKEHOLDER_TYPES). */
export function listStakeholderTypes(db: Db) {
  return db
    .select()
    .from(stakeholderTypes)
    .all()
    .sort((a, b) => STAKEHOLDER_TYPES.indexOf(a.code) - STAKEHOLDER_TYPES.indexOf(b.code));
}
