// Regions visible to the caller: their scope subtrees (admins: everything).
import 'server-only';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { regions, stakeholderTypes } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session';
import { regionInScope } from '@/server/queries/scope';
import { regionPathIds } from '@/server/queries/regions';
import { STAKEHOLDER_TYPES, type RegionLevel } from '@/core/domain/enums';
import { writeAudit } from '@/server/queries/audit';
import { deleteSubtree, getRegion, pathRange, regionAncestors, regionTreePage, scopesWithin, setRetired, stakeholdersWithin } from '@/server/queries/region-tree';
import { NotFoundError, ValidationError } from '@/server/errors';
import { vmsg } from '@/core/domain/messages';
import { pageOffset, pagedResult } from '@/core/schemas/list-params';
import type { RegionRenameInput, RegionTreeParams } from '@/core/schemas/regions';

/**
 * Units by code: of one level, or one county's (the county that is or holds `county`, and every
 * unit below it), or all of them. Pickers ask for the counties and then one county's units: a
 * province has thousands of townships.
 */
export function listRegions(db: Db, user: SessionUser, input: { level?: RegionLevel; county?: number } = {}) {
  let within: SQL | undefined;
  if (input.county !== undefined) {
    const unit = requireRegion(db, input.county);
    const countyId = regionPathIds(unit.path)[2];
    const county = countyId === undefined || countyId === unit.id ? unit : requireRegion(db, countyId);
    within = pathRange(regions.path, county.path);
  }
  return db
    .select({
      id: regions.id,
      code: regions.code,
      name: { en: regions.nameEn, 'zh-CN': regions.nameZh },
      level: regions.level,
      parentId: regions.parentId,
      path: regions.path,
      // Pickers leave retired units out for new stakeholders; filters keep them for the old ones.
      retiredAt: regions.retiredAt,
    })
    .from(regions)
    .where(and(regionInScope(user), input.level ? eq(regions.level, input.level) : undefined, within))
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

function requireRegion(db: Db, id: number) {
  const region = getRegion(db, id);
  if (!region) throw new NotFoundError('Region', id);
  return region;
}

/**
 * The administration's view of the tree: one unit (or the top) with its breadcrumb, and a page of
 * its children — or of the units below it matching a search — each with what it holds.
 */
export function browseRegions(db: Db, input: RegionTreeParams) {
  const parent = input.parentId ? requireRegion(db, input.parentId) : null;
  const { items, total } = regionTreePage(db, parent?.path ?? null, {
    parentId: parent?.id ?? null,
    search: input.search,
    limit: input.pageSize,
    offset: pageOffset(input),
  });
  return {
    parent: parent && { id: parent.id, code: parent.code, level: parent.level, retired: parent.retiredAt !== null },
    breadcrumb: parent ? regionAncestors(db, parent.path).map((r) => ({ id: r.id, code: r.code, name: { en: r.nameEn, 'zh-CN': r.nameZh } })) : [],
    ...pagedResult(
      items.map((r) => ({
        id: r.id,
        code: r.code,
        level: r.level,
        nameZh: r.nameZh,
        nameEn: r.nameEn,
        retired: r.retiredAt !== null,
        children: r.children,
        stakeholders: r.stakeholders,
      })),
      total,
      input,
    ),
  };
}

export function renameRegion(db: Db, user: SessionUser, input: RegionRenameInput) {
  const before = requireRegion(db, input.id);
  return db.transaction((tx) => {
    const row = tx.update(regions).set({ nameZh: input.nameZh, nameEn: input.nameEn }).where(eq(regions.id, input.id)).returning().get();
    writeAudit(tx, {
      actorId: user.id,
      action: 'region.rename',
      entity: 'region',
      entityId: input.id,
      before: { nameZh: before.nameZh, nameEn: before.nameEn },
      after: { nameZh: row.nameZh, nameEn: row.nameEn },
    });
    return row;
  });
}

/** A retired unit (merged or abolished) keeps its stakeholders and history but takes no new ones. */
export function setRegionRetired(db: Db, user: SessionUser, input: { id: number; retired: boolean }) {
  const before = requireRegion(db, input.id);
  return db.transaction((tx) => {
    const row = setRetired(tx, input.id, input.retired ? (before.retiredAt ?? new Date()) : null);
    writeAudit(tx, {
      actorId: user.id,
      action: input.retired ? 'region.retire' : 'region.reinstate',
      entity: 'region',
      entityId: input.id,
      before: { retiredAt: before.retiredAt },
      after: { retiredAt: row?.retiredAt ?? null },
    });
    return row;
  });
}

/**
 * Deletes an empty unit with the units below it. A unit that holds stakeholders (itself or below),
 * or that an assessor's scope names, stays: retire it instead.
 */
export function deleteRegion(db: Db, user: SessionUser, id: number) {
  const region = requireRegion(db, id);
  return db.transaction((tx) => {
    const held = stakeholdersWithin(tx, region.path);
    if (held > 0) {
      throw new ValidationError(`${region.code} ${region.nameZh} holds ${held} stakeholders and cannot be deleted; retire it instead.`, {
        _: [vmsg('validation.region.holdsStakeholders', { count: held })],
      }, 'region_in_use');
    }
    const scoped = scopesWithin(tx, region.path);
    if (scoped > 0) {
      throw new ValidationError(`${region.code} ${region.nameZh} is in ${scoped} assessors' scope and cannot be deleted.`, {
        _: [vmsg('validation.region.inScope', { count: scoped })],
      }, 'region_in_scope');
    }
    let deleted: number;
    try {
      deleted = deleteSubtree(tx, region.path);
    } catch (error) {
      // Stored figures of past runs may still name a unit whose stakeholders have since moved.
      if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
        throw new ValidationError(`${region.code} ${region.nameZh} is named in published results and cannot be deleted.`, {
          _: [vmsg('validation.region.inHistory')],
        }, 'region_in_history');
      }
      throw error;
    }
    writeAudit(tx, {
      actorId: user.id,
      action: 'region.delete',
      entity: 'region',
      entityId: id,
      before: { code: region.code, nameZh: region.nameZh, nameEn: region.nameEn, level: region.level, parentId: region.parentId },
      after: { deletedUnits: deleted },
    });
    return { deleted };
  });
}
