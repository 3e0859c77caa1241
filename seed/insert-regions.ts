// The demo's region tree: the province, its prefectures, their counties and townships.
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { regions } from '@/db/schema';
import { PREFECTURES, PROVINCE } from './geography';
import { idLookup } from './rows';

export type RegionCount = { province: number; prefecture: number; county: number; township: number };

/** Inserts the regions, parents first: a region's path needs its own id and its parent's path. */
export function insertRegions(tx: Tx): { count: RegionCount; regionId: (code: string) => number } {
  const count: RegionCount = { province: 0, prefecture: 0, county: 0, township: 0 };
  const ids = new Map<string, number>();
  const insert = (r: { code: string; nameZh: string; nameEn: string }, level: keyof RegionCount, parent: { id: number; path: string } | null) => {
    const { id } = tx
      .insert(regions)
      .values({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, level, parentId: parent?.id ?? null, path: '' })
      .returning({ id: regions.id })
      .get();
    const path = `${parent?.path ?? '/'}${id}/`;
    tx.update(regions).set({ path }).where(eq(regions.id, id)).run();
    count[level]++;
    ids.set(r.code, id);
    return { id, path };
  };
  const province = insert(PROVINCE, 'province', null);
  for (const prefecture of PREFECTURES) {
    const p = insert(prefecture, 'prefecture', province);
    for (const county of prefecture.counties) {
      const c = insert(county, 'county', p);
      for (const township of county.townships) insert(township, 'township', c);
    }
  }
  return { count, regionId: idLookup(ids, 'region') };
}
