// The region tree for its administration: one unit's children a page at a time with the
// stakeholders held below each, subtree tests on the materialized path, and the retired check.
import 'server-only';
import { and, asc, count, eq, inArray, isNotNull, isNull, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { regions, stakeholders, userRegionScopes } from '@/db/schema';
import { containsText } from './search';
import { regionPathIds } from './regions';

/**
 * The unit at `path` and everything below it, as a range on the path ("/1/4/" ≤ p < "/1/40"): a
 * range uses the path index, where LIKE 'prefix%' does not under SQLite's default collation.
 */
export function pathRange(column: SQLWrapper, path: string): SQL {
  const upper = `${path.slice(0, -1)}0`; // '0' sorts right after '/'
  return sql`(${column} >= ${path} and ${column} < ${upper})`;
}

export function getRegion(db: DbOrTx, id: number) {
  return db.select().from(regions).where(eq(regions.id, id)).get();
}

/** The units along a path, from the province down. */
export function regionAncestors(db: DbOrTx, path: string) {
  const ids = regionPathIds(path);
  if (ids.length === 0) return [];
  const rows = db
    .select({ id: regions.id, code: regions.code, nameZh: regions.nameZh, nameEn: regions.nameEn, level: regions.level, retiredAt: regions.retiredAt })
    .from(regions)
    .where(inArray(regions.id, ids))
    .all();
  return ids.flatMap((id) => rows.filter((r) => r.id === id));
}

/** The first retired unit on a path (the unit itself or one above it), if any. */
export function retiredUnitOnPath(db: DbOrTx, path: string) {
  const ids = regionPathIds(path);
  if (ids.length === 0) return undefined;
  return db
    .select({ id: regions.id, code: regions.code, nameZh: regions.nameZh })
    .from(regions)
    .where(and(inArray(regions.id, ids), isNotNull(regions.retiredAt)))
    .limit(1)
    .get();
}

/** Stakeholders registered in the unit at `path` or below it. */
export function stakeholdersWithin(db: DbOrTx, path: string): number {
  const row = db
    .select({ n: count() })
    .from(stakeholders)
    .innerJoin(regions, eq(regions.id, stakeholders.regionId))
    .where(pathRange(regions.path, path))
    .get();
  return row?.n ?? 0;
}

/** Users whose scope is the unit at `path` or a unit below it. */
export function scopesWithin(db: DbOrTx, path: string): number {
  const row = db
    .select({ n: count() })
    .from(userRegionScopes)
    .innerJoin(regions, eq(regions.id, userRegionScopes.regionId))
    .where(pathRange(regions.path, path))
    .get();
  return row?.n ?? 0;
}

export interface TreePageQuery {
  parentId: number | null;
  /** Matches code or either name anywhere below the parent (the whole tree without one). */
  search?: string;
  limit: number;
  offset: number;
}

/** A page of units (by code) with the stakeholders and child units each holds, and the total. */
export function regionTreePage(db: DbOrTx, parentPath: string | null, q: TreePageQuery) {
  const where = q.search
    ? and(
        parentPath ? and(pathRange(regions.path, parentPath), sql`${regions.path} <> ${parentPath}`) : undefined,
        or(containsText(regions.code, q.search), containsText(regions.nameZh, q.search), containsText(regions.nameEn, q.search)),
      )
    : q.parentId === null
      ? isNull(regions.parentId)
      : eq(regions.parentId, q.parentId);
  const total = db.select({ n: count() }).from(regions).where(where).get()?.n ?? 0;
  // The correlated counts run once per row of the page (at most 100), each on the path index.
  const items = db
    .select({
      id: regions.id,
      code: regions.code,
      nameZh: regions.nameZh,
      nameEn: regions.nameEn,
      level: regions.level,
      path: regions.path,
      retiredAt: regions.retiredAt,
      // Qualified by hand: drizzle leaves the outer columns unqualified, and the subquery would take them as its own.
      children: sql<number>`(select count(*) from ${regions} c where c.parent_id = "regions"."id")`.mapWith(Number),
      stakeholders: sql<number>`(select count(*) from ${stakeholders} s join ${regions} d on d.id = s.region_id
        where d.path >= "regions"."path" and d.path < substr("regions"."path", 1, length("regions"."path") - 1) || '0')`.mapWith(Number),
    })
    .from(regions)
    .where(where)
    .orderBy(asc(regions.code))
    .limit(q.limit)
    .offset(q.offset)
    .all();
  return { items, total };
}

/** Retires or reinstates one unit. */
export function setRetired(db: DbOrTx, id: number, retiredAt: Date | null) {
  return db.update(regions).set({ retiredAt }).where(eq(regions.id, id)).returning().get();
}

/** Deletes the unit at `path` and every unit below it, deepest first (children reference parents). */
export function deleteSubtree(db: DbOrTx, path: string): number {
  const rows = db.select({ id: regions.id, path: regions.path }).from(regions).where(pathRange(regions.path, path)).all();
  rows.sort((a, b) => b.path.length - a.path.length);
  for (const r of rows) db.delete(regions).where(eq(regions.id, r.id)).run();
  return rows.length;
}
