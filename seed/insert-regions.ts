// The demo's region tree: the province, its prefectures, their counties and townships.
import type { Tx } from '@/db/client';
import { importRegions, type DivisionUnit, type RegionCount } from '@/server/services/regions-import';
import { PREFECTURES, PROVINCE } from './geography';
import { idLookup } from './rows';

export type { RegionCount } from '@/server/services/regions-import';

/** The demo's tree in the shape the regions import takes. */
export function demoDivisions(): DivisionUnit {
  return {
    ...PROVINCE,
    level: 'province',
    children: PREFECTURES.map((p) => ({
      code: p.code,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      level: 'prefecture',
      children: p.counties.map((c) => ({
        code: c.code,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        level: 'county',
        children: c.townships.map((t) => ({ ...t, level: 'township', children: [] })),
      })),
    })),
  };
}

/** Inserts the demo's regions through the same import the regions command uses. */
export function insertRegions(tx: Tx): { count: RegionCount; regionId: (code: string) => number } {
  const { added, ids } = importRegions(tx, { province: demoDivisions() });
  return { count: added, regionId: idLookup(ids, 'region') };
}
