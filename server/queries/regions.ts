// Regions: the materialized path of ids ("/province/prefecture/county/township/…/", e.g.
// "/1/4/12/") read in one place, and the region lookups services share.
import 'server-only';
import { asc, eq, inArray, like, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { regions } from '@/db/schema';

/** The region ids along a path, from the province down. */
export function regionPathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** The county and township ids of a path (null when the region lies above that level). */
export function countyAndTownshipOf(path: string): { countyId: number | null; townshipId: number | null } {
  const ids = regionPathIds(path);
  return { countyId: ids[2] ?? null, townshipId: ids[3] ?? null };
}

/** A key shared by every region of one county ("1/4/12"); regions above county level keep their own path. */
export function countyKeyOf(path: string): string {
  return regionPathIds(path).slice(0, 3).join('/');
}

/** A key shared by every region of one province. */
export function provinceKeyOf(path: string): string {
  return String(regionPathIds(path)[0] ?? '');
}

/** Condition on `regions` rows: the region at `path` or below it. */
export function regionWithin(path: string): SQL {
  return like(regions.path, `${path}%`);
}

/** Regions by id, code and names: the given ones (read in chunks of bound parameters), else every one. */
export function regionNames(db: DbOrTx, ids?: readonly number[]) {
  const columns = { id: regions.id, code: regions.code, name: { en: regions.nameEn, 'zh-CN': regions.nameZh } };
  const rows = ids
    ? Array.from({ length: Math.ceil(ids.length / 500) }, (_, i) => db.select(columns).from(regions).where(inArray(regions.id, ids.slice(i * 500, i * 500 + 500))).all()).flat()
    : db.select(columns).from(regions).all();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The path of a region, for "this region and below" filters; undefined when there is none. */
export function regionPath(db: DbOrTx, id: number): string | undefined {
  return db.select({ path: regions.path }).from(regions).where(eq(regions.id, id)).get()?.path;
}

/** Counties, by code. */
export function listCounties(db: DbOrTx) {
  return db.select().from(regions).where(eq(regions.level, 'county')).orderBy(asc(regions.code)).all();
}

/** Region codes by id, for the given ids. */
export function regionCodes(db: DbOrTx, ids: number[]): Map<number, string> {
  if (ids.length === 0) return new Map();
  return new Map(db.select({ id: regions.id, code: regions.code }).from(regions).where(inArray(regions.id, ids)).all().map((r) => [r.id, r.code]));
}
